package dev.netproof.source.pcap;

import dev.netproof.testkit.LinkTypes;
import dev.netproof.testkit.PcapWriter;
import dev.netproof.testkit.PcapngWriter;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A valid capture built from a seed, with the offsets where each record or block ends, so property
 * tests know exactly which packets a truncated copy must still deliver.
 *
 * @param file        the capture
 * @param boundaries  offsets at which the file may end cleanly: after the header and after each record
 * @param packetEnds  for each packet, the offset where its record or block ends
 */
record Samples(byte[] file, List<Long> boundaries, List<Long> packetEnds) {

    static Samples build(long seed) {
        Random rnd = new Random(seed);
        return rnd.nextBoolean() ? pcap(rnd) : pcapng(rnd);
    }

    private static ByteOrder order(Random rnd) {
        return rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static byte[] frame(Random rnd) {
        byte[] f = new byte[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(300)];
        rnd.nextBytes(f);
        return f;
    }

    private static Samples pcap(Random rnd) {
        var header = PcapWriter.Header.ethernet().withOrder(order(rnd))
                .withPrecision(rnd.nextBoolean() ? PcapWriter.Precision.NANO : PcapWriter.Precision.MICRO)
                .withSnaplen(rnd.nextBoolean() ? 262_144 : 64);
        List<Long> bounds = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        PcapWriter w = PcapWriter.inMemory(header);
        bounds.add(w.position());
        int n = rnd.nextInt(20);
        for (int i = 0; i < n; i++) {
            w.packet(rnd.nextLong(4_000_000_000_000_000_000L), frame(rnd));
            bounds.add(w.position());
            ends.add(w.position());
        }
        return new Samples(w.toByteArray(), bounds, ends);
    }

    private static Samples pcapng(Random rnd) {
        List<Long> bounds = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        PcapngWriter w = PcapngWriter.inMemory(order(rnd));
        bounds.add(w.position());
        int interfaces = 0;
        int n = rnd.nextInt(25);
        for (int i = 0; i < n; i++) {
            int choice = rnd.nextInt(10);
            boolean packet = false;
            if (interfaces == 0 || choice == 0) {
                var res = switch (rnd.nextInt(3)) {
                    case 0 -> PcapngWriter.Resolution.DEFAULT;
                    case 1 -> PcapngWriter.Resolution.NANO;
                    default -> PcapngWriter.Resolution.pow2(rnd.nextInt(30));
                };
                w.addInterface(PcapngWriter.Interface.of(LinkTypes.ETHERNET).withResolution(res)
                        .withSnaplen(rnd.nextBoolean() ? 0 : 100));
                interfaces++;
            } else if (choice == 1) {
                w.section(order(rnd));
                interfaces = 0;
            } else if (choice == 2) {
                w.block(0x100 + rnd.nextInt(100), frame(rnd));
            } else if (choice == 3) {
                w.spb(frame(rnd));
                packet = true;
            } else {
                w.epb(rnd.nextInt(interfaces), rnd.nextLong(1L << 40) * 1000, frame(rnd));
                packet = true;
            }
            bounds.add(w.position());
            if (packet) ends.add(w.position());
        }
        return new Samples(w.toByteArray(), bounds, ends);
    }
}
