package org.spamtraffic.portal;

/** Small helpers for server-rendered pages: escaping and the page frame. */
final class Html {
  private Html() {}

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;
        color:#1b1b1b;background:#f6f7f9;font-size:16px;line-height:1.5}
      header{background:#00558c;color:#fff;padding:.6rem 1.5rem;display:flex;
        justify-content:space-between;align-items:center;flex-wrap:wrap}
      header a{color:#fff;margin-left:1rem}
      header .who{font-size:.9rem}
      main{max-width:64rem;margin:1.5rem auto;padding:0 1.5rem}
      h1{font-size:1.6rem;margin:.2rem 0 1rem}
      h2{font-size:1.2rem;margin-top:1.8rem}
      .box{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:1rem 1.2rem;
        margin:1rem 0}
      .ok{border-left:6px solid #1e7b34}
      .bad{border-left:6px solid #b3261e}
      .warn{border-left:6px solid #c98a00}
      table{border-collapse:collapse;width:100%;background:#fff}
      th,td{border:1px solid #d6dae0;padding:.35rem .6rem;text-align:left;vertical-align:top}
      th{background:#eef1f5}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      .level-error{color:#b3261e;font-weight:600}
      .level-warning{color:#8a5a00;font-weight:600}
      .level-info{color:#555}
      .button,button{background:#00558c;color:#fff;border:0;border-radius:4px;
        padding:.5rem 1rem;font-size:1rem;cursor:pointer;text-decoration:none;display:inline-block}
      input[type=password],input[type=text],select{font-size:1rem;padding:.4rem;width:24rem;
        max-width:100%}
      .muted{color:#555;font-size:.9rem}
      .message{background:#fdecea;border:1px solid #b3261e;padding:.6rem 1rem;border-radius:4px}
      """;

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A whole page: title, the header with who is signed in, and the body. */
  static String page(String title, Credentials.Principal who, String body) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(title))
        .append(" · Spam traffic returns</title><style>")
        .append(STYLE)
        .append("</style></head><body><header><strong>Spam traffic returns (ITU)</strong>");
    if (who != null) {
      b.append("<nav><span class=\"who\">Signed in as ")
          .append(esc(who.operator()))
          .append(who.role() == Credentials.Role.ANALYST ? " (analyst)" : "")
          .append("</span><a href=\"/upload\">Upload</a><a href=\"/history\">")
          .append(who.role() == Credentials.Role.ANALYST ? "All submissions" : "My submissions")
          .append("</a><a href=\"/template\">Template</a>")
          .append("<form method=\"post\" action=\"/signout\" style=\"display:inline\">")
          .append("<button style=\"margin-left:1rem;padding:.2rem .6rem\">Sign out</button>")
          .append("</form></nav>");
    }
    b.append("</header><main>").append(body).append("</main></body></html>");
    return b.toString();
  }
}
