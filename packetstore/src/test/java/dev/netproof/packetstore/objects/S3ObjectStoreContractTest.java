package dev.netproof.packetstore.objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The object-store contract over S3, against S3Proxy (in memory) on loopback: one server, a bucket per test. */
class S3ObjectStoreContractTest extends ObjectStoreContract {
    static S3ProxyServer server;
    static int buckets;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    ObjectStore newStore() throws Exception {
        String bucket = "contract-" + ++buckets;
        server.createBucket(bucket);
        S3Settings settings = server.settings().withMultipart(5 * MiB, 5 * MiB).withListPageSize(PAGE);
        return S3ObjectStore.open(bucket, "netproof/packets", settings);
    }
}
