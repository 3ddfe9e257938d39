/**
 * Talkers: every host's bytes, packets and flows per source and hour, kept beside the flows so that a top-N of
 * hosts over a day of flows reads thousands of rows instead of a hundred million (see {@code TalkerSchema}).
 */
package dev.netproof.store.talker;
