package dev.netproof.app.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code netproof} main class in a child JVM, which a test may kill with SIGKILL. */
final class NetproofProcess {
    record Result(int exit, String out, String err) {}

    private final Process process;
    private final Path out, err;

    private NetproofProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static NetproofProcess start(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        // DuckDB's driver unpacks its 60 MB library into the temp directory and deletes it at exit, which a
        // SIGKILL skips: in the test's own directory it goes with the directory, not into /tmp for good.
        cmd.add("-Djava.io.tmpdir=" + workDir.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.netproof.app.Main");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt"), err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        return new NetproofProcess(p, out, err);
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return start(workDir, args).waitFor();
    }

    /** Waits until the process has written to stderr (e.g. its first progress bar: the file is being read). */
    void awaitStderr() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Files.size(err) == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) return;
            Thread.sleep(10);
        }
    }

    /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux); true if it was still running. */
    boolean kill() throws InterruptedException {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        process.waitFor();
        return alive;
    }

    Result waitFor() throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("netproof did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
