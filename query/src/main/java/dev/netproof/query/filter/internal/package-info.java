/** Lexer, parser, literal typing and SQL translation behind {@link dev.netproof.query.filter.Filter}. */
package dev.netproof.query.filter.internal;
