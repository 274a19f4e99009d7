package io.cascade.platform.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.shared.Caller;
import io.cascade.shared.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} on POST: the first request with a key is run and its answer stored; a repeat with the same
 * key and the same request gets the stored answer again (marked {@code Idempotent-Replayed: true}) and changes
 * nothing. The same key with another request is refused (422), a repeat while the first is still running answers
 * 409. Keys are per user and kept 24 hours; answers of 5xx are not stored, so such a request may be retried.
 * Runs after authentication; anonymous requests are not deduplicated. Answers that carry a one-time secret
 * ({@link io.cascade.platform.api.OneTimeSecrets}) are stored without their body.
 */
class IdempotencyFilter extends OncePerRequestFilter {
    static final String HEADER = "Idempotency-Key";
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyFilter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Stored(byte[] requestHash, boolean completed, Integer status, String contentType, String location,
                  String etag, byte[] body, Instant createdAt) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || request.getRequestURI().startsWith("/api/v1/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UUID userId = currentUser();
        if (userId == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            ProblemResponses.write(response, Problem.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 200 characters.");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            ProblemResponses.write(response, Problem.BODY_TOO_LARGE,
                    "A request with an Idempotency-Key may carry at most " + MAX_BODY + " bytes.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            ProblemResponses.write(response, Problem.BODY_TOO_LARGE,
                    "A request with an Idempotency-Key may carry at most " + MAX_BODY + " bytes.");
            return;
        }
        byte[] hash = hash(request, body);
        Instant now = clock.instant();
        if (!claim(userId, key, hash, now)) {
            Optional<Stored> stored = load(userId, key);
            if (stored.isPresent()) {
                replayOrRefuse(stored.get(), hash, response);
                return;
            }
            if (!claim(userId, key, hash, now)) {
                ProblemResponses.write(response, Problem.IDEMPOTENT_REQUEST_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed.");
                return;
            }
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            CachedBodyRequest replayable = new CachedBodyRequest(request, body);
            chain.doFilter(replayable, wrapper);
            boolean secret = io.cascade.platform.api.OneTimeSecrets.marked(replayable);
            if (wrapper.getStatus() < 500) {
                jdbc.sql("""
                                UPDATE idempotency_record SET completed = true, status = :status,
                                       content_type = :contentType, location = :location, etag = :etag, body = :body
                                WHERE user_id = :userId AND key = :key""")
                        .param("status", wrapper.getStatus())
                        .param("contentType", wrapper.getContentType())
                        .param("location", wrapper.getHeader("Location"))
                        .param("etag", wrapper.getHeader("ETag"))
                        .param("body", secret ? null : wrapper.getContentAsByteArray())
                        .param("userId", userId).param("key", key)
                        .update();
                stored = true;
            }
        } finally {
            if (!stored) {
                jdbc.sql("DELETE FROM idempotency_record WHERE user_id = :userId AND key = :key")
                        .param("userId", userId).param("key", key).update();
            }
            wrapper.copyBodyToResponse();
        }
    }

    private boolean claim(UUID userId, String key, byte[] hash, Instant now) {
        jdbc.sql("DELETE FROM idempotency_record WHERE user_id = :userId AND key = :key AND created_at < :expired")
                .param("userId", userId).param("key", key)
                .param("expired", Timestamp.from(now.minus(RETENTION))).update();
        return jdbc.sql("""
                        INSERT INTO idempotency_record (user_id, key, request_hash, created_at)
                        VALUES (:userId, :key, :hash, :now) ON CONFLICT DO NOTHING""")
                .param("userId", userId).param("key", key).param("hash", hash)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    private Optional<Stored> load(UUID userId, String key) {
        return jdbc.sql("""
                        SELECT request_hash, completed, status, content_type, location, etag, body, created_at
                        FROM idempotency_record WHERE user_id = :userId AND key = :key""")
                .param("userId", userId).param("key", key)
                .query((rs, n) -> new Stored(rs.getBytes("request_hash"), rs.getBoolean("completed"),
                        (Integer) rs.getObject("status"), rs.getString("content_type"), rs.getString("location"),
                        rs.getString("etag"), rs.getBytes("body"), rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    private static void replayOrRefuse(Stored stored, byte[] hash, HttpServletResponse response) throws IOException {
        if (!Arrays.equals(stored.requestHash(), hash)) {
            ProblemResponses.write(response, Problem.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request.");
            return;
        }
        if (!stored.completed()) {
            ProblemResponses.write(response, Problem.IDEMPOTENT_REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed.");
            return;
        }
        response.setStatus(stored.status());
        Map.of("Content-Type", Optional.ofNullable(stored.contentType()),
                        "Location", Optional.ofNullable(stored.location()),
                        "ETag", Optional.ofNullable(stored.etag()))
                .forEach((name, value) -> value.ifPresent(v -> response.setHeader(name, v)));
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static UUID currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller.userId();
        }
        return null;
    }

    private static byte[] hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ' ');
            digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
            if (request.getQueryString() != null) {
                digest.update(request.getQueryString().getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) '\n');
            digest.update(body);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request whose body was read up front and is served again from memory. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
