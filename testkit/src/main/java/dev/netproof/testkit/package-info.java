/**
 * Test support shared by every module's tests: capture writers ({@link dev.netproof.testkit.PcapWriter},
 * {@link dev.netproof.testkit.PcapngWriter}) to build valid and deliberately broken files, a packet
 * builder ({@link dev.netproof.testkit.Frames}), and the real-capture corpus with its tshark oracle
 * ({@link dev.netproof.testkit.Corpus}).
 *
 * <p>Test code only: classes here favour clarity over speed, throw unchecked exceptions on I/O
 * errors, and are not thread-safe unless they say so.
 */
package dev.netproof.testkit;
