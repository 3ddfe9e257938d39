package dev.netproof.app;

import dev.netproof.app.cli.CollectCommand;
import dev.netproof.app.cli.DemoCommand;
import dev.netproof.app.cli.ExtractCommand;
import dev.netproof.app.cli.IngestCommand;
import dev.netproof.app.cli.QueryCommand;
import dev.netproof.app.cli.ServeCommand;
import dev.netproof.app.cli.UserError;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netproof} command line: sub-commands, help, and errors as one line and an exit code. */
@Command(name = "netproof", mixinStandardHelpOptions = true, version = "netproof 0.1.0",
        description = "Network telemetry you can prove: flows from packets, with the quality of every answer.")
public final class Main implements Runnable {
    /** Exit codes: 0 success, 1 failure (a fault in the input or the store), 2 a usage mistake. */
    public static final int OK = 0, FAILED = 1, USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The sub-commands, in the order help lists them. Each is made only when needed: picocli reads a command's
     * annotations (options, mixins, its own sub-commands) when it is added, and doing that for every command took
     * about a quarter of a second of each run (measured: the whole tree 480 ms in a fresh JVM, {@code ingest} alone
     * 231 ms).
     */
    static final List<String> COMMANDS = List.of("demo", "ingest", "collect", "query", "serve", "extract", "help");

    // a switch, not a map of constructor references: JDK 25.0.3 crashed writing the launcher's AOT cache with
    // those in a static map (archiveHeapWriter.cpp:757, "Metadata ... should have been archived")
    private static Object command(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "ingest" -> new IngestCommand();
            case "collect" -> new CollectCommand();
            case "query" -> new QueryCommand();
            case "serve" -> new ServeCommand();
            case "extract" -> new ExtractCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The whole command line, every sub-command in it. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The command line for {@code args}: only the sub-command they name when they start with one (but not
     * {@code help}, which describes the others), else all of them (the top-level help, or a mistake that the
     * usage message then lists every command for).
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0]) && !args[0].equals("help")) return commandLine(List.of(args[0]));
        return commandLine();
    }

    private static CommandLine commandLine(java.util.Collection<String> names) {
        CommandLine cl = new CommandLine(new Main());
        for (String n : names) cl.addSubcommand(n, command(n));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof UserError u) {
                err.println("netproof: " + u.getMessage());
                return u.exitCode();
            }
            err.println("netproof: " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage()));
            if (System.getenv("NETPROOF_DEBUG") != null) ex.printStackTrace(err);
            return FAILED;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("netproof: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        return cl;
    }

    static String oneLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine(args).execute(args);
        } catch (Throwable t) {
            // Errors (a missing native library, out of memory) bypass picocli's handler: still one line.
            System.err.println("netproof: " + t.getClass().getSimpleName() + ": " + oneLine(String.valueOf(t.getMessage())));
            if (System.getenv("NETPROOF_DEBUG") != null) t.printStackTrace();
            code = FAILED;
        }
        System.exit(code);
    }
}
