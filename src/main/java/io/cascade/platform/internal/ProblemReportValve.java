package io.cascade.platform.internal;

import io.cascade.platform.api.ProblemResponses;
import io.cascade.platform.api.ProblemStatuses;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, as an RFC 9457 problem instead of Tomcat's HTML page. It answers only what Tomcat refuses
 * before any of Cascade's code runs — an encoded slash ({@code %2F}) or backslash in the path, a request line or
 * headers over {@code server.max-http-request-header-size}, an invalid URI — and whatever else left the container
 * with an error status and no body. Everything that reaches the application is answered by it (its error page
 * {@link ProblemErrorController} included), so this valve finds a body already written there and stays silent.
 * Bytes Tomcat cannot read as an HTTP request at all (no method, an unknown protocol) may get no problem body:
 * Tomcat answers those with a bare status or closes the connection before any valve runs.
 */
public class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is4xxClientError()
                ? "The request was refused before it reached the API: its path, request line or headers are not "
                        + "acceptable (e.g. an encoded slash, or more than the server's header size)."
                : "Something went wrong on our side.";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(status, ProblemStatuses.ofFrameworkStatus(status), detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to do
        }
    }
}
