package org.spamtraffic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Language;

/** The same rule, broken the same way, told in each language with its hints. */
class LocalisedMessagesTest {
  @Test
  void englishIsTheReturnFormatsOwnText() {
    assertThat(Messages.render("country_code", "source_country", "KE", null))
        .isEqualTo("source_country 'KE' is not an ISO 3166-1 alpha-3 code (did you mean 'KEN'?).");
    assertThat(Messages.render("required", "period", "", null))
        .isEqualTo("period is required; give a value such as 2025-Q1 or 2025-03.");
  }

  @Test
  void eachLanguageSaysItWithItsOwnHints() {
    assertThat(Messages.render(Language.FRENCH, "country_code", "source_country", "KE", null))
        .isEqualTo(
            "source_country « KE » n’est pas un code ISO 3166-1 alpha-3 (vouliez-vous dire « KEN »"
                + " ?).");
    assertThat(Messages.render(Language.SPANISH, "required", "period", "", null))
        .isEqualTo("period es obligatorio; indique un valor, por ejemplo 2025-Q1 o 2025-03.");
    assertThat(Messages.render(Language.CHINESE, "required", "spam_type", "", null))
        .isEqualTo(
            "spam_type 为必填项；请填写一个值（以下之一：email, sms, voice, ip_messaging," + " ip_multimedia）。");
    assertThat(Messages.render(Language.RUSSIAN, "blocked_le_detected", null, "12", "10"))
        .isEqualTo(
            "spam_blocked (12) больше, чем spam_detected (10); заблокированный спам входит в"
                + " обнаруженный.");
    assertThat(Messages.render(Language.ARABIC, "negative", "spam_detected", "-5", null))
        .isEqualTo("القيمة «-5» في spam_detected سالبة؛ العدّ يبدأ من 0.");
  }

  @Test
  void aFindingIsToldInTheLanguageAskedFor() {
    Finding f = Finding.of("Return", 7, new Problem("spam_detected", "negative", "-5", null));
    assertThat(f.message()).isEqualTo(Messages.render("negative", "spam_detected", "-5", null));
    assertThat(f.message(Language.ENGLISH)).isEqualTo(f.message());
    assertThat(f.message(Language.FRENCH))
        .isEqualTo("spam_detected « -5 » est négatif ; les comptages commencent à 0.");
  }
}
