package dev.netproof.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netproof.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API under {@code /api/v1/}, JSON in and out, on the JDK's own HTTP server.
 *
 * <p>Binds to 127.0.0.1 unless told otherwise. Each request runs on a virtual thread with its own
 * store connection. Bad parameters answer 400 with {@code {"error": "..."}}; an internal failure
 * answers 500 with a one-line message, never a stack trace. Start with {@link #start()}, stop with
 * {@link #close()}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());

    /** Settings: address to bind ({@code 127.0.0.1} by default) and port (0 picks a free one). */
    public record Config(String bindAddress, int port) {
        public static Config defaults() {
            return new Config("127.0.0.1", 8080);
        }
    }

    private final Config config;
    private final Store store;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Routes routes;
    private PcapExport pcap;
    private HttpServer http;
    private ExecutorService executor;

    public ApiServer(Config config, Store store) {
        this.config = config;
        this.store = store;
        this.routes = new Routes(store.dir());
    }

    /** Answers {@code /api/v1/pcap} with {@code export} (without one, that endpoint answers 404). Call before {@link #start}. */
    public ApiServer withPcap(PcapExport export) {
        this.pcap = export;
        return this;
    }

    public void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    public String baseUrl() {
        String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
        return "http://" + host + ":" + port() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
        // Not try-with-resources: the exchange must stay open for the error answers in the catch blocks.
        try {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, Map.of("error", "only GET is supported"));
                return;
            }
            if (path.equals(PcapAnswer.PATH)) {
                PcapAnswer.send(ex, pcap, Params.parse(uri.getRawQuery()), (status, msg) -> send(ex, status, Map.of("error", msg)));
                return;
            }
            Routes.Handler h = routes.find(path);
            if (h == null) {
                send(ex, 404, Map.of("error", "no such endpoint: " + path, "endpoints", Routes.ENDPOINTS));
                return;
            }
            Params params = Params.parse(uri.getRawQuery());
            Object body;
            try (Connection c = store.connect()) {
                body = h.handle(c, params);
            }
            send(ex, 200, body);
        } catch (BadRequest e) {
            send(ex, 400, Map.of("error", e.getMessage()));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "request failed: " + ex.getRequestURI(), e);
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("error", "internal error: " + oneLine(e.getMessage()));
            send(ex, 500, err);
        } finally {
            ex.close();
        }
    }

    static String oneLine(String s) {
        if (s == null) return "unknown";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (http != null) http.stop(0);
        if (executor != null) executor.close();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
