/** TCP header and options (MSS, window scale, SACK-permitted, SACK, timestamps). */
package dev.netproof.decode.tcp;
