package io.cascade.platform.internal;

import com.sun.management.OperatingSystemMXBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.lang.management.ManagementFactory;

/**
 * Where Cascade keeps its data. With {@code url} empty (the default) Cascade runs its own embedded PostgreSQL in
 * {@code dataDir}/postgres; with {@code url} set (CASCADE_DB_URL) it uses that server and starts nothing.
 *
 * @param url       JDBC URL of an external PostgreSQL, or empty for the embedded one
 * @param user      user for the external server
 * @param password  password for the external server
 * @param poolSize  maximum connections in the pool
 * @param embedded  settings of the embedded server
 */
@ConfigurationProperties("cascade.db")
record DatabaseProperties(String url, String user, String password, Integer poolSize, Embedded embedded) {

    DatabaseProperties {
        poolSize = poolSize == null ? 10 : poolSize;
        embedded = embedded == null ? new Embedded(0, true, false, null, null) : embedded;
    }

    boolean external() {
        return url != null && !url.isBlank();
    }

    /**
     * @param port             TCP port on localhost, 0 for any free port
     * @param synchronousCommit PostgreSQL's synchronous_commit (on: a commit survives a power cut)
     * @param ephemeral        a throw-away data directory removed on shutdown (tests)
     * @param sharedBuffers    PostgreSQL's shared_buffers ("512MB", "2GB"); empty: a quarter of the machine's memory,
     *                         from 128MB to 8GB (a throw-away server: PostgreSQL's own 128MB)
     * @param maxWalSize       PostgreSQL's max_wal_size, the WAL written between two checkpoints ("1GB"); empty: 8GB
     */
    record Embedded(Integer port, Boolean synchronousCommit, Boolean ephemeral, String sharedBuffers,
                    String maxWalSize) {
        private static final long MB = 1024 * 1024;

        Embedded {
            port = port == null ? 0 : port;
            synchronousCommit = synchronousCommit == null || synchronousCommit;
            ephemeral = ephemeral != null && ephemeral;
            sharedBuffers = size("shared-buffers", sharedBuffers,
                    ephemeral ? "128MB" : quarterOf(Machine.memoryBytes()));
            maxWalSize = size("max-wal-size", maxWalSize, "8GB");
        }

        /** A quarter of {@code bytes} in megabytes, at least 128MB and at most 8GB. */
        static String quarterOf(long bytes) {
            return Math.max(128, Math.min(8 * 1024, bytes / 4 / MB)) + "MB";
        }

        private static String size(String name, String value, String otherwise) {
            if (value == null || value.isBlank()) {
                return otherwise;
            }
            if (!value.strip().matches("[0-9]+ ?(kB|MB|GB)")) {
                throw new IllegalArgumentException("cascade.db.embedded." + name + " must be a size such as "
                        + "512MB or 2GB, not '" + value + "'");
            }
            return value.strip().replace(" ", "");
        }
    }

    /** The machine's memory as the JVM sees it (a container's limit inside a container). */
    static final class Machine {
        private Machine() {
        }

        static long memoryBytes() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    ? os.getTotalMemorySize() : 0;
        }
    }
}
