package dev.netproof.app.cli;

import dev.netproof.server.ApiServer;
import dev.netproof.store.Store;
import dev.netproof.store.StoreException;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netproof serve}: the HTTP API over the store, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API (JSON) over the store.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin DataOption data;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Override
    public Integer call() throws Exception {
        try (Store store = data.open(false)) {
            serve(store, bind, port);
            return 0;
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Serves until the process is interrupted (Ctrl-C). */
    static void serve(Store store, String bind, int port) throws InterruptedException {
        ApiServer server = new ApiServer(new ApiServer.Config(bind, port), store);
        try {
            server.start();
        } catch (IOException e) {
            throw new UserError("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        System.out.println("netproof API at " + server.baseUrl() + "api/v1/  (flows, top, quality; Ctrl-C stops)");
        System.out.println("  try: curl '" + server.baseUrl() + "api/v1/top?by=id.resp_p&metric=bytes'");
        System.out.flush();
        stop.await();
    }
}
