import com.sun.net.httpserver.HttpServer;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver of the benchmark (run with `java Receiver.java PORT COUNTFILE`): a JDK HTTP server on
 * loopback that reads each delivery's body, answers 204 and writes how many it received to COUNTFILE once a second.
 * It does not verify signatures: the benchmark measures Cascade's side.
 */
public class Receiver {
    public static void main(String[] args) throws Exception {
        AtomicLong received = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Path count = Path.of(args[1]);
        while (true) {
            Files.writeString(count, Long.toString(received.get()));
            Thread.sleep(1000);
        }
    }
}
