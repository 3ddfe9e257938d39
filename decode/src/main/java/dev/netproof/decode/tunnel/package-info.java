/**
 * Encapsulations decoded through to the inner packet: GRE version 0, VXLAN, IP-in-IP. Each entry
 * counts against {@code maxTunnelDepth}; the inner IP header then replaces the L3/L4 fields.
 */
package dev.netproof.decode.tunnel;
