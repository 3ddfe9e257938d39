package dev.netproof.packetstore.objects;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for tests: S3Proxy on a free loopback port, over jclouds' in-memory ("transient") blob store,
 * or its filesystem one under a directory. Requests must be signed (V2 or V4) with {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}. Starts in well under a second.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "netproof-test", SECRET_KEY = "netproof-test-secret";
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ProxyServer(BlobStoreContext context) throws Exception {
        this.context = context;
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            Thread.sleep(5);
        }
    }

    /** Objects in memory. */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer(ContextBuilder.newBuilder("transient").credentials("x", "y").build(BlobStoreContext.class));
    }

    /** Objects as files under {@code dir} (for large objects, which the in-memory store would hold on the heap). */
    public static S3ProxyServer onDisk(Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        return new S3ProxyServer(ContextBuilder.newBuilder("filesystem").overrides(p).credentials("x", "y").build(BlobStoreContext.class));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The server's side of things, to create buckets and to look at what was stored without our client. */
    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    public void createBucket(String bucket) {
        blobStore().createContainerInLocation(null, bucket);
    }

    /** Settings that reach this server with the right credentials. */
    public S3Settings settings() {
        return S3Settings.DEFAULT.withEndpoint(endpoint()).withCredentials(ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
