package dev.netproof.app.cli;

import dev.netproof.app.collect.CollectRun;
import dev.netproof.app.extract.PcapApi;
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
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API (JSON) over the store; with --collect, also receive flow exports into it.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin DataOption data;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--collect", negatable = false,
            description = "Also run the flow-export listeners of 'netproof collect' (NetFlow, IPFIX, sFlow), storing what "
                    + "they receive while the API answers.")
    boolean collect;

    @Mixin CollectOptions collectOptions;
    @Mixin TierOptions tierOptions;

    @Override
    public Integer call() throws Exception {
        try (Store store = data.open(collect)) {
            CollectRun run = null;
            if (collect) {
                run = CollectCommand.open(store, collectOptions);
                run.start();
                for (var l : run.listeners()) System.out.println("netproof collecting on udp " + collectOptions.listen + ":" + l.port());
                for (var l : run.tcpListeners()) System.out.println("netproof collecting IPFIX on tcp " + collectOptions.listen + ":" + l.port());
            }
            CollectRun collector = run;
            TierOptions.every(store, tierOptions.policy(), 5, System.out); // daemon: ends with the process
            serve(store, bind, port, () -> {
                if (collector == null) return;
                try {
                    collector.close(); // what was received is decoded and stored before the process ends
                } catch (Exception e) {
                    System.err.println("netproof: " + e.getMessage());
                }
            });
            return 0;
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Serves until the process is interrupted (Ctrl-C). */
    static void serve(Store store, String bind, int port) throws InterruptedException {
        serve(store, bind, port, () -> { });
    }

    /** Serves until the process is interrupted (Ctrl-C), then runs {@code onStop} before the process ends. */
    static void serve(Store store, String bind, int port, Runnable onStop) throws InterruptedException {
        ApiServer server = new ApiServer(new ApiServer.Config(bind, port), store)
                .withPcap(store.dir() == null ? null : new PcapApi(store, store.dir().resolve(PacketStoreOptions.DIR)));
        try {
            server.start();
        } catch (IOException e) {
            throw new UserError("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            onStop.run();
            stop.countDown();
        }));
        System.out.println("netproof API at " + server.baseUrl() + "api/v1/  (flows, top, quality; Ctrl-C stops)");
        System.out.println("  try: curl '" + server.baseUrl() + "api/v1/top?by=id.resp_p&metric=bytes'");
        System.out.flush();
        stop.await();
    }
}
