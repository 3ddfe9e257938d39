package dev.netproof.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in a transaction of its own on a connection: committed, or rolled back and rethrown. */
public final class Transaction {
    private Transaction() {}

    /** Work to run in one transaction; {@code E} is what else it may throw (an I/O failure). */
    public interface Work<T, E extends Exception> {
        T run() throws SQLException, E;
    }

    /**
     * Runs {@code work} and commits; on any failure rolls back and rethrows it. The connection's autocommit is
     * restored after. A connection between transactions (autocommit off, nothing pending) is fine too: the
     * work's transaction is committed all the same.
     */
    public static <T, E extends Exception> T run(Connection c, Work<T, E> work) throws SQLException, E {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (Exception e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed); // the work's failure is what gets reported
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
