package io.cascade.bench;

import io.cascade.accounts.api.AccountScope;
import io.cascade.accounts.api.ScopedAccount;
import io.cascade.shared.Caller;
import io.cascade.shared.Privilege;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * P2: the subtree permission check at depth 1, 5 and 10 of the generated tree.
 *
 * <ul>
 *   <li>{@code product}: Cascade's own {@link AccountScope#require} (JdbcClient on a HikariCP pool, as the product
 *       wires it): one primary-key lookup and the prefix check in {@link Caller#covers}.</li>
 *   <li>{@code jdbc}: the same statement and prefix check on one plain JDBC connection, with nothing in between:
 *       the floor that the product's check can approach.</li>
 * </ul>
 * The caller is the provider's administrator; each invocation checks the next of 1,024 accounts drawn at random
 * from all accounts on that level, so the lookups spread over the table as real requests do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SubtreeCheckBenchmark {
    static final String CHECK_SQL = "SELECT id, path, type, status, vendor_id, level, company_name FROM account WHERE id = ?";

    @Param({"1", "5", "10"})
    public int depth;

    private Fixture fixture;
    private AccountScope scope;
    private Connection connection;
    private PreparedStatement check;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = Fixture.open(depth);
        scope = fixture.accountScope();
        connection = fixture.dataSource().getConnection();
        check = connection.prepareStatement(CHECK_SQL);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        check.close();
        connection.close();
        fixture.close();
    }

    private UUID nextTarget() {
        UUID[] targets = fixture.targets();
        return targets[next++ & (targets.length - 1)];
    }

    @Benchmark
    public ScopedAccount product() {
        return scope.require(fixture.caller(), nextTarget());
    }

    @Benchmark
    public boolean jdbc() throws SQLException {
        check.setObject(1, nextTarget());
        try (ResultSet rs = check.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            rs.getObject(1, UUID.class);
            String path = rs.getString(2);
            rs.getString(3);
            rs.getString(4);
            rs.getObject(5, UUID.class);
            rs.getInt(6);
            rs.getString(7);
            return path.startsWith(fixture.caller().accountPath());
        }
    }

    /** The provider administrator as caller: only the account path and ACCOUNTS_READ matter to the check. */
    static Caller providerCaller(UUID providerId, String providerPath) {
        return new Caller(UUID.randomUUID(), "bench@cascade.local", providerId, providerPath,
                EnumSet.of(Privilege.ACCOUNTS_READ), "bench", null);
    }
}
