/** Immutable telemetry rows and the small value types they are made of. */
package dev.netproof.core.model;
