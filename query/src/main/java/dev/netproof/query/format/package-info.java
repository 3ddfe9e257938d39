/** Answer output: fixed-width tables for the terminal and JSON lines. */
package dev.netproof.query.format;
