/**
 * NetFlow v5: a fixed 24-byte header and up to 30 fixed 48-byte flow records per datagram, no templates.
 *
 * <pre>
 *  header (24 bytes)                          record (48 bytes)
 *  0      version = 5 | count                 0  srcaddr          4  dstaddr       8  nexthop
 *  4      sys_uptime (ms)                     12 input | output   16 dPkts         20 dOctets
 *  8      unix_secs                           24 First (uptime ms) 28 Last (uptime ms)
 *  12     unix_nsecs                          32 srcport | dstport 36 pad|tcp_flags|prot|tos
 *  16     flow_sequence (records)             40 src_as | dst_as   44 src_mask|dst_mask|pad2
 *  20     engine_type|engine_id|sampling (2 bits mode, 14 bits interval)
 * </pre>
 *
 * {@link dev.netproof.source.flow.netflow5.NetFlow5Decoder} maps every field into
 * {@link dev.netproof.core.model.ExportedFlow}; its counters are {@link dev.netproof.source.flow.netflow5.NetFlow5Metric}.
 */
package dev.netproof.source.flow.netflow5;
