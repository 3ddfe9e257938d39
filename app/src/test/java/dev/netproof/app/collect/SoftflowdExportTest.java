package dev.netproof.app.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netproof.store.Store;
import dev.netproof.source.flow.listen.Collector;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real exporters, end to end: Debian's softflowd reads a bundled capture and exports its flows as
 * NetFlow v5, v9 and IPFIX over loopback, to netproof's collector and, in the same run, to nfdump's
 * nfcapd. What netproof stores must be what nfcapd stored (same 5-tuples, packets and bytes), and as
 * many records as softflowd says it exported; nothing lost, duplicated or reordered in the ledger.
 * IPFIX over TCP, which nfcapd does not take, is checked against softflowd's own count and against the
 * same records over UDP.
 */
@Tag("softflowd")
class SoftflowdExportTest {
    private static final Path CAPTURE = Path.of("src/main/resources/samples/zeek-wikipedia.pcap");
    private static final Pattern EXPORTED = Pattern.compile("Flows exported: (\\d+) \\((\\d+) records\\) in (\\d+) packets");

    @TempDir Path dir;

    static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "softflowd -v {0}")
    @ValueSource(strings = {"5", "9", "10", "10/tcp"})
    void whatNetproofStoresIsWhatSoftflowdExportedAndNfcapdStored(String variant) throws Exception {
        assumeTrue(installed("softflowd") && installed("nfcapd") && installed("nfdump"), "softflowd and nfdump are installed");
        boolean tcp = variant.endsWith("/tcp");
        String version = variant.replace("/tcp", "");
        InetAddress lo = InetAddress.getLoopbackAddress();
        Collector.Config config = new Collector.Config(lo, tcp ? List.of() : List.of(0), tcp ? List.of(0) : List.of(),
                1 << 22, 1 << 22);
        Path nfDir = Files.createDirectories(dir.resolve("nfcapd"));
        List<String> ours;
        int records;
        long lost;
        long reordered;
        Process nfcapd = null;
        try (Store store = Store.open(dir.resolve("store"))) {
            CollectRun run = new CollectRun(store, config);
            try {
                run.start();
                int port = tcp ? run.tcpListeners().getFirst().port() : run.listeners().getFirst().port();
                String out = runTool(softflowd(version, port, tcp, dir));
                if (!tcp) {
                    // softflowd 1.1 sends to its last -n only, so nfcapd gets a second, identical run of the same file
                    int nfPort = freeUdpPort();
                    nfcapd = new ProcessBuilder("nfcapd", "-w", nfDir.toString(), "-p", String.valueOf(nfPort), "-b", "127.0.0.1",
                            "-t", "3600").redirectErrorStream(true).redirectOutput(dir.resolve("nfcapd.log").toFile()).start();
                    waitForUdpSocket(nfPort);
                    String second = runTool(softflowd(version, nfPort, false, dir));
                    Matcher a = EXPORTED.matcher(out);
                    Matcher b = EXPORTED.matcher(second);
                    assertTrue(a.find() && b.find() && a.group().equals(b.group()), "the two runs exported alike: " + second);
                }
                Matcher m = EXPORTED.matcher(out);
                assertTrue(m.find(), "softflowd's statistics: " + out);
                records = Integer.parseInt(m.group(2));
                int datagrams = Integer.parseInt(m.group(3));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (run.datagrams() < datagrams && System.nanoTime() < deadline) Thread.sleep(20);
                assertEquals(datagrams, run.datagrams(), "every export datagram softflowd sent reached the collector");
            } finally {
                run.close();
            }
            var account = run.exporters();
            assertEquals(1, account.size(), account.toString());
            lost = account.getFirst().lost();
            reordered = account.getFirst().reordered();
            ours = stored(store);
        }
        assertEquals(records, ours.size(), "as many records as softflowd exported");
        assertEquals(0, lost, "no loss by sequence on loopback");
        assertEquals(0, reordered);
        if (nfcapd != null) {
            nfcapd.destroy(); // SIGTERM: nfcapd writes its file out and exits
            assertTrue(nfcapd.waitFor(20, TimeUnit.SECONDS));
            List<String> theirs = nfdump(nfDir);
            assertEquals(theirs, ours, "netproof and nfcapd stored the same flows from the same export");
        }
    }

    private static List<String> softflowd(String version, int port, boolean tcp, Path dir) {
        List<String> cmd = new ArrayList<>(List.of("softflowd", "-r", CAPTURE.toString(), "-v", version, "-d",
                // no control socket: softflowd 1.1.0 polls it with an uninitialised result in -r mode and
                // can block in accept() for ever, depending on what its stack held
                "-c", "none", "-p", dir.resolve("sf.pid").toString(), "-n", "127.0.0.1:" + port));
        if (tcp) cmd.addAll(List.of("-P", "tcp"));
        return cmd;
    }

    /** src|dst|sport|dport|proto|packets|bytes of every stored record, sorted. */
    private static List<String> stored(Store store) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = store.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT src_addr, dst_addr, src_port, dst_port, proto, packets, bytes FROM export_flows")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getInt(4) + "|" + rs.getInt(5)
                        + "|" + rs.getLong(6) + "|" + rs.getLong(7));
            }
        }
        rows.sort(null);
        return rows;
    }

    /** The same, from nfdump's CSV of what nfcapd stored (ICMP's type.code as NetFlow's type * 256 + code). */
    private static List<String> nfdump(Path nfDir) throws Exception {
        String csv = runTool(List.of("nfdump", "-R", nfDir.toString(), "-q", "-o", "csv"));
        List<String> rows = new ArrayList<>();
        for (String line : csv.lines().toList()) {
            String[] f = line.split(",");
            if (f.length < 13 || f[0].startsWith("ts")) continue;
            String dport = f[6].contains(".")
                    ? String.valueOf(Integer.parseInt(f[6].substring(0, f[6].indexOf('.'))) * 256
                            + Integer.parseInt(f[6].substring(f[6].indexOf('.') + 1)))
                    : f[6];
            rows.add(f[3] + "|" + f[4] + "|" + f[5] + "|" + dport + "|" + proto(f[7].trim()) + "|" + f[11] + "|" + f[12]);
        }
        rows.sort(null);
        return rows;
    }

    private static int proto(String name) {
        return switch (name) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "ICMP" -> 1;
            case "ICMP6" -> 58;
            default -> Integer.parseInt(name);
        };
    }

    private static String runTool(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits (at most 10 s) until some process has a UDP socket bound to {@code port}. */
    private static void waitForUdpSocket(int port) throws Exception {
        String hex = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.readString(Path.of("/proc/net/udp")).contains(hex) || Files.readString(Path.of("/proc/net/udp6")).contains(hex)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nfcapd did not bind udp port " + port);
    }
}
