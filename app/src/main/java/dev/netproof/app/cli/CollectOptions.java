package dev.netproof.app.cli;

import dev.netproof.app.Main;
import dev.netproof.source.flow.listen.Collector;
import dev.netproof.source.flow.listen.UdpListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the flow-export listeners listen: for {@code collect} and {@code serve --collect}. */
public final class CollectOptions {
    @Option(names = "--udp", defaultValue = "2055,4739,6343", paramLabel = "PORT[,PORT]", split = ",",
            description = "UDP ports for NetFlow v5/v9, IPFIX and sFlow; each port takes every protocol "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Integer> udp;

    @Option(names = "--tcp", defaultValue = "4739", paramLabel = "PORT[,PORT]", split = ",",
            description = "TCP ports for IPFIX over TCP; 'none' for no TCP listener (default: ${DEFAULT-VALUE}).")
    List<String> tcp;

    @Option(names = "--listen", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address the listeners bind to (default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 to receive from routers).")
    String listen;

    @Option(names = "--rcvbuf", defaultValue = "" + UdpListener.DEFAULT_RECEIVE_BUFFER, paramLabel = "BYTES",
            description = "Socket receive buffer to ask the kernel for; it grants at most net.core.rmem_max "
                    + "(default: ${DEFAULT-VALUE}).")
    int rcvbuf;

    @Option(names = "--ring", defaultValue = "64MiB", paramLabel = "SIZE",
            description = "Off-heap buffer of each listener between its receive thread and the decoder (at least 1MiB); "
                    + "it rides out stalls of the store, and a datagram that finds it full is counted as ring_full "
                    + "(default: ${DEFAULT-VALUE}; 1 M records/s fill about 50 MB a second).")
    String ring;

    /** Bytes of each listener's ring ({@code --ring}). */
    long ringBytes() {
        long bytes;
        try {
            bytes = PacketStoreOptions.bytes(ring, "--ring");
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), Main.USAGE);
        }
        if (bytes < MIN_RING || bytes > MAX_RING) {
            throw new UserError("--ring must be between 1MiB and 64GiB, not " + ring, Main.USAGE);
        }
        return bytes;
    }

    static final long MIN_RING = 1L << 20, MAX_RING = 64L << 30;

    Collector.Config config() {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(listen);
        } catch (UnknownHostException e) {
            throw new UserError("--listen: not an address: " + listen, Main.USAGE);
        }
        List<Integer> ports = new ArrayList<>(new java.util.LinkedHashSet<>(udp));
        for (int p : ports) {
            if (p < 0 || p > 65535) throw new UserError("--udp: not a port: " + p, Main.USAGE);
        }
        List<Integer> tcpPorts = PortList.parse("--tcp", tcp, "none").ports();
        if (rcvbuf < 65536) throw new UserError("--rcvbuf must be at least 65536", Main.USAGE);
        return new Collector.Config(bind, ports, tcpPorts, rcvbuf, ringBytes());
    }
}
