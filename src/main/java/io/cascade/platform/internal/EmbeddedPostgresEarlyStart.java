package io.cascade.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the embedded PostgreSQL as soon as the application's environment is known, on a thread of its own, so that
 * the server starts (and, after an unclean stop, recovers) while Spring parses the configuration and creates the
 * beans; the DataSource waits for it only when it is built ({@link DatabaseConfiguration}). Measured on 2 cores this
 * takes the server's start off the start's critical path (benchmark P6, docs/benchmarks.md).
 * <p>
 * Nothing else changes: the same settings, the same checks (a second Cascade on the same data directory is refused, a
 * server a killed Cascade left behind is stopped first), and a failure of the early start is the start's failure, thrown
 * where the DataSource is built. With an external database ({@code cascade.db.url}) nothing is started. If the
 * application fails or closes before the DataSource took the server, the server is stopped here. Registered in
 * {@code META-INF/spring.factories}, so that it runs before the context exists.
 */
class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationEvent>, Ordered {
    /** The bean under which the starting server waits for the DataSource. */
    static final String BEAN_NAME = "cascade.embeddedPostgresEarlyStart";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresEarlyStart.class);

    private Starting starting;

    @Override
    public int getOrder() {
        // after the listener that loads application.properties and the other property sources
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared && starting == null) {
            starting = Starting.begin(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared && starting != null) {
            prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, starting);
        } else if ((event instanceof ApplicationFailedEvent || event instanceof ContextClosedEvent)
                && starting != null) {
            starting.abandon();
        }
    }

    /** A server being started for one application, handed to its DataSource once. */
    static final class Starting {
        private final Path dataDir;
        private final DatabaseProperties.Embedded settings;
        private final CompletableFuture<EmbeddedPostgresServer> server = new CompletableFuture<>();
        private final AtomicBoolean handedOver = new AtomicBoolean();
        private final long begunAt = System.nanoTime();
        private volatile long takenAt;
        private volatile String startedOn;

        private Starting(Path dataDir, DatabaseProperties.Embedded settings) {
            this.dataDir = dataDir;
            this.settings = settings;
        }

        /** Starts the embedded server in the background unless the settings name an external one (then null). */
        static Starting begin(ConfigurableEnvironment environment) {
            DatabaseProperties properties;
            try {
                properties = Binder.get(environment).bind("cascade.db", DatabaseProperties.class)
                        .orElseGet(() -> new DatabaseProperties(null, null, null, null, null));
            } catch (RuntimeException e) {
                // invalid settings: the DataSource's own binding reports them, as without the early start
                log.debug("No early start of the embedded PostgreSQL: {}", e.getMessage());
                return null;
            }
            if (properties.external()) {
                return null;
            }
            Starting starting = new Starting(dataDir(environment.getProperty("cascade.data-dir", "./data")),
                    properties.embedded());
            Thread thread = new Thread(starting::run, "embedded-postgres-start");
            thread.setDaemon(true);
            thread.start();
            return starting;
        }

        static Path dataDir(String dataDir) {
            return Path.of(dataDir).toAbsolutePath().normalize();
        }

        private void run() {
            try {
                startedOn = Thread.currentThread().getName();
                server.complete(new EmbeddedPostgresServer(dataDir, settings));
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        }

        /**
         * The started server, waiting for it to be up, if it was started for these settings and not handed over yet;
         * null otherwise (then the caller starts one itself). The early start's failure is thrown here.
         */
        EmbeddedPostgresServer take(Path dataDir, DatabaseProperties.Embedded settings) {
            if (!this.dataDir.equals(dataDir(dataDir.toString())) || !this.settings.equals(settings)) {
                abandon();
                return null;
            }
            if (!handedOver.compareAndSet(false, true)) {
                return null;
            }
            takenAt = System.nanoTime();
            try {
                return server.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }

        /** The thread that started the server. */
        String startedOn() {
            return startedOn;
        }

        /** Nanoseconds from the early start's beginning to the DataSource asking for the server (0: not asked). */
        long nanosBeforeTaken() {
            return takenAt == 0 ? 0 : takenAt - begunAt;
        }

        /** The server, once started (null while starting or after a failed start). */
        EmbeddedPostgresServer server() {
            return server.getNow(null);
        }

        /** Stops the server if nobody took it (the application failed or closed first). */
        void abandon() {
            if (!handedOver.compareAndSet(false, true)) {
                return;
            }
            try {
                server.join().close();
            } catch (Exception e) {
                log.debug("The early start of the embedded PostgreSQL ended without a server to stop: {}",
                        e.getMessage());
            }
        }
    }
}
