/**
 * Link headers other than Ethernet: BSD loopback (NULL, LOOP), Linux cooked capture v1 and v2, and
 * raw IP. Each reads its fixed header and hands an EtherType or IP version to the dispatcher.
 */
package dev.netproof.decode.link;
