package dev.netproof.packetstore.objects;

/** The object-store contract over a directory. */
class LocalObjectStoreContractTest extends ObjectStoreContract {
    @Override
    ObjectStore newStore() throws Exception {
        return new LocalObjectStore(tmp.resolve("objects"));
    }
}
