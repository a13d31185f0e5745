package org.spamtraffic.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LanguageTest {
  @Test
  void theSixByCodeAndTag() {
    assertThat(Language.codes()).containsExactly("en", "fr", "es", "ar", "zh", "ru");
    assertThat(Language.of("FR")).isEqualTo(Language.FRENCH);
    assertThat(Language.of("zh-Hans-CN")).isEqualTo(Language.CHINESE);
    assertThat(Language.of("ar_EG")).isEqualTo(Language.ARABIC);
    assertThat(Language.CHINESE.tag()).isEqualTo("zh-CN");
    assertThat(Language.ARABIC.rightToLeft()).isTrue();
    assertThat(Language.RUSSIAN.rightToLeft()).isFalse();
    assertThatThrownBy(() -> Language.of("de"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown language 'de'")
        .hasMessageContaining("en, fr, es, ar, zh, ru");
  }

  @Test
  void acceptLanguageTakesTheBestOfTheSix() {
    assertThat(Language.fromAcceptLanguage("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7"))
        .isEqualTo(Language.FRENCH);
    assertThat(Language.fromAcceptLanguage("ar-SA")).isEqualTo(Language.ARABIC);
    assertThat(Language.fromAcceptLanguage("zh-CN,zh;q=0.9")).isEqualTo(Language.CHINESE);
    assertThat(Language.fromAcceptLanguage("en;q=0.1, ru;q=0.5")).isEqualTo(Language.RUSSIAN);
    assertThat(Language.fromAcceptLanguage("de, *;q=0.5")).isEqualTo(Language.ENGLISH);
    assertThat(Language.fromAcceptLanguage("fr;q=0, es")).isEqualTo(Language.SPANISH);
    assertThat(Language.fromAcceptLanguage("")).isEqualTo(Language.ENGLISH);
    assertThat(Language.fromAcceptLanguage(";;;q=x")).isEqualTo(Language.ENGLISH);
  }
}
