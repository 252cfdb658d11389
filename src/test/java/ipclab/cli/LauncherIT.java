package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.report.Schemas;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/ipclab as a user runs it: a real process, its own exit status and streams. */
class LauncherIT {
    record Result(int code, String out, String err) {}

    static Result launch(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("bin/ipclab"));
        argv.addAll(List.of(args));
        File err = File.createTempFile("ipclab", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectError(err).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new Result(p.exitValue(), out, java.nio.file.Files.readString(err.toPath()));
        } finally {
            err.delete();
        }
    }

    /**
     * What a plain run's start-up costs, counted rather than timed: with the AOT cache it loads
     * no picocli class (each one meant opening picocli's jar) and spins one downcall stub class
     * (each shape is one, about 15 ms; the cache cannot hold them).
     */
    @Test
    void aPlainRunLoadsNoPicocliClassAndSpinsOneDowncallStub() throws Exception {
        assertThat(launch("-B", "-q", "2thread").code()).isZero(); // the jar and the runs' cache are made
        java.nio.file.Path log = java.nio.file.Files.createTempFile("ipclab-classes", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder("bin/ipclab", "-B", "-q", "2thread").redirectErrorStream(true);
            pb.environment().put("IPCLAB_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
            Process run = pb.start();
            run.getInputStream().readAllBytes();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).isZero();
            List<String> loaded = java.nio.file.Files.readAllLines(log);
            assertThat(loaded).as("classes loaded").anyMatch(l -> l.contains("ipclab.Main source: shared objects file"));
            assertThat(loaded).noneMatch(l -> l.contains(" picocli."));
            assertThat(loaded.stream().filter(l -> l.contains("jdk.internal.foreign.abi.DowncallStub"))).hasSize(1);
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    /**
     * The 2proc child maps an AOT cache, for a run of the root and of a command: until it was
     * started with -jar, the JVM refused the cache it was given (its --add-exports did not match
     * the cache's) and the child loaded every class from its class file.
     */
    @Test
    void the2procChildMapsAnAotCache() throws Exception {
        assertThat(launch("-B", "-q", "2thread").code()).isZero(); // the jar and the runs' cache are made
        for (String[] args : List.of(new String[] {"-B", "-q", "-t", "1024g", "2proc"},
                new String[] {"latency", "-q", "--rounds", "1000000000", "2proc"})) {
            java.nio.file.Path out = java.nio.file.Files.createTempFile("ipclab", ".out");
            java.nio.file.Path err = java.nio.file.Files.createTempFile("ipclab", ".err");
            Process p = IpclabProcess.start(out, err, args);
            try {
                ProcessHandle child = ownChild(p);
                String maps = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + child.pid() + "/maps"));
                assertThat(maps).as(String.join(" ", args)).contains("target/ipclab-runs.aot");
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                java.nio.file.Files.deleteIfExists(out);
                java.nio.file.Files.deleteIfExists(err);
            }
        }
    }

    /** The launched run's own child (not a child of an AOT training run), once it is sending. */
    private static ProcessHandle ownChild(Process launcher) throws Exception {
        for (int i = 0; i < 1200; i++) {
            var child = launcher.children().filter(h -> h.info().arguments().map(List::of).orElse(List.of())
                    .contains("ipclab.bench.SenderProcess")).findFirst();
            if (child.isPresent() && IpclabProcess.written(child.get()) > 0) {
                return child.get(); // past its JVM's start, where a cache is mapped
            }
            assertThat(launcher.isAlive()).as("the run ended before its child started").isTrue();
            Thread.sleep(25);
        }
        throw new AssertionError("no 2proc child");
    }

    @Test
    void jsonFrom2procWithUsageAndPlacement() throws Exception {
        Result r = launch("-B", "-n", "2", "-j", "-g", "--cpus", "0", "-b", "4k", "-t", "64k", "2proc");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Schemas.assertValid(Schemas.run(), r.out());
        assertThat(doc.get("samples")).hasSize(2);
        assertThat(doc.at("/samples/1/sender_cpus_allowed").asText()).isEqualTo("0");
        assertThat(doc.at("/samples/1/usage_scope").asText()).contains("child process");
        assertThat(doc.at("/machine/jvm/flags").asText()).contains("UseSerialGC");
    }

    @Test
    void describeAsTextAndJson() throws Exception {
        Result text = launch("describe");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("hardware:\n", "  cpu_model: ", "ipc_limits:\n", "  pipe_max_size_bytes: ",
                "jvm:\n", "os:\n", "  clocksource: ");
        Result json = launch("describe", "-j");
        assertThat(json.code()).isZero();
        JsonNode doc = Schemas.MAPPER.readTree(json.out());
        assertThat(doc.fieldNames()).toIterable().containsExactly("format", "machine");
        assertThat(doc.path("format").asText()).isEqualTo("ipclab-describe/1");
        JsonNode d = doc.path("machine");
        assertThat(d.fieldNames()).toIterable().containsExactly("hardware", "os", "ipc_limits", "jvm");
        assertThat(d.at("/ipc_limits/pipe_default_capacity_bytes").asLong()).isPositive();
    }
}
