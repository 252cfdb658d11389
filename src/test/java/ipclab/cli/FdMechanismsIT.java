package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.trace.ToolRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eventfd, local-seqpacket and local-dgram through what sits above a run, as a user runs it: a
 * sweep of --ipc all (each mechanism with the workloads and sizes it carries, the rest left out
 * of its rows), trace (the tracers count the loops' calls inside the region), probe-effect.
 */
class FdMechanismsIT {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftRunning() {
        assertThat(ToolRequirement.liveDescendants()).isEmpty();
    }

    @Test
    void sweepOfEveryMechanismTakesWhatEachCarries() throws Exception {
        // Two sweeps, so that each workload's trials are sized for it: a latency trial's round
        // trips are --total over the message size, and 1 MiB of 8-byte round trips takes 10 s.
        var stream = IpclabProcess.run("sweep", "--ipc", "all", "--workload", "stream", "--mode", "2thread,2proc",
                "--buffers", "4k,512k", "-s", "off", "--trials", "1", "--warmup", "0", "--total", "1m", "--out",
                dir.resolve("stream").toString());
        assertThat(stream.code()).as(stream.err()).isZero();
        var latency = IpclabProcess.run("sweep", "--ipc", "all", "--workload", "latency", "--mode", "2thread,2proc",
                "--message-sizes", "8,64", "--trials", "1", "--warmup", "0", "--total", "64k", "--out",
                dir.resolve("latency").toString());
        assertThat(latency.code()).as(latency.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> trials = new java.util.ArrayList<>();
        for (String sweep : List.of("stream", "latency")) {
            Path folder;
            try (Stream<Path> s = Files.list(dir.resolve(sweep))) {
                folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Files.readAllLines(folder.resolve("results.jsonl")).forEach(l -> {
                try {
                    trials.add(json.readTree(l));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(trials).allSatisfy(n -> assertThat(n.get("error").isNull()).as(n.toString()).isTrue());
        // eventfd: latency at 8 bytes only, in both modes
        assertThat(trials.stream().filter(n -> n.get("ipc").asText().equals("eventfd"))
                .map(n -> n.get("mode").asText() + " " + n.get("workload").asText() + " " + n.get("buffer_size_bytes")))
                .containsExactlyInAnyOrder("2thread latency 8", "2proc latency 8");
        for (String m : List.of("local-seqpacket", "local-dgram")) {
            // the stream at 4 KiB only (512 KiB is over the default send buffer), latency at both sizes
            assertThat(trials.stream().filter(n -> n.get("ipc").asText().equals(m))
                    .map(n -> n.get("mode").asText() + " " + n.get("workload").asText() + " " + n.get("buffer_size_bytes")))
                    .as(m).containsExactlyInAnyOrder("2thread stream 4096", "2proc stream 4096", "2thread latency 8",
                            "2thread latency 64", "2proc latency 8", "2proc latency 64");
            assertThat(trials.stream().filter(n -> n.get("ipc").asText().equals(m)
                    && n.get("workload").asText().equals("stream")))
                    .allSatisfy(n -> {
                        assertThat(n.get("sndbuf_bytes").asLong()).isPositive();
                        assertThat(n.get("writes").asLong()).isEqualTo(256);
                        assertThat(n.get("reads").asLong()).isEqualTo(256); // one whole message per read
                    });
        }
        assertThat(stream.out()).contains("2proc local-dgram, -s off");
        assertThat(latency.out()).contains("2thread eventfd, latency");
        assertThat(stream.err()).contains("sweep: 2 sizes left out on this machine: -i local-seqpacket: a 524288-byte"
                + " message is larger than the send buffer allows");
        for (String sweep : List.of("stream", "latency")) {
            Path folder;
            try (Stream<Path> s = Files.list(dir.resolve(sweep))) {
                folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            var report = IpclabProcess.run("report", "--format", "csv", folder.toString());
            assertThat(report.code()).as(report.err()).isZero();
            assertThat(report.out()).contains("local-seqpacket").contains(sweep.equals("latency") ? "eventfd" : "local-dgram");
        }
    }

    /**
     * A latency trial of eventfd round trips that outlasts --trial-timeout is stopped, in 2thread
     * and in 2proc: an eventfd has no end of file and cannot be shut down, so the watchdog and the
     * run's failure path must wake its blocked reads, or the sweep would wait for ever.
     */
    @Test
    void anEventfdTrialThatOutlastsTheTimeoutIsStopped() throws Exception {
        var r = IpclabProcess.run("sweep", "--ipc", "eventfd", "--workload", "latency", "--mode", "2thread,2proc",
                "--message-sizes", "8", "--trials", "1", "--warmup", "0", "--total", "1g", "--trial-timeout", "1",
                "--out", dir.toString(), "--no-report");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(r.err()).contains("trial failed: 2thread eventfd 8 B latency: stalled")
                .contains("trial failed: 2proc eventfd 8 B latency: stalled").doesNotContain("Exception");
    }

    /** Their -j documents are valid ipclab-run/1, with the mechanism's name and its grants. */
    @Test
    void jsonDocumentsFollowTheSchema() throws Exception {
        var dgram = TraceCommandIT.run("-j", "-B", "-s", "-i", "local-dgram", "-b", "4k", "-t", "64k", "2proc");
        assertThat(dgram.status()).as(dgram.err()).isZero();
        JsonNode d = ipclab.report.Schemas.assertValid(ipclab.report.Schemas.run(), dgram.out());
        assertThat(d.at("/samples/0/ipc").asText()).isEqualTo("local-dgram");
        assertThat(d.at("/samples/0/sndbuf_bytes").asLong()).isEqualTo(8192);
        assertThat(d.at("/machine/ipc_limits/net_unix_max_dgram_qlen").isNumber()).isTrue();
        var eventfd = TraceCommandIT.run("latency", "-j", "-B", "-i", "eventfd", "--rounds", "100", "1thread");
        assertThat(eventfd.status()).as(eventfd.err()).isZero();
        JsonNode e = ipclab.report.Schemas.assertValid(ipclab.report.Schemas.run(), eventfd.out());
        assertThat(e.at("/samples/0/ipc").asText()).isEqualTo("eventfd");
        assertThat(e.at("/samples/0/buffer_size_bytes").asLong()).isEqualTo(8);
        assertThat(e.at("/samples/0/rounds").asLong()).isEqualTo(100);
    }

    @Test
    void traceCountsTheLoopsCallsOfADatagramRun() {
        ToolRequirement.require("bpftrace");
        var r = TraceCommandIT.run("trace", "--tracer", "bpftrace", "-B", "-i", "local-dgram", "-b", "4k", "-t",
                "256k", "2proc");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(64 reads, 64 writes counted by the benchmark)")
                .containsPattern("read\\s+64\n").containsPattern("write\\s+64\n")
                .containsPattern("4096 \\|@{40} 64");
    }

    @Test
    void traceCountsEightByteCallsOfEventfdRoundTrips() {
        ToolRequirement.require("bpftrace");
        var r = TraceCommandIT.run("trace", "--tracer", "bpftrace", "-B", "--workload", "latency", "-i", "eventfd",
                "--rounds", "500", "2proc");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(500 round trips; 1000 reads, 1000 writes counted by the benchmark)")
                .containsPattern("read\\s+1000\n").containsPattern("write\\s+1000\n")
                .containsPattern("8 \\|@{40} 1000");
    }

    @Test
    void probeEffectOnSequencedPackets() throws Exception {
        ToolRequirement.require("bpftrace");
        var r = TraceCommandIT.run("probe-effect", "--tracer", "bpftrace", "--trials", "2", "--warmup", "0", "-j",
                "-B", "-i", "local-seqpacket", "-b", "4k", "-t", "256k", "2thread");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out()).at("/studies/0/tracers/0");
        assertThat(t.at("/view/syscalls/write/calls").asLong()).isEqualTo(64);
        assertThat(t.at("/view/syscalls/read/calls").asLong()).isEqualTo(64);
        assertThat(t.at("/estimate/median_ratio").asDouble()).isPositive();
    }

    @Test
    void probeEffectOfEventfdSaysWhyNot() {
        var r = TraceCommandIT.run("probe-effect", "--tracer", "bpftrace", "-i", "eventfd", "2thread");
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .startsWith("ipclab: -i eventfd cannot carry the stream workload: it carries latency; ");
    }
}
