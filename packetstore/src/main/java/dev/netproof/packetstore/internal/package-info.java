/** Helpers of the packet store: pcapng block layout and the open segment's index arrays. */
package dev.netproof.packetstore.internal;
