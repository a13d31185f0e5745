package org.spamtraffic.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItuRegionsTest {

  @Test
  void everyCountryMapsToExactlyOneKnownRegion() {
    Map<String, Integer> seen = new HashMap<>();
    for (Map<String, String> row : ReferenceCsv.rows(ItuRegions.FILE)) {
      seen.merge(row.get("alpha3"), 1, Integer::sum);
      assertThat(ItuRegions.REGIONS).as(row.get("alpha3")).contains(row.get("itu_region"));
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(Countries.alpha3());
    assertThat(seen.values()).allMatch(n -> n == 1);
  }

  @Test
  void membersOfTheRegionsThatCrossContinentsAreWhereItuPutsThem() {
    assertThat(ItuRegions.regionOf("EGY")).isEqualTo("Arab States");
    assertThat(ItuRegions.regionOf("SAU")).isEqualTo("Arab States");
    assertThat(ItuRegions.regionOf("KAZ")).isEqualTo("CIS");
    assertThat(ItuRegions.regionOf("RUS")).isEqualTo("CIS");
    assertThat(ItuRegions.regionOf("TUR")).isEqualTo("Europe");
    assertThat(ItuRegions.regionOf("ISR")).isEqualTo("Europe");
    assertThat(ItuRegions.regionOf("KEN")).isEqualTo("Africa");
    assertThat(ItuRegions.regionOf("IRN")).isEqualTo("Asia & Pacific");
    assertThat(ItuRegions.regionOf("FJI")).isEqualTo("Asia & Pacific");
    assertThat(ItuRegions.regionOf("BRA")).isEqualTo("Americas");
    // A territory follows its geography, not its sovereign.
    assertThat(ItuRegions.regionOf("REU")).isEqualTo("Africa");
    assertThat(ItuRegions.regionOf("GRL")).isEqualTo("Americas");
  }

  @Test
  void everyRegionHasMembersAndAfricaHasItsFortyFourMemberStatesPlusTerritories() {
    Map<String, Long> counts = new HashMap<>();
    ItuRegions.byAlpha3().values().forEach(r -> counts.merge(r, 1L, Long::sum));
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ItuRegions.REGIONS);
    assertThat(counts.get("CIS")).isEqualTo(9L);
    assertThat(counts.get("Africa")).isEqualTo(49L);
  }

  @Test
  void anUnknownCodeIsNamedInTheError() {
    assertThatThrownBy(() -> ItuRegions.regionOf("XXX")).hasMessageContaining("'XXX'");
  }

  @Test
  void everyCountryHasADevelopmentStatus() {
    assertThat(DevelopmentStatus.byAlpha3().keySet())
        .containsExactlyInAnyOrderElementsOf(Countries.alpha3());
    assertThat(DevelopmentStatus.byAlpha3().values())
        .allMatch(s -> List.of("developed", "developing").contains(s));
    assertThat(DevelopmentStatus.byAlpha3().get("JPN")).isEqualTo("developed");
    assertThat(DevelopmentStatus.byAlpha3().get("DEU")).isEqualTo("developed");
    assertThat(DevelopmentStatus.byAlpha3().get("BRA")).isEqualTo("developing");
  }

  @Test
  void quotedCellsKeepTheirCommas() {
    assertThat(ReferenceCsv.split("BES,\"Bonaire, Sint Eustatius and Saba\",x"))
        .containsExactly("BES", "Bonaire, Sint Eustatius and Saba", "x");
    assertThat(ReferenceCsv.split("a,\"say \"\"hi\"\"\",")).containsExactly("a", "say \"hi\"", "");
  }
}
