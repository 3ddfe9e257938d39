package dev.netproof.flow.http;

import dev.netproof.decode.http.HttpRequestHead;
import dev.netproof.decode.http.HttpResponseHead;

/** Scratch of one request and its response while they are parsed; becomes an event once. */
final class Exchange {
    final int depth;
    final HttpRequestHead request; // null: a response without request
    long requestLastTs;
    long requestBodyLen;
    boolean requestBodyComplete;
    /** Requests after this one dropped by the outstanding cap, whose responses come after this one's. */
    int droppedAfter;
    int infoCode = -1;
    String infoMsg;
    HttpResponseHead response;
    long requestLastBeforeResponse;
    long responseLastTs;
    long responseBodyLen;
    boolean responseBodyComplete;
    boolean emitted;

    Exchange(int depth, HttpRequestHead request) {
        this.depth = depth;
        this.request = request;
        if (request != null) {
            requestLastTs = request.tsNanos();
            requestBodyComplete = false;
        }
    }
}
