#!/usr/bin/env python3
"""Puts TLS handshakes into a synthetic capture made by gen_pcap.py, so the analyzers benchmark has
DNS, HTTP *and* TLS in its mix (issue 4). gen_pcap.py's TCP flows to port 443 carry random bytes; this
rewrites, in place and at the same length, every payload byte of each such connection so that both
sides speak TLS 1.3 as a browser and a server do: the client a ClientHello record (SNI, ALPN,
supported_versions, key_share; padded with the padding extension to fill its first segment, or unpadded
over several segments when the segment is too short), the server a ServerHello
record; then each side a ChangeCipherSpec record and encrypted application-data
records of 16 KiB. A byte's content depends only on its place in its side's stream (its sequence
number counted from the SYN, or from the side's first payload when the SYN was not seen), so a hello
split over segments is split as TCP would split it, and retransmitted or reordered segments carry the
same bytes. Sequence numbers and lengths do not change; the TCP checksum is recomputed. Standard
library only; reads and writes classic pcap.

    bench/tls_mix.py IN.pcap OUT.pcap
"""
import bisect
import hashlib
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ext(t, body):
    return struct.pack('!HH', t, len(body)) + body


def client_hello(size, sni, seed):
    """A ClientHello record of exactly `size` bytes, or None when it cannot fit."""
    rnd = hashlib.sha256(seed).digest()
    ciphers = [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009c, 0x002f]
    name = sni.encode()
    exts = ext(0, struct.pack('!HBH', len(name) + 3, 0, len(name)) + name)
    exts += ext(16, struct.pack('!H', 12) + b'\x02h2' + b'\x08http/1.1')     # ALPN: h2, http/1.1
    exts += ext(43, b'\x04\x03\x04\x03\x03')                       # supported_versions: TLS 1.3, 1.2
    exts += ext(10, struct.pack('!H', 4) + struct.pack('!HH', 29, 23))  # supported_groups: x25519, secp256r1
    exts += ext(13, struct.pack('!H', 4) + struct.pack('!HH', 0x0403, 0x0804))
    exts += ext(51, struct.pack('!H', 36) + struct.pack('!HH', 29, 32) + rnd)  # key_share x25519
    body = struct.pack('!H', 0x0303) + rnd + b'\x20' + rnd + struct.pack('!H', 2 * len(ciphers)) \
        + b''.join(struct.pack('!H', c) for c in ciphers) + b'\x01\x00'
    fixed = 5 + 4 + len(body) + 2 + len(exts)
    pad = size - fixed - 4                                         # padding extension header
    if pad < 0:
        return None
    exts += ext(21, b'\0' * pad)
    hs = b'\x01' + struct.pack('!I', len(body) + 2 + len(exts))[1:] + body + struct.pack('!H', len(exts)) + exts
    rec = b'\x16\x03\x01' + struct.pack('!H', len(hs)) + hs
    return rec if len(rec) == size else None


def server_hello_stream(seed, session_id_length=32):
    """The server's ServerHello record alone: 127 bytes with the 32-byte session id a TLS 1.3 server echoes,
    up to 5 fewer with a shorter one (so that what follows it can always be whole records)."""
    rnd = hashlib.sha256(seed + b's').digest()
    exts = ext(43, b'\x03\x04') + ext(51, struct.pack('!HH', 29, 32) + rnd)
    body = struct.pack('!H', 0x0303) + rnd + bytes([session_id_length]) + rnd[:session_id_length] \
        + struct.pack('!H', 0x1301) + b'\x00' + struct.pack('!H', len(exts)) + exts
    hs = b'\x02' + struct.pack('!I', len(body))[1:] + body
    return b'\x16\x03\x03' + struct.pack('!H', len(hs)) + hs


SERVER_HELLO_MAX = len(server_hello_stream(b''))
SERVER_HELLO_MIN = SERVER_HELLO_MAX - 5


def fits(hello, total):
    """Whether the bytes after `hello` in a stream of `total` can be whole records: none, or at least six."""
    return hello is not None and (total == len(hello) or total - len(hello) >= 6)


HELLO_MIN = next(n for n in range(64, 1024) if client_hello(n, 'www.00000000.example', b''))  # with no padding
RECORD = 16384                                            # largest application-data record body
CCS = b'\x14\x03\x03\x00\x01\x01'                             # middlebox-compatibility ChangeCipherSpec


class Stream:
    """One side's stream of `total` bytes: its hello, a ChangeCipherSpec, then application-data records
    of up to 16 KiB, the last one ending where the side stopped sending. Bytes not in a header are zero."""

    def __init__(self, hello, total):
        assert fits(hello, total), (len(hello), total)
        self.total = total
        self.parts = [(0, hello)]                                 # (offset, bytes), in order; zeros between
        at, rest = len(hello), total - len(hello)
        if rest == len(CCS) or rest >= len(CCS) + 6:              # a CCS, and room for a record after it if any
            self.parts.append((at, CCS))
            at, rest = at + len(CCS), rest - len(CCS)
        while rest > 0:                                           # rest is 0 or at least 6 here, and stays so
            body = min(RECORD, rest - 5)
            if 0 < rest - 5 - body < 6:
                body = rest - 5                                   # no room for another record: this one takes the rest
            self.parts.append((at, b'\x17\x03\x03' + struct.pack('!H', body)))
            at, rest = at + 5 + body, rest - 5 - body
        self.starts = [o for o, _ in self.parts]

    def bytes(self, pos, length):
        out = bytearray(length)
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        while i < len(self.parts) and self.parts[i][0] < pos + length:
            o, b = self.parts[i]
            lo, hi = max(o, pos), min(o + len(b), pos + length)
            if lo < hi:
                out[lo - pos:hi - pos] = b[lo - o:hi - o]
            i += 1
        return bytes(out)


def packets(f):
    """The records of a classic pcap file opened at its start: (record header, packet bytes); the file header first."""
    gh = f.read(24)
    magic = struct.unpack('<I', gh[:4])[0]
    assert magic in (0xa1b2c3d4, 0xa1b23c4d), 'little-endian classic pcap expected'
    yield gh, None
    while True:
        rh = f.read(16)
        if len(rh) < 16:
            return
        caplen = struct.unpack('<I', rh[8:12])[0]
        yield rh, bytearray(f.read(caplen))


def main(src, dst):
    # First pass: where each side's stream starts (one past its SYN, else its first payload byte) and how
    # long it is. A client that sends fewer bytes than the smallest ClientHello cannot have done a TLS
    # handshake: its connection is left as it is, both sides...
    extent = {}      # (connection, client side?) -> [first sequence number, stream length]
    with open(src, 'rb') as f:
        for rh, pkt in packets(f):
            t = pkt is not None and tcp_443(pkt)
            if not t:
                continue
            conn, client, seq, syn, payload = t[:5]
            e = extent.get((conn, client))
            if e is None:
                if not syn and payload <= 0:
                    continue
                e = extent[(conn, client)] = [(seq + 1) & 0xffffffff if syn else seq, 0]
            elif syn:
                e[0] = (seq + 1) & 0xffffffff
            end = (seq + payload - e[0]) & 0xffffffff
            if payload > 0 and end < 0x80000000:
                e[1] = max(e[1], end)
    # ... nor one whose server sends some bytes, but fewer than a ServerHello
    def server_ok(conn):
        sent = extent.get((conn, False), [0, 0])[1]
        return sent == 0 or sent >= SERVER_HELLO_MIN
    tls = {conn for (conn, client), e in extent.items() if client and e[1] >= HELLO_MIN and server_ok(conn)}
    seen = {}        # (connection, client side?) -> its Stream, once its first payload was seen
    rewritten = [0, 0, 0]
    n = 0
    with open(src, 'rb') as f, open(dst, 'wb') as out:
        for rh, pkt in packets(f):
            out.write(rh)
            if pkt is None:
                continue
            n += 1
            t = tcp_443(pkt)
            if t and t[0] in tls:
                rewrite(pkt, t, extent, seen, rewritten)
            out.write(pkt)
            if n % 1000000 == 0:
                print('%d packets, %d ClientHellos, %d ServerHellos' % (n, rewritten[0], rewritten[1]), file=sys.stderr)
    print('%d packets, %d TLS connections (%d ClientHellos, %d ServerHellos), %d segments rewritten'
          % (n, len(tls), rewritten[0], rewritten[1], rewritten[2]), file=sys.stderr)


def tcp_443(pkt):
    """(connection, from the client?, sequence number, SYN?, payload length, TCP offset, payload end,
    checksum pseudo-header) of a TCP segment to or from port 443; None for any other packet."""
    if len(pkt) < 14 + 20:
        return None
    et = struct.unpack('!H', pkt[12:14])[0]
    off = 14
    if et == 0x8100:
        et = struct.unpack('!H', pkt[16:18])[0]
        off = 18
    if et == 0x0800:
        ihl = (pkt[off] & 15) * 4
        if pkt[off + 9] != 6:
            return None
        total = struct.unpack('!H', pkt[off + 2:off + 4])[0]
        src, dst = bytes(pkt[off + 12:off + 16]), bytes(pkt[off + 16:off + 20])
        tcp = off + ihl
        end = off + total
        pseudo = src + dst + struct.pack('!BBH', 0, 6, end - tcp)
    elif et == 0x86dd:
        if pkt[off + 6] != 6:
            return None
        plen = struct.unpack('!H', pkt[off + 4:off + 6])[0]
        src, dst = bytes(pkt[off + 8:off + 24]), bytes(pkt[off + 24:off + 40])
        tcp = off + 40
        end = tcp + plen
        pseudo = src + dst + struct.pack('!IxxxB', plen, 6)
    else:
        return None
    if end > len(pkt) or tcp + 20 > end:
        return None
    sport, dport = struct.unpack('!HH', pkt[tcp:tcp + 4])
    if 443 not in (sport, dport):
        return None
    doff = (pkt[tcp + 12] >> 4) * 4
    client = dport == 443
    conn = (src, sport, dst, dport) if client else (dst, dport, src, sport)
    seq = struct.unpack('!I', pkt[tcp + 4:tcp + 8])[0]
    return conn, client, seq, pkt[tcp + 13] & 0x02, end - tcp - doff, tcp, end, pseudo


def rewrite(pkt, t, extent, seen, rewritten):
    conn, client, seq, syn, payload, tcp, end, pseudo = t
    if payload <= 0:
        return
    key = (conn, client)
    base, total = extent[key]
    pos = (seq - base) & 0xffffffff
    if pos >= 0x80000000 or pos + payload > total:
        return                                                    # before the stream's start (or a SYN's reuse): left as it is
    stream = seen.get(key)
    if stream is None:
        seed = b'%r' % (conn,)
        if client:
            # the first segment holds the whole hello when it can (as gen_pcap's request sizes vary, so do
            # the hellos'), else the smallest hello goes over several segments
            sni = 'www.%s.example' % hashlib.md5(seed).hexdigest()[:8]
            sizes = ([payload] if pos == 0 else []) + [HELLO_MIN, total]
            hello = next(h for h in (client_hello(n, sni, seed) for n in sizes) if fits(h, total))
        else:
            hello = next(h for h in (server_hello_stream(seed, n) for n in range(32, 26, -1)) if fits(h, total))
        stream = seen[key] = Stream(hello, total)
        rewritten[0 if client else 1] += 1
    start = end - payload
    pkt[start:end] = stream.bytes(pos, payload)
    pkt[tcp + 16:tcp + 18] = b'\0\0'
    pkt[tcp + 16:tcp + 18] = struct.pack('!H', csum(pseudo + bytes(pkt[tcp:end])))
    rewritten[2] += 1

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
