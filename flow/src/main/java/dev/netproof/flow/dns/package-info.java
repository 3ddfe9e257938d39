/** DNS transactions: queries paired with their responses per flow, from decoded DNS messages. */
package dev.netproof.flow.dns;
