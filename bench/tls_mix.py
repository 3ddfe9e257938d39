#!/usr/bin/env python3
"""Puts TLS handshakes into a synthetic capture made by gen_pcap.py, so the analyzers benchmark has
DNS, HTTP *and* TLS in its mix (issue 4). gen_pcap.py's TCP flows to port 443 carry random bytes; this
rewrites, in place and at the same length, the first client payload of each such connection into a
TLS 1.2/1.3 ClientHello record (SNI, ALPN, supported_versions, key_share; padded to the segment's
length with the padding extension) and the server's first payload into a ServerHello record followed
by an application-data record header covering the rest. Sequence numbers and lengths do not change;
the TCP checksum is recomputed. Segments shorter than a ClientHello (or ServerHello) can hold stay as
they are. Standard library only; reads and writes classic pcap.

    bench/tls_mix.py IN.pcap OUT.pcap
"""
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


def server_hello(size, seed):
    rnd = hashlib.sha256(seed + b's').digest()
    exts = ext(43, b'\x03\x04') + ext(51, struct.pack('!HH', 29, 32) + rnd)
    body = struct.pack('!H', 0x0303) + rnd + b'\x20' + rnd + struct.pack('!H', 0x1301) + b'\x00' \
        + struct.pack('!H', len(exts)) + exts
    hs = b'\x02' + struct.pack('!I', len(body))[1:] + body
    rec = b'\x16\x03\x03' + struct.pack('!H', len(hs)) + hs
    rest = size - len(rec) - 5
    if rest < 1:
        return None
    # the rest of the segment opens an encrypted record (TLS 1.3 sends everything after this encrypted)
    return rec + b'\x17\x03\x03' + struct.pack('!H', min(rest, 16384)) + bytes(rest)


def main(src, dst):
    seen = {}        # connection -> set of sides that had their first payload rewritten
    rewritten = [0, 0]
    with open(src, 'rb') as f, open(dst, 'wb') as out:
        gh = f.read(24)
        out.write(gh)
        magic = struct.unpack('<I', gh[:4])[0]
        assert magic in (0xa1b2c3d4, 0xa1b23c4d), 'little-endian classic pcap expected'
        n = 0
        while True:
            rh = f.read(16)
            if len(rh) < 16:
                break
            caplen = struct.unpack('<I', rh[8:12])[0]
            pkt = bytearray(f.read(caplen))
            n += 1
            try_rewrite(pkt, seen, rewritten)
            out.write(rh)
            out.write(pkt)
            if n % 1000000 == 0:
                print('%d packets, %d ClientHellos, %d ServerHellos' % (n, rewritten[0], rewritten[1]), file=sys.stderr)
    print('%d packets, %d ClientHellos, %d ServerHellos written' % (n, rewritten[0], rewritten[1]), file=sys.stderr)


def try_rewrite(pkt, seen, rewritten):
    if len(pkt) < 14 + 20:
        return
    et = struct.unpack('!H', pkt[12:14])[0]
    off = 14
    if et == 0x8100:
        et = struct.unpack('!H', pkt[16:18])[0]
        off = 18
    if et == 0x0800:
        ihl = (pkt[off] & 15) * 4
        if pkt[off + 9] != 6:
            return
        total = struct.unpack('!H', pkt[off + 2:off + 4])[0]
        src, dst = bytes(pkt[off + 12:off + 16]), bytes(pkt[off + 16:off + 20])
        tcp = off + ihl
        end = off + total
        pseudo = src + dst + struct.pack('!BBH', 0, 6, end - tcp)
    elif et == 0x86dd:
        if pkt[off + 6] != 6:
            return
        plen = struct.unpack('!H', pkt[off + 4:off + 6])[0]
        src, dst = bytes(pkt[off + 8:off + 24]), bytes(pkt[off + 24:off + 40])
        tcp = off + 40
        end = tcp + plen
        pseudo = src + dst + struct.pack('!IxxxB', plen, 6)
    else:
        return
    if end > len(pkt) or tcp + 20 > end:
        return
    sport, dport = struct.unpack('!HH', pkt[tcp:tcp + 4])
    if 443 not in (sport, dport):
        return
    doff = (pkt[tcp + 12] >> 4) * 4
    payload = end - tcp - doff
    if payload <= 0:
        return
    client = dport == 443
    key = (src, sport, dst, dport) if client else (dst, dport, src, sport)
    sides = seen.setdefault(key, set())
    side = 'c' if client else 's'
    if side in sides:
        return
    sides.add(side)
    seed = b'%r' % (key,)
    new = client_hello(payload, 'www.%s.example' % hashlib.md5(seed).hexdigest()[:8], seed) if client \
        else server_hello(payload, seed)
    if new is None:
        return
    start = tcp + doff
    pkt[start:end] = new
    pkt[tcp + 16:tcp + 18] = b'\0\0'
    pkt[tcp + 16:tcp + 18] = struct.pack('!H', csum(pseudo + bytes(pkt[tcp:end])))
    rewritten[0 if client else 1] += 1


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
