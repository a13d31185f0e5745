package org.spamtraffic.stage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintedLocationTest {
  @Test
  void aLocalFolderIsAPlainPathAndARemoteOneItsUri() {
    assertThat(PrintedLocation.of("file:/tmp/out/reports/sample"))
        .isEqualTo("/tmp/out/reports/sample");
    assertThat(PrintedLocation.of("/tmp/out")).isEqualTo("/tmp/out");
    assertThat(PrintedLocation.of("hdfs://nn:8020/spam/reports"))
        .isEqualTo("hdfs://nn:8020/spam/reports");
    assertThat(PrintedLocation.of("s3a://bucket/spam")).isEqualTo("s3a://bucket/spam");
  }
}
