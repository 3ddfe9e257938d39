package dev.netproof.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tshark (Wireshark's command-line reader) as a differential oracle. Tests that use it carry
 * {@code @Tag("tshark")} and should start with {@code assumeTrue(Tshark.available())}.
 *
 * <p>Thread-safe; each call starts one process and waits at most a minute for it.
 */
public final class Tshark {
    private static volatile Boolean available;

    private Tshark() {
    }

    /** True when {@code tshark} runs on this machine. Checked once per JVM. */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                Process p = new ProcessBuilder("tshark", "--version")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                a = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                a = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                a = false;
            }
            available = a;
        }
        return a;
    }

    /**
     * One row per frame of {@code capture}, one column per field, via
     * {@code tshark -n -r FILE -T fields -E occurrence=f -e F1 -e F2 ...}. An absent field is "".
     *
     * @throws IllegalStateException if tshark fails (its stderr is in the message)
     */
    public static List<List<String>> fields(Path capture, String... fields) {
        return fields(capture, List.of(), "f", fields);
    }

    /**
     * As {@link #fields(Path, String...)}, with extra tshark {@code options} before the fields (e.g.
     * {@code -d udp.port==9995,cflow}) and the occurrence to print: {@code f} (first), {@code l} (last)
     * or {@code a} (all, separated by commas).
     */
    public static List<List<String>> fields(Path capture, List<String> options, String occurrence, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString()));
        cmd.addAll(options);
        cmd.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=" + occurrence));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : run(cmd).lines().toList()) {
            String[] cells = line.split("\t", -1);
            List<String> row = new ArrayList<>(List.of(cells));
            while (row.size() < fields.length) row.add("");
            rows.add(row);
        }
        return rows;
    }

    /** Runs {@code capinfos ARGS FILE} (part of the tshark package) and returns its standard output. */
    public static String capinfos(Path capture, String... args) {
        List<String> cmd = new ArrayList<>(List.of("capinfos"));
        cmd.addAll(List.of(args));
        cmd.add(capture.toString());
        return run(cmd);
    }

    /**
     * Concatenates captures with {@code mergecap -a -F pcapng -w OUTPUT INPUTS...}: one pcapng file
     * written by Wireshark's own library, with an interface per input, packets in input order.
     */
    public static void mergecap(Path output, List<Path> inputs) {
        List<String> cmd = new ArrayList<>(List.of("mergecap", "-a", "-F", "pcapng", "-w", output.toString()));
        for (Path p : inputs) cmd.add(p.toString());
        run(cmd);
    }

    /** tshark's {@code frame.time_epoch} ("1700000000.123456789") as nanoseconds since the epoch. */
    public static long epochNanos(String timeEpoch) {
        return new BigDecimal(timeEpoch).movePointRight(9).longValueExact();
    }

    /**
     * Runs a tshark-family command and returns its standard output.
     *
     * @throws IllegalStateException on a non-zero exit (with the tool's stderr) or after 60 s
     */
    public static String run(List<String> cmd) {
        try {
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + ": timed out");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": "
                            + Files.readString(err).strip());
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd.getFirst(), e);
        }
    }
}
