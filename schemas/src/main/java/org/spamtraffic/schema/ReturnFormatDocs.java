package org.spamtraffic.schema;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/return-format.md} from the return format, so that the human-readable
 * description can never drift from the schema (a test compares the committed file with this
 * rendering).
 */
public final class ReturnFormatDocs {
  private ReturnFormatDocs() {}

  /** The Markdown description of {@code format}. */
  public static String markdown(ReturnFormat format) {
    StringBuilder s = new StringBuilder();
    s.append("# The operator return format, version ").append(format.version()).append("\n\n");
    s.append("<!-- Generated from schemas/")
        .append(ReturnFormat.SCHEMA_FILE)
        .append(" by ReturnFormatDocs; ReturnFormatDocsTest fails when they differ.")
        .append(" Regenerate: mvn -pl schemas test -Dregenerate.docs=true -->\n\n");
    s.append(
        "One row per measurement: what one operator saw of one spam type, content category "
            + "and route in one period. A file is CSV (UTF-8 with or without BOM, or UTF-16 as Excel "
            + "writes it; comma, semicolon or tab), XLSX or XLS, with one header row. Column order is "
            + "free; headers are matched ignoring case, spaces, dashes and underscores, and may be the "
            + "column name, an alias or the label in any language below. One file holds one "
            + "operator's figures.\n\n");
    s.append("Rows with the same ")
        .append(String.join(", ", format.key()))
        .append(" may appear once per file. `service_size` and `total_traffic` are one figure per ")
        .append(String.join(", ", format.serviceLevelKey()))
        .append(": repeat it on every row of that service.\n\n");
    s.append("## Columns\n\n");
    s.append("| column | required | values | meaning | labels |\n|---|---|---|---|---|\n");
    for (Field f : format.fields()) {
      s.append("| `")
          .append(f.name())
          .append("` | ")
          .append(f.required() ? "yes" : "no")
          .append(" | ")
          .append(values(f))
          .append(" | ")
          .append(escape(f.description()))
          .append(" | ")
          .append(
              f.labels().entrySet().stream()
                  .map(e -> e.getKey() + ": " + escape(e.getValue()))
                  .collect(Collectors.joining("<br>")))
          .append(" |\n");
    }
    s.append("\n## Codes\n\n");
    for (Field f : format.fields()) {
      if (f.kind() != FieldKind.CODE) {
        continue;
      }
      s.append("`").append(f.name()).append("`: ");
      s.append(
          f.codes().stream()
              .map(c -> "`" + c + "` (" + f.codeLabel(c, "en") + ")")
              .collect(Collectors.joining(", ")));
      s.append(". Labels in any language are accepted too.\n\n");
    }
    s.append("## Rules\n\n| rule | level | scope | checks | message |\n|---|---|---|---|---|\n");
    for (Rule r : format.rules().values()) {
      s.append("| `")
          .append(r.id())
          .append("` | ")
          .append(r.level().code())
          .append(" | ")
          .append(r.scope())
          .append(" | ")
          .append(escape(r.description()))
          .append(" | ")
          .append(escape(r.message()))
          .append(" |\n");
    }
    return s.toString();
  }

  private static String values(Field f) {
    switch (f.kind()) {
      case CODE:
        return "code list below";
      case COUNTRY:
        return "ISO 3166-1 alpha-3" + (f.allowsUnknown() ? " or `unknown`" : "");
      case PERIOD:
        return "`YYYY-Qn` or `YYYY-MM`";
      case MEASURE:
        return "whole number ≥ 0";
      case TEXT:
        return f.pattern()
            .map(p -> "text like `" + f.example() + "`")
            .orElse(String.format(Locale.ROOT, "text, at most %d characters", f.maxLength()));
    }
    return "";
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
