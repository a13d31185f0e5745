package org.spamtraffic.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spamtraffic.portal.Portal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the operators' upload portal until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the upload portal: operators sign in with their token, download the template,",
      "upload returns and read the checks at once; scripts use POST /api/returns.",
      "Create tokens first with: bin/spamtraffic tokens create --operator ID"
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "Port (default: 8080)")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: 127.0.0.1; put a TLS proxy in front)")
  String host;

  @Option(names = "--landing", required = true, description = "Landing folder ingest-returns reads")
  Path landing;

  @Option(
      names = "--state",
      defaultValue = "portal-state",
      description = "Folder for check results and marked workbooks (default: ./portal-state)")
  Path state;

  @Option(
      names = "--users",
      defaultValue = "portal-users.json",
      description = "Credentials file (default: ./portal-users.json)")
  Path users;

  @Option(
      names = "--warehouse",
      description = "Warehouse URI whose submissions table gives each file's batch status")
  String warehouse;

  @Option(
      names = "--max-upload-mb",
      defaultValue = "50",
      description = "Largest upload in MB (default: 50)")
  long maxUploadMb;

  @Option(
      names = "--uploads-per-minute",
      defaultValue = "10",
      description = "Uploads allowed per operator and minute (default: 10)")
  int uploadsPerMinute;

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDRESS",
      description = {
        "Address of the TLS reverse proxy in front of the portal: its X-Forwarded-For and",
        "X-Forwarded-Proto headers are believed (client address, HTTPS); from others, ignored"
      })
  String trustedProxy;

  @Option(
      names = "--secure-cookies",
      description = "Mark cookies Secure always (default: only on HTTPS requests)")
  boolean secureCookies;

  @Option(
      names = "--public-origin",
      paramLabel = "URL",
      description = "The origin browsers see, e.g. https://returns.example.org (cross-site check)")
  String publicOrigin;

  @Option(
      names = "--max-connections-per-address",
      defaultValue = "32",
      description = "Open connections allowed per client address, 0 for none (default: 32)")
  int maxConnectionsPerAddress;

  @Option(
      names = "--max-concurrent-uploads",
      defaultValue = "8",
      description = "Uploads received at once (default: 8)")
  int maxConcurrentUploads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Portal portal =
        Portal.start(
            new Portal.Options(
                    host,
                    port,
                    landing,
                    state,
                    users,
                    warehouse,
                    maxUploadMb * 1_000_000,
                    uploadsPerMinute)
                .withLimits(
                    new Portal.Limits(
                        Portal.Limits.DEFAULT.signInFailuresPerMinute(),
                        maxConcurrentUploads,
                        maxConnectionsPerAddress,
                        Portal.Limits.DEFAULT.headerTimeout(),
                        Portal.Limits.DEFAULT.idleTimeout(),
                        Portal.Limits.DEFAULT.minRequestBytesPerSecond()))
                .withNetwork(new Portal.Network(trustedProxy, secureCookies, publicOrigin)),
            System.out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "serve            portal on http://%s:%d/ (landing %s); Ctrl-C stops it%n",
            host,
            portal.port(),
            landing);
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  portal.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
