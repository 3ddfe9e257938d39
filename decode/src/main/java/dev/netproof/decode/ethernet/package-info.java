/**
 * The Ethernet family of L2 headers: Ethernet II and 802.3 LLC/SNAP, 802.1Q/802.1ad VLAN tags,
 * MPLS label stacks and PPPoE sessions. Each class decodes one header at the cursor and names the
 * next layer; none keeps state between packets.
 */
package dev.netproof.decode.ethernet;
