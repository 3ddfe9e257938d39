package dev.netproof.packetstore.internal;

import java.util.Arrays;

/** The index entries of the open segment, in primitive arrays grown by doubling; packet-thread only. */
public final class IndexBuilder {
    public long[] ts = new long[4096];
    public int[] offset = new int[4096], flow = new int[4096], hosts = new int[4096];
    public int count;
    public byte[] bloom;

    public IndexBuilder(int bloomBytes) {
        bloom = new byte[bloomBytes];
    }

    public void add(long t, int off, int flowHash, int hostHashes) {
        if (count == ts.length) {
            int n = count * 2;
            ts = Arrays.copyOf(ts, n);
            offset = Arrays.copyOf(offset, n);
            flow = Arrays.copyOf(flow, n);
            hosts = Arrays.copyOf(hosts, n);
        }
        ts[count] = t;
        offset[count] = off;
        flow[count] = flowHash;
        hosts[count] = hostHashes;
        count++;
    }
}
