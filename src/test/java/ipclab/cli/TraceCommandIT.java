package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.trace.ToolRequirement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipclab trace} and {@code ipclab probe-effect} as a user runs them: output, exit codes, nothing left behind. */
class TraceCommandIT {
    private static final String[] SMALL = {"-B", "-b", "4k", "-t", "256k"};

    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }

    static String[] args(String... head) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(a.size() - 1, List.of(SMALL));
        return a.toArray(String[]::new);
    }

    @AfterEach
    void nothingLeftRunning() {
        assertThat(ToolRequirement.liveDescendants()).isEmpty();
    }

    @Test
    void textOutputHasCountsAndQuantizeBars() {
        ToolRequirement.require("bpftrace");
        Result r = run(args("trace", "--tracer", "bpftrace-sched", "2thread"));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(64 reads, 64 writes counted by the benchmark)")
                .contains("tracer: bpftrace-sched (attached in ")
                .containsPattern("write\\s+64")
                .containsPattern("4096 \\|@{40} 64")
                .contains("time off CPU (ns)");
    }

    /** -i mq under the raw_syscalls script: its two calls counted exactly; the read/write scripts are refused for it. */
    @Test
    void messageQueueCallsAreCounted() {
        ToolRequirement.require("bpftrace");
        Result r = run(args("trace", "--tracer", "bpftrace-syscalls", "-i", "mq", "2thread"));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(64 reads, 64 writes counted by the benchmark)")
                .containsPattern("mq_timedsend\\s+64\\n").containsPattern("mq_timedreceive\\s+64\\n");
        Result refused = run(args("trace", "-i", "mq", "2thread"));
        assertThat(refused.status()).isEqualTo(64);
        assertThat(refused.err().lines().findFirst().orElseThrow()).isEqualTo("ipclab: --tracer bpftrace counts read, "
                + "write and poll; the loops of -i mq make mq_timedsend, mq_timedreceive, poll: use --tracer "
                + "bpftrace-syscalls or strace");
    }

    /** The latency workload under bpftrace: exactly two reads and two writes per round trip, and the decomposition. */
    @Test
    void latencyRoundTripsAreDecomposed() {
        ToolRequirement.require("bpftrace");
        Result r = run("trace", "--tracer", "bpftrace-sched", "-B", "--workload", "latency", "--rounds", "500",
                "2proc");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("^[0-9.]+ us round trip \\(p50\\), p99 [0-9.]+ us \\(500 round trips; "
                        + "1000 reads, 1000 writes counted by the benchmark\\)")
                .containsPattern("read\\s+1000\n").containsPattern("write\\s+1000\n")
                .containsPattern("64 \\|@{40} 1000")
                .contains("per round trip (500):")
                .containsPattern("read\\s+2\\.00 calls")
                .containsPattern("context switches\\s+[0-9]+\\.[0-9]{2}")
                // The threads' table names them for what they do in a round trip.
                .containsPattern("(?m)^\\s*initiator\\s+[0-9]+").containsPattern("(?m)^\\s*responder\\s+[0-9]+")
                .doesNotContainPattern("(?m)^\\s*(receiver|sender)\\s+[0-9]+");
    }

    /** A message size that does not divide the stream's default total is a latency trace like any other. */
    @Test
    void latencyMessageSizeIsNotCheckedAgainstTheStreamsTotal() {
        ToolRequirement.require("bpftrace");
        Result r = run("trace", "-B", "--workload", "latency", "-b", "3", "--rounds", "100", "2thread");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(100 round trips; 200 reads, 200 writes counted by the benchmark)");
    }

    @Test
    void jsonHasTheSampleAndTheTrace() throws Exception {
        ToolRequirement.require("perf");
        Result r = run(args("trace", "--tracer", "perf", "-j", "2proc"));
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = ipclab.report.Schemas.assertValid(ipclab.report.Schemas.run(), r.out());
        assertThat(j.path("format").asText()).isEqualTo("ipclab-run/1");
        assertThat(j.at("/configuration/tracer").asText()).isEqualTo("perf");
        assertThat(j.at("/samples/0/tracer").asText()).isEqualTo("perf");
        assertThat(j.at("/samples/0/writes").asLong()).isEqualTo(64);
        assertThat(j.at("/trace/syscalls/write/calls").asLong()).isEqualTo(64);
        assertThat(j.at("/trace/events/write returned 4096").asLong()).isEqualTo(64);
        assertThat(j.at("/trace/attach_nanos").asLong()).isPositive();
    }

    @Test
    void userScriptGetsThePidAndItsOutputIsKept(@TempDir Path dir) throws Exception {
        ToolRequirement.require("bpftrace");
        Path script = dir.resolve("writes.bt");
        Files.writeString(script, "BEGIN { printf(\"mine\\n\"); }\n"
                + "tracepoint:syscalls:sys_exit_write /pid == $1 || pid == $4/ { @bytes = sum(args->ret); }\n");
        Result r = run(args("trace", "--script", script.toString(), "2proc"));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("tracer: script").contains("mine").containsPattern("@bytes: \\d+")
                .doesNotContain("ipclab-attached");
    }

    @Test
    void scriptThatDoesNotCompileShowsBpftracesErrorAndExits65(@TempDir Path dir) throws Exception {
        ToolRequirement.require("bpftrace");
        Path script = dir.resolve("broken.bt");
        Files.writeString(script, "tracepoint:syscalls:sys_enter_write { @x = nosuchfunction(); }\n");
        Result r = run(args("trace", "--script", script.toString(), "2thread"));
        assertThat(r.status()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err()).startsWith("ipclab: bpftrace exited").contains("nosuchfunction").contains("ERROR")
                .doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void missingScriptExits65() {
        Result r = run(args("trace", "--script", "/nonexistent/x.bt", "2thread"));
        assertThat(r.status()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err()).isEqualTo("ipclab: --script /nonexistent/x.bt: no such readable file\n");
    }

    @Test
    void unknownTracerExits64() {
        Result r = run(args("trace", "--tracer", "dtrace", "2thread"));
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ipclab: unknown tracer 'dtrace': use bpftrace, bpftrace-sched, bpftrace-latency");
        Result p = run(args("probe-effect", "--tracer", "bpftrace,dtrace", "2thread"));
        assertThat(p.status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void missingToolSaysHowToInstallItAndExits69() throws Exception {
        // No tool can be found on a PATH of nothing.
        ProcessBuilder b = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "ipclab.Main", "trace", "--tracer", "strace", "-B", "2thread");
        b.environment().put("PATH", "/nonexistent");
        Process q = b.start();
        String err = new String(q.getErrorStream().readAllBytes());
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err).isEqualTo("ipclab: strace is not installed: apt-get install strace\n");
    }

    @Test
    void withoutRootExits77() throws Exception {
        // Without bpftrace the missing tool is the first thing said (69, MissingToolIT checks it).
        ToolRequirement.require("bpftrace");
        Path jar = Path.of("target/ipclab.jar");
        if (!Files.exists(jar) || ipclab.trace.ToolRequirementAccess.uid() != 0 || !Files.exists(Path.of("/usr/bin/setpriv"))) {
            org.junit.jupiter.api.Assumptions.abort("needs root, setpriv and the packaged jar");
        }
        // The checkout may sit in a folder "nobody" cannot enter (a mktemp folder is 0700): run a
        // copy of the jar and its libraries from a folder anyone can read.
        Path copy = Files.createTempDirectory("ipclab-nobody",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectory(copy.resolve("lib"));
        Files.copy(jar, copy.resolve("ipclab.jar"));
        try (var libs = Files.list(Path.of("target/lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, copy.resolve("lib").resolve(lib.getFileName()));
            }
        }
        try (var all = Files.walk(copy)) {
            for (Path f : all.toList()) {
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Process q = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java(), "--enable-native-access=ALL-UNNAMED", "-jar", copy.resolve("ipclab.jar").toString(),
                "trace", "-B", "2thread").directory(copy.toFile()).start();
        String err = new String(q.getErrorStream().readAllBytes());
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).as(err).isEqualTo(ExitCodes.NO_PERMISSION);
        assertThat(err).startsWith("ipclab: bpftrace needs root to trace the benchmark: run ipclab as root");
    }

    /** The probe effect on round trips: compared by the median round trip, in us, lower is better. */
    @Test
    void probeEffectOfTheLatencyWorkload() throws Exception {
        ToolRequirement.require("bpftrace");
        Result r = run("probe-effect", "--workload", "latency", "--rounds", "2000", "--tracer", "bpftrace",
                "--trials", "2", "--warmup", "1", "-B", "2thread");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("probe effect: 2thread pipe, 2000 round trips of 64 B messages, -B;")
                .contains("untraced p50 us", "traced p50 us")
                .containsPattern("(?m)^bpftrace\\s+[0-9]+\\.[0-9]\\s+[0-9]+\\.[0-9]\\s+[0-9]+\\.[0-9]{3}")
                .containsPattern("read calls\\s+4000").containsPattern("write calls\\s+4000");
        Result j = run("probe-effect", "--workload", "latency", "--rounds", "1000", "--tracer", "bpftrace",
                "--trials", "1", "--warmup", "0", "-B", "-j", "2thread");
        assertThat(j.status()).as(j.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(j.out()).at("/studies/0/tracers/0");
        assertThat(t.path("metric").asText()).isEqualTo("rtt_p50_ns");
        assertThat(t.path("untraced").get(0).asDouble()).isPositive();
        Result bad = run("probe-effect", "--workload", "bandwidth", "2thread");
        assertThat(bad.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).startsWith("ipclab: --workload is stream or latency, not 'bandwidth'");
    }

    @Test
    void probeEffectAtSmallSizesHasItsStructure() throws Exception {
        ToolRequirement.require("bpftrace");
        ToolRequirement.require("perf");
        Result r = run(args("probe-effect", "--tracer", "bpftrace,perf", "--trials", "2", "--warmup", "1", "-j",
                "2thread"));
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("format").asText()).isEqualTo("ipclab-probe-effect/2");
        assertThat(doc.at("/machine/jvm").isObject()).isTrue();
        assertThat(doc.path("studies")).hasSize(1);
        JsonNode j = doc.at("/studies/0");
        assertThat(j.path("pairs_per_tracer").asInt()).isEqualTo(2);
        assertThat(j.path("tracers")).hasSize(2);
        for (JsonNode t : j.path("tracers")) {
            assertThat(t.path("metric").asText()).isEqualTo("kib_per_sec");
            assertThat(t.path("untraced")).hasSize(2);
            assertThat(t.path("traced")).hasSize(2);
            assertThat(t.at("/estimate/pairs").asInt()).isEqualTo(2);
            assertThat(t.at("/estimate/median_ratio").asDouble()).isPositive();
            assertThat(t.at("/estimate/ci_low").asDouble()).isLessThanOrEqualTo(t.at("/estimate/ci_high").asDouble());
            assertThat(t.at("/estimate/mann_whitney_p").asDouble()).isBetween(0.0, 1.0);
            assertThat(t.at("/view/syscalls/write/calls").asLong()).isEqualTo(64);
            assertThat(t.path("benchmark_reads").asLong()).isEqualTo(t.at("/view/syscalls/read/calls").asLong());
        }
        assertThat(j.at("/tracers/0/tracer").asText()).isEqualTo("bpftrace");
        Result text = run(args("probe-effect", "--tracer", "bpftrace", "--trials", "1", "--warmup", "0", "2thread"));
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("ratio").contains("95% CI").contains("p (MWU)").contains("too few pairs")
                .containsPattern("write calls\\s+64");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void probeEffectStudiesEveryConfigurationOfAPlan(@TempDir Path work) throws Exception {
        ToolRequirement.require("bpftrace");
        Path plan = work.resolve("plan.yaml");
        Files.writeString(plan, "mode: 2thread\nipc: pipe,local\nbuffers: 4k\ntotal: 256k\n");
        Path pages = work.resolve("pages");
        Result r = run("probe-effect", "--plan", plan.toString(), "--tracer", "bpftrace-idle", "--trials", "1",
                "--warmup", "0", "-j", "--out", pages.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode studies = new ObjectMapper().readTree(r.out()).path("studies");
        // pipe; local with -s off and on (the plan's default for sockets)
        assertThat(studies).hasSize(3);
        assertThat(studies.get(1).path("config").path("ipc").asText()).isEqualTo("local");
        assertThat(studies.get(2).path("config").path("socket_buffers").asBoolean()).isTrue();
        try (var dirs = Files.list(pages)) {
            assertThat(dirs.filter(d -> Files.exists(d.resolve("probe-effect.html"))
                    && Files.exists(d.resolve("probe-effect.csv"))).count()).isEqualTo(3);
        }
        // the index links every page and draws one combined chart
        String index = Files.readString(pages.resolve("index.html"));
        assertThat(index).contains("data:image/png;base64,", "probe-effect-index.svg");
        assertThat(index.split("<li><a href=", -1)).hasSize(4);
        assertThat(r.err()).contains("probe-effect: 1/3 2thread pipe", "probe-effect index: ");
        // a probe-effect folder gets a notebook too
        Result nb = run("report", "--format", "ipynb", pages.resolve("01-2thread-pipe-4096").toString());
        assertThat(nb.status()).as(nb.err()).isZero();
        assertThat(pages.resolve("01-2thread-pipe-4096").resolve("ipclab.ipynb")).isNotEmptyFile();
        Result both = run("probe-effect", "--plan", plan.toString(), "2thread");
        assertThat(both.status()).isEqualTo(ExitCodes.USAGE);
    }
}
