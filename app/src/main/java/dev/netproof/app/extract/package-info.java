/**
 * Forensic extraction: turns "this flow", "this host" or "flows matching this filter" into the packet
 * store's index lookups and an exact check of each candidate packet, for {@code netproof extract} and
 * {@code GET /api/v1/pcap}.
 */
package dev.netproof.app.extract;
