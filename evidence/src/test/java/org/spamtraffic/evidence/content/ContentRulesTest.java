package org.spamtraffic.evidence.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentRulesTest {
  final ContentRules rules = ContentRules.standard();

  ContentRules.Verdict text(String s, String... links) {
    return rules.classify(Content.ofText(s.toLowerCase(java.util.Locale.ROOT), List.of(links)));
  }

  @Test
  void eachCategoryByItsRuleAndTheOrderDecides() {
    Content exe =
        new Content(
            "invoice",
            "see attached",
            List.of(),
            List.of("invoice.pdf.exe"),
            List.of("application/octet-stream"),
            true,
            false);
    assertThat(rules.classify(exe))
        .isEqualTo(new ContentRules.Verdict("malware", "malware.executable_attachment"));
    Content macro =
        new Content(
            "",
            "",
            List.of(),
            List.of("report.xlsm"),
            List.of("application/vnd.ms-excel.sheet.macroenabled.12"),
            false,
            false);
    assertThat(rules.classify(macro).rule()).isEqualTo("malware.macro_attachment");
    assertThat(text("please log in", "http://paypal.com.account-verify.example/login").rule())
        .isEqualTo("phishing.lookalike_domain");
    assertThat(text("x", "https://www.paypa1.com/").rule()).isEqualTo("phishing.lookalike_domain");
    assertThat(text("x", "https://rnicrosoft.com/").rule()).isEqualTo("phishing.lookalike_domain");
    assertThat(text("x", "https://www.paypal.com/signin", "https://ebay.co.uk/x").category())
        .isEqualTo("unknown");
    assertThat(text("Your account has been suspended, verify your account today").rule())
        .isEqualTo("phishing.credential_request");
    assertThat(
            text("I am a barrister; my late client left USD 12.5 million, you are the beneficiary")
                .rule())
        .isEqualTo("fraud_scam.advance_fee");
    assertThat(text("the lottery was fun").category())
        .isEqualTo("unknown"); // one phrase is not enough
    assertThat(text("Pay the release fee by Western Union today").rule())
        .isEqualTo("fraud_scam.payment_fraud");
    assertThat(text("Save up to 70% on life insurance, click here").rule())
        .isEqualTo("commercial.marketing_text");
    assertThat(text("see you at lunch"))
        .isEqualTo(new ContentRules.Verdict("unknown", ContentRules.NOTHING_FIRED));
    // Malware wins over phishing wins over commercial.
    Content both =
        new Content(
            "verify your account",
            "click here",
            List.of(),
            List.of("x.scr"),
            List.of(),
            true,
            true);
    assertThat(rules.classify(both).category()).isEqualTo("malware");
  }

  @Test
  void hostsAndEditDistance() {
    assertThat(ContentRules.host("http://paypal.com@evil.example/x")).isEqualTo("evil.example");
    assertThat(ContentRules.host("https://WWW.Example.COM:8080/")).isEqualTo("www.example.com");
    assertThat(ContentRules.host("http://192.0.2.1/")).isNull();
    assertThat(ContentRules.host("mailto:a@b")).isNull();
    assertThat(ContentRules.withinOneEdit("amazom", "amazon")).isTrue();
    assertThat(ContentRules.withinOneEdit("amzaon", "amazon")).isTrue();
    assertThat(ContentRules.withinOneEdit("amazonn", "amazon")).isTrue();
    assertThat(ContentRules.withinOneEdit("amazing", "amazon")).isFalse();
    assertThat(rules.lookalike("pineapple.com")).isFalse();
    assertThat(rules.lookalike("secure-apple.com")).isTrue();
    assertThat(rules.lookalike("support.apple.com")).isFalse();
  }
}
