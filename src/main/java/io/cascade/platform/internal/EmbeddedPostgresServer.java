package io.cascade.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL server: real PostgreSQL binaries from Maven Central, started as a child process with its
 * data directory on disk, so that data survives a restart. Stopped when the application context closes.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgres startPostgres(Path dataDirectory, DatabaseProperties.Embedded settings) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(settings.ephemeral())
                .setPort(settings.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("synchronous_commit", settings.synchronousCommit() ? "on" : "off")
                // the library starts postgres with -F (no fsync); a later -c wins, so real data is fsynced again
                .setServerConfig("fsync", settings.ephemeral() ? "off" : "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", settings.sharedBuffers())
                // a billing run writes gigabytes of WAL: with PostgreSQL's 1GB, a checkpoint every few seconds, and
                // after each one every page touched again is written whole into the WAL (docs/benchmarks.md, P4)
                .setServerConfig("max_wal_size", settings.maxWalSize())
                .setServerConfig("checkpoint_timeout", "15min")
                .setLocaleConfig("locale", "C.UTF-8")
                // stopped by the application context after every bean that uses the database (the event publication
                // registry and the job engine still write while they shut down), not by a JVM hook of its own
                .setRegisterShutdownHook(false)
                .start();
    }

    EmbeddedPostgresServer(Path dataDir, DatabaseProperties.Embedded settings) {
        try {
            RootSafePostgresBinaries.prepare();
            Path dataDirectory = settings.ephemeral()
                    ? Files.createTempDirectory("cascade-pg-")
                    : dataDir.toAbsolutePath().normalize().resolve("postgres");
            Files.createDirectories(dataDirectory);
            RootSafePostgresBinaries.stopOrphanedServer(dataDirectory);
            log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
            this.postgres = startPostgres(dataDirectory, settings);
            log.info("Embedded PostgreSQL listening on localhost:{}", postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
