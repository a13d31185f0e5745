package org.spamtraffic.evidence.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;

/**
 * The adapter over Debian's carrier data (libphonenumber8-java, installed by .ci/run): this test
 * fails, never skips, when the package is missing or its classes no longer fit.
 */
class CarrierNamesTest {
  @Test
  void namesTheCarrierOfARangeFromDebiansData() throws Exception {
    CarrierNames names = CarrierNames.debian();
    assertThat(names.available())
        .as("Debian package libphonenumber8-java (/usr/share/java/carrier.jar) is installed")
        .isTrue();
    assertThat(names.version()).matches("[0-9.]+");
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    assertThat(names.of(util.parse("+254712345678", "KE"))).contains("Safaricom");
    assertThat(names.of(util.parse("+14155552671", "US"))).isEmpty(); // no carrier data for NANP
    assertThat(CarrierNames.none().of(util.parse("+254712345678", "KE"))).isEmpty();
  }
}
