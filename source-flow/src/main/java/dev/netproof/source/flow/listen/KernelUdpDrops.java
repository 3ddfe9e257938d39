package dev.netproof.source.flow.listen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel dropped on a UDP port because its socket's receive buffer was full: the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6} (Linux), summed over the
 * sockets bound to the port. These datagrams never reached netproof; this is the only way to know of them.
 */
public final class KernelUdpDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private KernelUdpDrops() {
    }

    /** Drops counted by the kernel for sockets on {@code port}, or -1 when the tables cannot be read. */
    public static long forPort(int port) {
        long total = 0;
        boolean read = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) continue;
            try {
                total += sum(Files.readAllLines(table), port);
                read = true;
            } catch (IOException | RuntimeException e) {
                // an unreadable or unexpected table says nothing: keep what the other one says
            }
        }
        return read ? total : -1;
    }

    /** The drops of the rows of one {@code /proc/net/udp*} table whose local port is {@code port}. */
    static long sum(List<String> lines, int port) {
        long total = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).trim().split("\\s+");
            if (cols.length < 13) continue;
            String local = cols[1];
            int colon = local.lastIndexOf(':');
            if (colon < 0) continue;
            if (Integer.parseInt(local.substring(colon + 1), 16) != port) continue;
            total += Long.parseLong(cols[cols.length - 1]);
        }
        return total;
    }
}
