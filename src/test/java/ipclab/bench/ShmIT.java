package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.Cli;
import ipclab.cli.IpclabProcess;
import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.ipc.Settings;
import ipclab.ipc.Transfer;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.sys.CallState;
import ipclab.trace.ToolRequirement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -i shm}: the contract (at the default --wait futex), then what a ring adds: every wait
 * strategy in every mode and workload, with a ring small enough that messages wrap and a buffer
 * larger than Agrona's longest message (so writes go as several messages); bytes that arrive
 * whole and in order; a peer killed mid-run ends the run with 74; the memfd is gone after a run;
 * bad settings are one line and 64; the tracer sees no read or write in a spinning run.
 */
class ShmIT extends IpcContract {
    private static final Mechanism SHM = Mechanisms.require("shm");

    @Override
    Mechanism type() {
        return SHM;
    }

    static Settings settings(String wait, long ringBytes) {
        return Settings.of(SHM, Map.of("wait", wait, "ring-size", Long.toString(ringBytes)));
    }

    static Stream<Arguments> everyWaitAndMode() {
        return Stream.of("spin", "yield", "futex")
                .flatMap(w -> Stream.of(Mode.values()).map(m -> Arguments.of(w, m)));
    }

    /** 4 KiB ring, 2 KiB buffers: four Agrona messages of 512 bytes per write, and the ring wraps every other block. */
    @ParameterizedTest
    @MethodSource("everyWaitAndMode")
    void everyWaitStrategyMovesExactlyTotalBytes(String wait, Mode mode) throws Exception {
        BenchConfig c = new BenchConfig(mode, SHM, 2048, 2048L * 300, 0, false, 0, true, List.of())
                .withSettings(settings(wait, 4096));
        Sample s = runOnce(c);
        assertThat(s.failed()).as(s.error()).isFalse();
        assertThat(s.bytes()).isEqualTo(2048L * 300);
        if (mode != Mode.ONE_THREAD) {
            assertThat(s.writes()).isEqualTo(300);
        }
    }

    @ParameterizedTest
    @MethodSource("everyWaitAndMode")
    void roundTripsOnEveryWaitStrategy(String wait, Mode mode) {
        Run r = cli("latency", "-B", "-i", "shm", "--wait", wait, "--ring-size", "4096", "-b", "1000", "--rounds",
                "3000", mode.label());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("^[0-9.]+ us round trip \\(p50\\), p99 [0-9.]+ us");
    }

    /**
     * Bytes through a small ring, between two threads, whole and in order: each send a different
     * length (1 to 1500 bytes, so messages wrap at every position), each byte a function of its
     * place in the stream. A ring that lost, repeated or reordered anything fails here.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spin", "yield", "futex"})
    void bytesArriveWholeAndInOrder(String wait) throws Exception {
        IpcSpec spec = new IpcSpec(SHM, 0, 0, 0, false, settings(wait, 4096), 1500);
        long total = 3_000_000;
        try (EndpointPair pair = spec.open(); Transfer out = spec.transfer(pair.writer());
                Transfer in = spec.transfer(pair.reader()); Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(1500);
            MemorySegment dst = arena.allocate(1500);
            Thread sender = Thread.ofPlatform().start(() -> {
                CallState cs = new CallState();
                long sent = 0;
                int length = 1;
                while (sent < total) {
                    int n = (int) Math.min(length, total - sent);
                    for (int i = 0; i < n; i++) {
                        src.set(ValueLayout.JAVA_BYTE, i, pattern(sent + i));
                    }
                    long r = out.send(cs, pair.writer().value(), src.address(), n);
                    if (r != n) {
                        throw new IllegalStateException("send returned " + r);
                    }
                    sent += n;
                    length = length % 1500 + 1;
                }
            });
            CallState cs = new CallState();
            long got = 0;
            long wrong = 0;
            while (got < total) {
                long r = in.receive(cs, pair.reader().value(), dst.address(), 1500);
                assertThat(r).as("receive after %d bytes", got).isPositive();
                for (int i = 0; i < r; i++) {
                    if (dst.get(ValueLayout.JAVA_BYTE, i) != pattern(got + i)) {
                        wrong++;
                    }
                }
                got += r;
            }
            sender.join();
            assertThat(got).isEqualTo(total);
            assertThat(wrong).as("bytes out of place").isZero();
        }
    }

    private static byte pattern(long position) {
        return (byte) (position * 31 + (position >>> 8));
    }

    /** A child killed mid-transfer ends the receiver's wait: exit 74, whatever it was waiting with. */
    @ParameterizedTest
    @ValueSource(strings = {"spin", "futex"})
    void aKilledChildEndsTheRun(String wait) throws Exception {
        Path out = Files.createTempFile("ipclab-shm-out", ".txt");
        Path err = Files.createTempFile("ipclab-shm-err", ".txt");
        Process p = IpclabProcess.start(out, err, "-B", "-i", "shm", "--wait", wait, "-b", "4k", "-t", "1000g", "2proc");
        ProcessHandle child = busyChild(p);
        child.destroyForcibly();
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the run ended after its child was killed").isTrue();
        assertThat(p.exitValue()).isEqualTo(74);
        assertThat(Files.readString(err)).contains("killed by signal 9");
        Files.delete(out);
        Files.delete(err);
    }

    /** The latency initiator waiting on its answer when the responder is killed: 74 as well. */
    @Test
    void aKilledResponderEndsTheRoundTrips() throws Exception {
        Path out = Files.createTempFile("ipclab-shm-out", ".txt");
        Path err = Files.createTempFile("ipclab-shm-err", ".txt");
        Process p = IpclabProcess.start(out, err, "latency", "-B", "-i", "shm", "--wait", "futex", "--rounds",
                "1000000000", "2proc");
        busyChild(p).destroyForcibly();
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).isTrue();
        assertThat(p.exitValue()).isEqualTo(74);
        assertThat(Files.readString(err)).contains("the responder has gone");
        Files.delete(out);
        Files.delete(err);
    }

    /** The run's 2proc child once it has used two seconds of CPU: past its start-up, in its loop. */
    private static ProcessHandle busyChild(Process launcher) throws InterruptedException {
        for (int i = 0; i < 2400; i++) {
            // The run's own child: bin/ipclab execs java, so its parent is the launcher's pid (a
            // first run after a build also trains the AOT cache, in a JVM with a child of its own).
            var child = launcher.children()
                    .filter(h -> h.info().arguments().map(List::of).orElse(List.of())
                            .contains("ipclab.bench.SenderProcess"))
                    .findFirst();
            if (child.isPresent() && child.get().info().totalCpuDuration().orElse(Duration.ZERO)
                    .compareTo(Duration.ofSeconds(2)) > 0) {
                return child.get();
            }
            Thread.sleep(25);
        }
        launcher.destroyForcibly();
        throw new AssertionError("the 2proc child never got going");
    }

    /** A memfd lives while a descriptor or a mapping holds it: after a run this process holds neither. */
    @Test
    void theMemfdIsGoneAfterARun() throws Exception {
        for (Mode mode : Mode.values()) {
            Sample s = runOnce(new BenchConfig(mode, SHM, 4096, 1 << 20, 0, false, 0, true, List.of()));
            assertThat(s.bytes()).isEqualTo(1 << 20);
        }
        assertThat(Files.readString(Path.of("/proc/self/maps"))).doesNotContain("memfd:ipclab-shm");
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            assertThat(fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (java.io.IOException e) {
                    return ""; // the descriptor of the listing itself, closed by now
                }
            }).filter(t -> t.contains("ipclab-shm"))).isEmpty();
        }
    }

    @Test
    void verboseNamesTheWaitAndCountsItsCalls() {
        Run r = cli("-B", "-v", "-i", "shm", "--wait", "futex", "--ring-size", "4096", "-b", "4k", "-t", "4m",
                "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  ring: 4096 bytes (Agrona OneToOneRingBuffer in a memfd, MAP_SHARED); messages "
                        + "up to 512 bytes, a larger write goes as several")
                .contains("  wait: futex (FUTEX_WAIT")
                .containsPattern("  waits: sender \\d+ futex waits, \\d+ futex wakes; receiver \\d+ futex waits, \\d+ "
                        + "futex wakes");
        Run spin = cli("-B", "-v", "-i", "shm", "--wait", "spin", "-b", "4k", "-t", "4m", "2thread");
        assertThat(spin.out()).contains("  waits: sender 0 futex waits, 0 futex wakes; receiver 0 futex waits, 0 futex "
                + "wakes");
    }

    @Test
    void badSettingsAreOneLineAndUsage() {
        assertRefused(new String[] {"-i", "shm", "--ring-size", "5000", "2thread"},
                "ipclab: --ring-size must be a power of two (Agrona's ring), not 5000");
        assertRefused(new String[] {"-i", "shm", "--ring-size", "4096", "-b", "8k", "2thread"},
                "ipclab: --ring-size 4096 is smaller than one message (-b 8192): give at least --ring-size 8192");
        assertRefused(new String[] {"-i", "shm", "--wait", "spin", "--cpus", "0", "2proc"},
                "ipclab: --wait spin with both ends on CPU 0 spins away the time slice the other end needs: use "
                        + "--wait yield or --wait futex, or one CPU per end (--cpus 0,1)");
        assertRefused(new String[] {"-i", "pipe", "--wait", "spin", "2thread"},
                "ipclab: --wait applies to -i shm, not -i pipe");
        assertRefused(new String[] {"-i", "shm", "--wait", "nap", "2thread"},
                "ipclab: --wait is one of spin, yield, futex, not 'nap'");
        assertRefused(new String[] {"latency", "-i", "shm", "--ring-size", "4096", "-b", "5000", "2thread"},
                "ipclab: --ring-size 4096 is smaller than one message (-b 5000): give at least --ring-size 8192");
    }

    private static void assertRefused(String[] args, String line) {
        Run r = cli(args);
        assertThat(r.code()).as(String.join(" ", args)).isEqualTo(64);
        assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo(line);
        assertThat(r.err()).doesNotContain("Exception");
    }

    /**
     * bpftrace-syscalls sees no read or write of a spinning ring's benchmark threads in the timed
     * region (often no call at all; the JVM's own futexes may appear), and the futex ring's futexes.
     */
    @Test
    void aSpinningRingMakesNoReadOrWrite() {
        ToolRequirement.require("bpftrace");
        // Warm runs (no -B): a bare run may load a class from the jar inside its region (read, lseek, mmap).
        Run r = cli("trace", "--tracer", "bpftrace-syscalls", "-i", "shm", "--wait", "spin", "-b", "4k", "-t",
                "16m", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(4096 reads, 4096 writes counted by the benchmark)")
                .contains("scope: every system call of the benchmark threads between their region markers")
                .doesNotContainPattern("\n  read\\s+\\d+").doesNotContainPattern("\n  write\\s+\\d+");
        Run futex = cli("trace", "--tracer", "bpftrace-syscalls", "-i", "shm", "--wait", "futex",
                "--ring-size", "4096", "-b", "4k", "-t", "16m", "2thread");
        assertThat(futex.code()).as(futex.err()).isZero();
        assertThat(futex.out()).containsPattern("\n  futex\\s+\\d+").doesNotContainPattern("\n  read\\s+\\d+");
    }

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
