/** ICMP and ICMPv6: type and code, reported as ports. */
package dev.netproof.decode.icmp;
