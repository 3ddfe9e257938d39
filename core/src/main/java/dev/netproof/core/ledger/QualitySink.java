package dev.netproof.core.ledger;

/** Receives ledger rows as each second of counts is closed. Implementations must be thread-safe. */
@FunctionalInterface
public interface QualitySink {
    void accept(QualityRow row);

    QualitySink DISCARD = row -> { };
}
