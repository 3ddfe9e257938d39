/**
 * Flow identifiers shared with other tools: {@link dev.netproof.flow.id.CommunityId} computes the
 * Community ID (v1) that Zeek, Suricata and Wireshark log, so a flow can be joined across them.
 */
package dev.netproof.flow.id;
