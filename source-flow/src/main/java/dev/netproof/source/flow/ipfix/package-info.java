/**
 * NetFlow v9 (RFC 3954) and IPFIX (RFC 7011/7012): {@link dev.netproof.source.flow.ipfix.NetFlow9Decoder}
 * and {@link dev.netproof.source.flow.ipfix.IpfixDecoder} share one template engine, as v9 is IPFIX's
 * ancestor: templates and options templates per session (exporter address and source port, source id
 * or observation domain), compiled once into field actions; data sets read at offsets from the
 * datagram; data that comes before its template held for a while, within bounds
 * ({@link dev.netproof.source.flow.ipfix.IpfixConfig}); everything counted
 * ({@link dev.netproof.source.flow.ipfix.IpfixMetric}).
 *
 * <pre>
 *  v9 header (20 bytes)                       IPFIX header (16 bytes)
 *  0  version = 9   | count                   0  version = 10 | message length
 *  4  sys_uptime (ms)                         4  export time (s)
 *  8  unix_secs                               8  sequence (data records before this message)
 *  12 sequence (datagrams)                    12 observation domain id
 *  16 source id
 *  then sets: set id (2 bytes) | set length (2 bytes, header included) | records | padding
 * </pre>
 *
 * <p>Mapping to {@link dev.netproof.core.model.ExportedFlow}: addresses 8/12/27/28, ports 7/11, protocol
 * 4, ToS 5, TCP flags 6, bytes 1 (else 85, 23), packets 2 (else 86, 24), interfaces 10/14, VLAN 58/243
 * (else 59), direction 61, AS 16/17, next hop 15/62 (else BGP 18/63), masks 9/29 and 13/30, MPLS
 * label stack 70-79, ICMP type/code 32/139/176-179 (ICMP records only: source port 0, destination port
 * type * 256 + code), times 21/22 (uptime: v9 header, IPFIX systemInitTimeMilliseconds 160 from the
 * record or options data), 150-157 (seconds, milliseconds, NTP micro- and nanoseconds), 158/159
 * (microseconds before the export time). Sampling rate: the record's 34/50 or 305/306, else the
 * interval options data gave its sampler id (48/302), else the one options data gave the session,
 * else 0. Other fields, enterprise-specific ones included, go to {@code extra} in hex.
 */
package dev.netproof.source.flow.ipfix;
