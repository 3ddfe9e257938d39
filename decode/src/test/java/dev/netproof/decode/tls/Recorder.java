package dev.netproof.decode.tls;

import java.util.ArrayList;
import java.util.List;

/** A listener writing down every call, for tests to compare; calls as records, in order. */
final class Recorder implements TlsListener {
    record Call(String what, Object value) {}

    final List<Call> calls = new ArrayList<>();
    final List<TlsError> errors = new ArrayList<>();
    final List<ClientHello> clientHellos = new ArrayList<>();
    final List<ServerHello> serverHellos = new ArrayList<>();
    final List<List<CertificateInfo>> chains = new ArrayList<>();

    @Override
    public void clientHello(ClientHello hello, long ts) {
        clientHellos.add(hello);
        calls.add(new Call("client_hello", hello));
    }

    @Override
    public void serverHello(ServerHello hello, long ts) {
        serverHellos.add(hello);
        calls.add(new Call("server_hello", hello));
    }

    @Override
    public void certificates(List<CertificateInfo> chain, long ts) {
        chains.add(chain);
        calls.add(new Call("certificates", chain));
    }

    @Override
    public void serverKeyExchangeGroup(int group, long ts) {
        calls.add(new Call("ske_group", group));
    }

    @Override
    public void handshakeMessage(int type, int length, long ts) {
        calls.add(new Call("handshake", type + "/" + length));
    }

    @Override
    public void changeCipherSpec(long ts) {
        calls.add(new Call("ccs", null));
    }

    @Override
    public void alert(int level, int description, long ts) {
        calls.add(new Call("alert", level + "/" + description));
    }

    @Override
    public void encryptedAlert(int length, long ts) {
        calls.add(new Call("encrypted_alert", length));
    }

    @Override
    public void applicationData(int length, long ts) {
        calls.add(new Call("application_data", length));
    }

    @Override
    public void encryptedHandshake(int length, long ts) {
        calls.add(new Call("encrypted_handshake", length));
    }

    @Override
    public void error(TlsError e, long ts) {
        errors.add(e);
        calls.add(new Call("error", e));
    }

    List<String> kinds() {
        return calls.stream().map(Call::what).toList();
    }
}
