/**
 * IPv4 (with options, fragments, TSO zero lengths) and IPv6 (with the extension-header chain and
 * fragment header). Each narrows the cursor's container to the datagram its length field states, so
 * that Ethernet padding is never read as transport bytes.
 */
package dev.netproof.decode.ip;
