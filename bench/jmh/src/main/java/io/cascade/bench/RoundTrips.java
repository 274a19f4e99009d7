package io.cascade.bench;

import io.cascade.accounts.api.AccountScope;
import io.cascade.shared.Caller;

import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the database round trips of one subtree permission check ({@link AccountScope#require}) at the given depths.
 * The PostgreSQL driver logs every protocol message it sends at FINEST; each {@code Sync} ends a round trip (the
 * driver then waits for the server's ReadyForQuery), so Syncs per check = round trips per check. Connection
 * validation by the pool, if it happened, would show up as extra Syncs too. Prints one line per depth:
 * {@code depth=10 checks=2000 roundTrips=2000 perCheck=1.00}.
 */
public final class RoundTrips {
    private RoundTrips() {
    }

    public static void main(String[] args) throws Exception {
        int checks = 2000;
        for (String arg : args.length == 0 ? new String[]{"1", "5", "10"} : args) {
            int depth = Integer.parseInt(arg);
            try (Fixture fixture = Fixture.open(depth)) {
                AccountScope scope = fixture.accountScope();
                Caller caller = fixture.caller();
                UUID[] targets = fixture.targets();
                for (int i = 0; i < 5000; i++) { // warm up: server-side prepared statement, pool, JIT
                    scope.require(caller, targets[i & (targets.length - 1)]);
                }
                Counter counter = Counter.attach();
                for (int i = 0; i < checks; i++) {
                    scope.require(caller, targets[i & (targets.length - 1)]);
                }
                counter.detach();
                System.out.printf("depth=%d checks=%d roundTrips=%d statements=%d perCheck=%.2f%n", depth, checks,
                        counter.syncs, counter.executes, counter.syncs / (double) checks);
            }
        }
    }

    static final class Counter extends Handler {
        private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        long syncs;
        long executes;
        private Level previous;

        static Counter attach() {
            Counter counter = new Counter();
            counter.previous = DRIVER.getLevel();
            counter.setLevel(Level.ALL);
            DRIVER.setLevel(Level.FINEST);
            DRIVER.addHandler(counter);
            return counter;
        }

        void detach() {
            DRIVER.removeHandler(this);
            DRIVER.setLevel(previous);
        }

        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message == null) {
                return;
            }
            if (message.contains("FE=> Sync")) {
                syncs++;
            } else if (message.contains("FE=> Execute")) {
                executes++;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
