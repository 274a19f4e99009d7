package io.cascade.panels;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panels over plain HTTP, for tests whose behaviour needs no browser: a session cookie, the CSRF token of the
 * last page read, forms posted as a browser posts them (redirects are not followed, so a test sees where a form
 * leads). Much faster than a browser; use {@link BrowserTest} where behaviour lives in the browser.
 */
final class PanelClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("CASCADE_SESSION=([^;]+)");

    private final String base;
    private final String address;
    private String session;
    private String csrf;
    private String host;

    /** @param address the client address (X-Forwarded-For), so that sign-in throttling stays per test */
    PanelClient(int port, String address) {
        this.base = "http://localhost:" + port;
        this.address = address;
    }

    /**
     * Sends the following requests to another host name (a vendor's panel host), as a proxy would forward them
     * ({@code X-Forwarded-Host}; the tests trust forwarded headers); null: back to {@code localhost}. The session
     * cookie goes along as it is, which a browser would not do: to show that another host does not accept it.
     */
    PanelClient onHost(String hostName) {
        this.host = hostName;
        return this;
    }

    /** A page as the browser got it. */
    record Page(int status, String body, String location) {
        /** How often a text occurs in the page. */
        int count(String text) {
            int n = 0;
            for (int i = body.indexOf(text); i >= 0; i = body.indexOf(text, i + text.length())) {
                n++;
            }
            return n;
        }

        /** The text of the element with this id, tags stripped and white space collapsed (no nesting of the same tag). */
        String text(String id) {
            Matcher open = Pattern.compile("<([a-zA-Z0-9]+)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(body);
            assertThat(open.find()).as("an element #%s in %s", id, body).isTrue();
            String tag = open.group(1);
            int depth = 1;
            Matcher tags = Pattern.compile("<(/?)" + tag + "(\\s[^>]*)?>").matcher(body);
            int from = open.end();
            int at = from;
            while (depth > 0 && tags.find(at)) {
                depth += tags.group(1).isEmpty() ? 1 : -1;
                at = tags.end();
                if (depth == 0) {
                    return strip(body.substring(from, tags.start()));
                }
            }
            return strip(body.substring(from));
        }

        private static String strip(String html) {
            return html.replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replace("&amp;", "&")
                    .replace("&#39;", "'").replace("&quot;", "\"").replaceAll("\\s+", " ").strip();
        }
    }

    /** Signs in through the sign-in form; answers the page the form answered (a redirect when signed in). */
    Page signIn(String email, String password, String accountId) {
        get("/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("password", password);
        if (accountId != null) {
            form.put("accountId", accountId);
        }
        return post("/login", form);
    }

    PanelClient signedIn(String email, String password) {
        Page page = signIn(email, password, null);
        assertThat(page.status()).as("signed in: %s", page.body()).isEqualTo(302);
        return this;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form with the CSRF token of the last page read. */
    Page post(String path, Map<String, String> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields.entrySet());
        return postAll(path, all);
    }

    /** Posts a form as htmx does (the HX-Request header), with the CSRF token of the last page read. */
    Page postHtmx(String path, Map<String, String> fields) {
        return postAll(path, new ArrayList<>(fields.entrySet()), true);
    }

    /** The same, for forms that repeat a name (check boxes). */
    Page postAll(String path, List<Map.Entry<String, String>> fields) {
        return postAll(path, fields, false);
    }

    private Page postAll(String path, List<Map.Entry<String, String>> fields, boolean htmx) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (csrf != null) {
            all.add(Map.entry("_csrf", csrf));
        }
        String body = all.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(htmx ? request.header("HX-Request", "true") : request);
    }

    /** Posts a multipart form (one file and text fields) with the CSRF token of the last page read. */
    Page postFile(String path, Map<String, String> fields, String fileField, String fileName, String fileType,
                  byte[] file) {
        String boundary = "----panel" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A page fetched with extra request headers (e.g. X-Forwarded-Host, to reach the panel under a host name). */
    Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private Page send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", address).header("Accept", "text/html");
        if (session != null) {
            request.header("Cookie", "CASCADE_SESSION=" + session);
        }
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(c -> {
                Matcher m = COOKIE.matcher(c);
                if (m.find()) {
                    session = m.group(1).isEmpty() ? null : m.group(1);
                }
            });
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
