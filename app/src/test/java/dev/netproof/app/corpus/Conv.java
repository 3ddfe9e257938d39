package dev.netproof.app.corpus;

import dev.netproof.core.model.Flow;
import dev.netproof.core.model.IpAddress;

/**
 * A conversation's transport ({@code tcp}, {@code udp}, ... as Zeek names it) and its two endpoints, in
 * one orientation: {@code a} is the originator (Zeek) or client (tshark). {@link #unordered()} gives the
 * key both orientations share. Its text, e.g. {@code tcp 10.0.0.1:1234 > [2001:db8::1]:80}, is the
 * conversation column of DIFFERENCES.md.
 */
record Conv(String proto, Endpoint a, Endpoint b) {

    /** One side of a conversation; the host in netproof's canonical text (RFC 5952 for IPv6). */
    record Endpoint(String host, int port) implements Comparable<Endpoint> {
        static Endpoint of(String host, int port) {
            return new Endpoint(IpAddress.parse(host).toString(), port);
        }

        @Override
        public int compareTo(Endpoint o) {
            int c = IpAddress.parse(host).compareTo(IpAddress.parse(o.host));
            return c != 0 ? c : Integer.compare(port, o.port);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static Conv of(String proto, String aHost, int aPort, String bHost, int bPort) {
        return new Conv(proto, Endpoint.of(aHost, aPort), Endpoint.of(bHost, bPort));
    }

    /** A netproof row's conversation, originator first. */
    static Conv of(Flow f) {
        return new Conv(f.proto().zeekName(), new Endpoint(f.origH().toString(), f.origP()),
                new Endpoint(f.respH().toString(), f.respP()));
    }

    /** The same conversation with the lower endpoint first: equal for both orientations. */
    Conv unordered() {
        return a.compareTo(b) <= 0 ? this : new Conv(proto, b, a);
    }

    @Override
    public String toString() {
        return proto + " " + a + " > " + b;
    }
}
