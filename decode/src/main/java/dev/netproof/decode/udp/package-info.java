/** UDP header; hands VXLAN traffic to the tunnel decoder. */
package dev.netproof.decode.udp;
