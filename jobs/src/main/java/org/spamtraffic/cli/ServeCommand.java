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
      "Runs the upload portal: operators sign in with their token, download the template, upload"
          + " returns and read the checks at once; scripts use POST /api/returns. With no"
          + " options it listens on 127.0.0.1:8080 and keeps everything under ./out/.",
      "Create tokens first with: bin/spamtraffic tokens create --operator ID."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic serve",
      "  bin/spamtraffic serve --landing /srv/landing --trusted-proxy 10.0.0.2"
    })
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; put a TLS proxy in"
              + " front before opening it to operators).")
  String host;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "out",
      description =
          "Output root, as for the study (default: ${DEFAULT-VALUE}): the landing folder, the"
              + " portal's state and the warehouse are under it unless given.")
  Path out;

  @Option(
      names = LandingOption.OPTION,
      paramLabel = "DIR",
      description =
          "The landing folder uploads are stored in, the one ingest-returns reads (default:"
              + " <out>/landing).")
  Path landing;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "Folder for check results and marked workbooks (default: <out>/portal-state).")
  Path state;

  @Option(
      names = "--users",
      paramLabel = "FILE",
      defaultValue = "portal-users.json",
      description = "Credentials file, as tokens writes it (default: ./${DEFAULT-VALUE}).")
  Path users;

  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      description =
          "The warehouse whose submissions table gives each file's batch status (default:"
              + " <out>/warehouse; statuses wait until it exists).")
  String warehouse;

  @Option(
      names = "--max-upload-mb",
      defaultValue = "50",
      paramLabel = "MB",
      description = "Largest upload in MB (default: ${DEFAULT-VALUE}).")
  long maxUploadMb;

  @Option(
      names = "--uploads-per-minute",
      defaultValue = "10",
      paramLabel = "N",
      description = "Uploads allowed per operator and minute (default: ${DEFAULT-VALUE}).")
  int uploadsPerMinute;

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDRESS",
      description =
          "Address of the TLS reverse proxy in front of the portal: its X-Forwarded-For and"
              + " X-Forwarded-Proto headers are believed (client address, HTTPS); from others,"
              + " ignored.")
  String trustedProxy;

  @Option(
      names = "--secure-cookies",
      description = "Mark cookies Secure always (default: only on HTTPS requests).")
  boolean secureCookies;

  @Option(
      names = "--public-origin",
      paramLabel = "URL",
      description = "The origin browsers see, e.g. https://returns.example.org (cross-site check).")
  String publicOrigin;

  @Option(
      names = "--max-connections-per-address",
      defaultValue = "32",
      paramLabel = "N",
      description =
          "Open connections allowed per client address, 0 for no limit (default:"
              + " ${DEFAULT-VALUE}).")
  int maxConnectionsPerAddress;

  @Option(
      names = "--max-concurrent-uploads",
      defaultValue = "8",
      paramLabel = "N",
      description = "Uploads received at once (default: ${DEFAULT-VALUE}).")
  int maxConcurrentUploads;

  @Spec CommandSpec spec;

  private Path landing() {
    return landing == null ? out.resolve("landing") : landing;
  }

  @Override
  public Integer call() throws InterruptedException {
    Portal portal =
        Portal.start(
            new Portal.Options(
                    host,
                    port,
                    landing(),
                    state == null ? out.resolve("portal-state") : state,
                    users,
                    warehouse == null ? out.resolve("warehouse").toString() : warehouse,
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
            landing());
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
