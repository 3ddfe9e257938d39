package dev.netproof.app;

import dev.netproof.app.cli.CollectCommand;
import dev.netproof.app.cli.DemoCommand;
import dev.netproof.app.cli.ExtractCommand;
import dev.netproof.app.cli.IngestCommand;
import dev.netproof.app.cli.QueryCommand;
import dev.netproof.app.cli.ServeCommand;
import dev.netproof.app.cli.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netproof} command line: sub-commands, help, and errors as one line and an exit code. */
@Command(name = "netproof", mixinStandardHelpOptions = true, version = "netproof 0.1.0",
        description = "Network telemetry you can prove: flows from packets, with the quality of every answer.",
        subcommands = {DemoCommand.class, IngestCommand.class, CollectCommand.class, QueryCommand.class, ServeCommand.class, ExtractCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit codes: 0 success, 1 failure (a fault in the input or the store), 2 a usage mistake. */
    public static final int OK = 0, FAILED = 1, USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
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
            code = commandLine().execute(args);
        } catch (Throwable t) {
            // Errors (a missing native library, out of memory) bypass picocli's handler: still one line.
            System.err.println("netproof: " + t.getClass().getSimpleName() + ": " + oneLine(String.valueOf(t.getMessage())));
            if (System.getenv("NETPROOF_DEBUG") != null) t.printStackTrace();
            code = FAILED;
        }
        System.exit(code);
    }
}
