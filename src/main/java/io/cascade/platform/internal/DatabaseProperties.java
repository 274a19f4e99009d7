package io.cascade.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
        embedded = embedded == null ? new Embedded(0, true, false, null) : embedded;
    }

    boolean external() {
        return url != null && !url.isBlank();
    }

    /**
     * @param port             TCP port on localhost, 0 for any free port
     * @param synchronousCommit PostgreSQL's synchronous_commit (on: a commit survives a power cut)
     * @param ephemeral        a throw-away data directory removed on shutdown (tests)
     * @param sharedBuffers    PostgreSQL's shared_buffers ("512MB", "2GB"); empty: PostgreSQL's own 128MB
     */
    record Embedded(Integer port, Boolean synchronousCommit, Boolean ephemeral, String sharedBuffers) {
        Embedded {
            port = port == null ? 0 : port;
            synchronousCommit = synchronousCommit == null || synchronousCommit;
            ephemeral = ephemeral != null && ephemeral;
            if (sharedBuffers == null || sharedBuffers.isBlank()) {
                sharedBuffers = "128MB";
            } else if (!sharedBuffers.strip().matches("[0-9]+ ?(kB|MB|GB)")) {
                throw new IllegalArgumentException("cascade.db.embedded.shared-buffers must be a size such as "
                        + "512MB or 2GB, not '" + sharedBuffers + "'");
            }
            sharedBuffers = sharedBuffers.strip().replace(" ", "");
        }
    }
}
