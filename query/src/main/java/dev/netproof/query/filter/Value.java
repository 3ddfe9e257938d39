package dev.netproof.query.filter;

import dev.netproof.core.model.IpAddress;
import java.util.Objects;

/** A typed literal of a filter, checked against its field's type when parsed. */
public sealed interface Value {

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Int(long value) implements Value {}

    record Real(double value) implements Value {
        public Real {
            if (!Double.isFinite(value)) throw new IllegalArgumentException("not finite: " + value);
        }
    }

    /** Nanoseconds since the Unix epoch. */
    record Time(long nanos) implements Value {}

    record Addr(IpAddress address) implements Value {
        public Addr {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * A CIDR block in the 128-bit space (an IPv4 {@code /n} is {@code /(96+n)} of {@code ::ffff:0:0/96}).
     * {@code first} has its host bits cleared.
     */
    record Block(IpAddress first, int prefix) implements Value {
        public Block {
            Objects.requireNonNull(first, "first");
            if (prefix < 0 || prefix > 128) throw new IllegalArgumentException("prefix " + prefix);
            if (!first.equals(network(first, prefix))) {
                throw new IllegalArgumentException("host bits set in " + first + "/" + prefix);
            }
        }

        /** The block containing {@code any}, host bits cleared. */
        public static Block of(IpAddress any, int prefix) {
            return new Block(network(any, prefix), prefix);
        }

        /** The last address of the block. */
        public IpAddress last() {
            return new IpAddress(first.hi() | ~hiMask(prefix), first.lo() | ~loMask(prefix));
        }

        private static IpAddress network(IpAddress a, int prefix) {
            return new IpAddress(a.hi() & hiMask(prefix), a.lo() & loMask(prefix));
        }

        private static long hiMask(int prefix) {
            if (prefix >= 64) return -1L;
            return prefix == 0 ? 0L : -1L << (64 - prefix);
        }

        private static long loMask(int prefix) {
            if (prefix <= 64) return 0L;
            return prefix == 128 ? -1L : -1L << (128 - prefix);
        }
    }

    /** The keyword {@code null}: only with {@code ==} / {@code !=}, for nullable fields like {@code vlan}. */
    record Null() implements Value {}
}
