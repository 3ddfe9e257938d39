# Sourced by ./netproof and bench/builds-ab.sh: the JVM options every netproof command runs with, in
# NETPROOF_JVM (after java, before the AOT cache's and the user's options).
# The application analyzers (DNS, TCP streams for HTTP/TLS) are kept out of the packet loop's compiled
# code: inlined into it, they used up C2's inlining budget and the decoder's field reads fell back to
# unoptimised memory-segment checks (docs/internals.md, "JIT cost"; whole ingest 11.2-12.4 s -> 10.0-11.3 s).
# C2 takes a method at three times the JDK's counts (15,000 calls instead of 5,000, and so on): on two cores C2 is
# one thread, busy through a whole ingest of a few million packets, and what it compiles for code that runs a few
# thousand times (a connection's or a row's code, in a short capture) it takes from the hot loops that wait for it.
# Measured side by side by CPU (bench/options-ab.sh): the TLS mix with the analyzers 0.955 of the default's CPU, without
# them 0.997, the foundation's scope 0.99; the steady state is unchanged (AnalyzerCostInterleaved 0.697 against 0.698),
# since code that stays hot reaches the higher counts too. Five times did no better.
TIER4=(-XX:Tier4InvocationThreshold=15000 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000)
# Likewise each analyzer's stream code is kept out of the TCP reassembly's (TcpStreams.accept, which runs for every TCP
# packet): choosing an analyzer for a connection's first bytes, and the TLS, HTTP and DNS-over-TCP consumers. Inlined,
# a rare branch met in any of them (the first hello that is not TLS, the first gap) threw away the whole stream path's
# compiled code (JFR, six TLS-mix ingests: compiled two to four times, 26-55 kB, 0.13-0.87 s of C2); out of line it
# was 18 kB, 0.14 s, and such a trap discards that analyzer's code only. TLS mix, analyzers on, side by side by CPU:
# 0.9835 of the default's (16 rounds, 12 below 1); the packet path with the analyzers at steady state
# (PipelineBenchmark, six alternating pairs) 705 against 726 CPU ns a packet (BENCHMARKS.md).
STREAMS=(-XX:CompileCommand=dontinline,dev.netproof.flow.Analyzers::select
  -XX:CompileCommand=dontinline,dev.netproof.flow.tls.TlsAnalyzer::data
  -XX:CompileCommand=dontinline,dev.netproof.flow.http.HttpAnalyzer::data
  -XX:CompileCommand=dontinline,dev.netproof.flow.dns.DnsTcpConnection::data)
# And code that runs once a message or transaction (a hello, a DNS message, a DNS transaction's row) keeps its helper
# loops, its records' constructors and its sinks out of line. C2 inlines all of them into every such method it compiles,
# and optimises each inlined copy of a loop on its own: HelloDecoder.client was 47 kB of code (the vector readers of
# five extensions, each a loop), DnsDecoder.decode 52 kB (a message record that copies four lists), DnsTransactions.accept
# 38 kB (the row, passive DNS and the store writer's hand-over), the TLS message path 44 kB; with these out of line 32,
# 24, 15 and 23 kB (JFR). Such code runs some 10^5 times in a capture of millions of packets, so the compile cost more
# than the calls it saves. TLS mix, analyzers on, side by side by CPU: 0.9665 of the CPU it took without them (16 rounds,
# every one below 1); the packet path at steady state keeps what it kept (AnalyzerCostInterleaved; BENCHMARKS.md).
# LauncherJitOptionsTest checks that every method named here exists.
TRANSACTIONS=(-XX:CompileCommand=dontinline,dev.netproof.decode.tls.Reader::u16s
  -XX:CompileCommand=dontinline,dev.netproof.decode.tls.Reader::u8s
  -XX:CompileCommand=dontinline,dev.netproof.decode.tls.Reader::hex
  -XX:CompileCommand=dontinline,dev.netproof.decode.tls.Reader::latin1
  '-XX:CompileCommand=dontinline,dev.netproof.decode.tls.ClientHello::<init>'
  -XX:CompileCommand=dontinline,dev.netproof.decode.tls.TlsStreamParser::message
  '-XX:CompileCommand=dontinline,dev.netproof.flow.tls.Offers$ClientKey::hashCode'
  '-XX:CompileCommand=dontinline,dev.netproof.flow.tls.Offers$ClientKey::equals'
  '-XX:CompileCommand=dontinline,dev.netproof.decode.dns.DnsMessage::<init>'
  '-XX:CompileCommand=dontinline,dev.netproof.decode.dns.DnsRecord::<init>'
  -XX:CompileCommand=dontinline,dev.netproof.flow.dns.PassiveDns::learn
  -XX:CompileCommand=dontinline,dev.netproof.flow.dns.DnsTransactions::expire
  -XX:CompileCommand=dontinline,dev.netproof.flow.dns.DnsTransactions::event
  -XX:CompileCommand=dontinline,dev.netproof.store.StoreWriter::event)
JIT=(-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,dev.netproof.flow.Analyzers::accept "${STREAMS[@]}"
  "${TRANSACTIONS[@]}" "${TIER4[@]}")
# A young generation of 1 GiB where memory allows (the default heap is a quarter of it): ParallelGC
# starts with a small one and copied the ingest's growing live set (flow table, passive DNS, rollups)
# six times, 0.7-0.9 s of pauses on the bench capture; with -Xmn1g one or two young collections,
# 0.15-0.35 s (BENCHMARKS.md, "Whole ingest with everything on").
GC=(-XX:+UseParallelGC)
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
[ "${MEM_KB:-0}" -ge $((8 * 1024 * 1024)) ] && GC+=(-Xmn1g)
NETPROOF_JVM=(--enable-native-access=ALL-UNNAMED "${GC[@]}" "${JIT[@]}")
