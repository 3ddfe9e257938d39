package dev.netproof.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line builds only the sub-command a run names, and every one when it names none (or asks for help). */
class MainTest {
    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertEquals(Set.of("ingest"), Main.commandLine(new String[] {"ingest", "x.pcap"}).getSubcommands().keySet());
        assertEquals(Set.of("query"), Main.commandLine(new String[] {"query", "flows"}).getSubcommands().keySet());
    }

    @Test
    void helpAndMistakesGetEveryCommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "ingest"},
                new String[] {"bogus"}, new String[] {"-V"})) {
            assertEquals(Main.COMMANDS, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void theLazyLineParsesAsTheWholeOne() {
        String[] args = {"ingest", "--max-flows", "1000", "--no-dns", "a.pcap", "b.pcap"};
        var lazy = Main.commandLine(args).parseArgs(args);
        var whole = Main.commandLine().parseArgs(args);
        assertEquals(whole.subcommand().matchedOptions().size(), lazy.subcommand().matchedOptions().size());
        assertEquals(whole.subcommand().matchedPositionals().getFirst().getValue().toString(),
                lazy.subcommand().matchedPositionals().getFirst().getValue().toString());
    }
}
