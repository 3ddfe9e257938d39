package dev.netproof.app.cli;

import dev.netproof.app.ingest.IngestPipeline;
import picocli.CommandLine.Option;

/** Which application analyzers run during an ingest, and whether HTTP secrets are withheld. */
public final class AnalyzerOptions {
    @Option(names = "--no-dns", negatable = false, description = "Skip the DNS analyzer (transactions into dns_events).")
    boolean noDns;

    @Option(names = "--no-http", negatable = false, description = "Skip the HTTP/1.x analyzer (requests into http_events).")
    boolean noHttp;

    @Option(names = "--no-tls", negatable = false, description = "Skip the TLS analyzer (handshakes into tls_events).")
    boolean noTls;

    @Option(names = "--no-redact", negatable = false,
            description = "Keep HTTP URIs and referrers as sent (by default token-like query parameters and card numbers are "
                    + "masked). Credential header values (Authorization, Cookie, ...) are never stored.")
    boolean noRedact;

    @Option(names = "--no-exports", negatable = false,
            description = "Do not decode flow exports (NetFlow, IPFIX, sFlow datagrams) found in the capture.")
    boolean noExports;

    @Option(names = "--export-ports", defaultValue = "2055,4739,6343,9995,9996", split = ",", paramLabel = "PORT[,PORT]|any",
            description = "UDP ports whose datagrams are read as flow exports; 'any' adds every datagram that starts "
                    + "with an export version (default: ${DEFAULT-VALUE}).")
    java.util.List<String> exportPorts;

    /** All analyzers on, redaction on. */
    static AnalyzerOptions defaults() {
        return new AnalyzerOptions();
    }

    IngestPipeline apply(IngestPipeline p) {
        PortList ports = PortList.parse("--export-ports",
                exportPorts == null ? java.util.List.of("2055", "4739", "6343", "9995", "9996") : exportPorts, "any");
        return p.dns(!noDns).http(!noHttp).tls(!noTls).redact(!noRedact).exports(!noExports, ports.ports(), ports.keyword());
    }
}
