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
JIT=(-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,dev.netproof.flow.Analyzers::accept "${TIER4[@]}")
# A young generation of 1 GiB where memory allows (the default heap is a quarter of it): ParallelGC
# starts with a small one and copied the ingest's growing live set (flow table, passive DNS, rollups)
# six times, 0.7-0.9 s of pauses on the bench capture; with -Xmn1g one or two young collections,
# 0.15-0.35 s (BENCHMARKS.md, "Whole ingest with everything on").
GC=(-XX:+UseParallelGC)
MEM_KB=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
[ "${MEM_KB:-0}" -ge $((8 * 1024 * 1024)) ] && GC+=(-Xmn1g)
NETPROOF_JVM=(--enable-native-access=ALL-UNNAMED "${GC[@]}" "${JIT[@]}")
