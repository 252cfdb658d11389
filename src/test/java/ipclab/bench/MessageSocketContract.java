package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.Cli;
import ipclab.cli.IpclabProcess;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.workload.latency.LatencyWorkload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Unix message sockets ({@code local-seqpacket}, {@code local-dgram}): the stream contract,
 * plus what boundaries add. Every write is one message and every read takes one whole (strace
 * sees as many reads as writes, each of buffersize); -s sizes the buffers and the grant is
 * reported; a message larger than the send buffer allows is refused before the run, naming the
 * setting; and the latency workload runs on one pair in both directions.
 */
abstract class MessageSocketContract extends IpcContract {
    /** The socket type as strace prints it: SOCK_SEQPACKET or SOCK_DGRAM. */
    abstract String socketType();

    @Test
    void socketBuffersAreAskedAndTheGrantIsReported() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, type(), 65536, 1 << 20, 0, true, 0, true, List.of()));
        assertThat(s.bytes()).isEqualTo(1 << 20);
        // Linux doubles the request for its bookkeeping (socket(7)).
        assertThat(s.granted().get("sndbuf_bytes")).isEqualTo(2L * 65536);
        assertThat(s.granted().get("rcvbuf_bytes")).isEqualTo(2L * 65536);
        assertThat(s.granted().get("pipe_capacity_bytes")).isEqualTo(-1L);
    }

    @Test
    void verboseBlockSaysTheLargestMessage() {
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"-B", "-v", "-s", "-i", type().name(), "-b", "4k", "-t", "64k", "2thread"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("  sndbuf: 8192 (granted; 4096 asked)\n")
                .contains("  largest message: 8160 (sndbuf less 32; larger is EMSGSIZE)\n");
    }

    /** One read(2) per message, each given room for a whole one and getting it: nothing truncated. */
    @ParameterizedTest
    @ValueSource(strings = {"2thread", "1thread"})
    void straceSeesOneWholeReadPerMessage(String mode) throws Exception {
        int buffer = 4096;
        int total = 1 << 20;
        List<String> lines = StraceCalls.of("socketpair,read,write,close", "-B", "-q", "-i", type().name(), "-b",
                String.valueOf(buffer), "-t", String.valueOf(total), mode);
        Matcher pair = StraceCalls.last(lines, Pattern.compile(
                "^([\\d.]+) socketpair\\(AF_UNIX, " + socketType() + "\\|SOCK_CLOEXEC, 0, \\[(\\d+), (\\d+)\\]\\) = 0"));
        double made = Double.parseDouble(pair.group(1));
        List<Matcher> writes = StraceCalls.io(lines, "write", pair.group(3), made);
        List<Matcher> reads = StraceCalls.io(lines, "read", pair.group(2), made);
        List<Matcher> done = writes.stream().filter(m -> !m.group(5).startsWith("-")).toList();
        List<Matcher> got = reads.stream().filter(m -> !m.group(5).startsWith("-")).toList();
        assertThat(done).as("writes that sent a message").hasSize(total / buffer)
                .allSatisfy(m -> assertThat(m.group(4) + " " + m.group(5)).isEqualTo(buffer + " " + buffer));
        assertThat(got).as("reads that took a message").hasSize(total / buffer)
                .allSatisfy(m -> assertThat(m.group(4) + " " + m.group(5)).isEqualTo(buffer + " " + buffer));
        if (mode.equals("2thread")) {
            assertThat(writes).hasSameSizeAs(done);
            assertThat(reads).hasSameSizeAs(got); // blocking: no EAGAIN
        } else {
            // non-blocking: what did not go is EAGAIN (-1), never a part of a message
            assertThat(writes).allSatisfy(m -> assertThat(m.group(5)).isIn(String.valueOf(buffer), "-1"));
            assertThat(reads).allSatisfy(m -> assertThat(m.group(5)).isIn(String.valueOf(buffer), "-1"));
        }
    }

    @Test
    void aMessageOverTheSendBufferIsRefusedNamingTheLimit() {
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"-i", type().name(), "-b", "256k", "-t", "1m", "2thread"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(64);
        assertThat(err.toString().lines().findFirst().orElseThrow()).startsWith("ipclab: -i " + type().name()
                + ": a 262144-byte message is larger than the send buffer allows, ")
                .contains("net.core.wmem_default, /proc/sys/net/core/wmem_default");
        // the same for a round trip's message
        StringWriter latencyErr = new StringWriter();
        assertThat(Cli.run(new String[] {"latency", "-i", type().name(), "-b", "256k", "2thread"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(latencyErr, true))).isEqualTo(64);
        assertThat(latencyErr.toString()).contains("a 262144-byte message is larger than the send buffer allows");
    }

    /**
     * Where the check before the run is bypassed (a configuration made directly), the kernel's
     * EMSGSIZE fails the run as a refused call (71), naming write(2), and the peer blocked on
     * the other end is woken (a datagram socket gets no end of file from a closed peer).
     */
    @ParameterizedTest
    @ValueSource(strings = {"1thread", "2thread"})
    void emsgsizeAtRunTimeIsARefusedCall(String label) {
        Mode mode = Mode.fromLabel(label).orElseThrow();
        BenchConfig tooBig = new BenchConfig(mode, type(), 256 * 1024, 1 << 20, 0, false, 0, true, List.of());
        Throwable failure = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> org.assertj.core.api.Assertions.catchThrowable(
                        () -> runOnce(tooBig)));
        assertThat(failure).isInstanceOf(ipclab.model.TransferException.class)
                .hasMessageContaining("write: Message too long (EMSGSIZE)");
        assertThat(((ipclab.model.TransferException) failure).refusedCall()).isTrue();
        assertThat(ipclab.cli.ExitCodes.of(failure)).isEqualTo(71);
    }

    /** -s raises the send buffer to twice -b: the same message then fits, and moves whole. */
    @Test
    void socketBuffersRaiseTheLimit() throws Exception {
        Sample s = runOnce(new BenchConfig(Mode.TWO_THREAD, type(), 256 * 1024, 4L << 20, 0, true, 0, true,
                List.of()));
        assertThat(s.bytes()).isEqualTo(4L << 20);
        assertThat(s.writes()).isEqualTo(16);
        assertThat(s.reads()).isEqualTo(16);
    }

    /** The 2proc child holds the writer and its control socket, nothing else; the parent no copy of the writer. */
    @Test
    void twoProcChildHoldsOnlyItsEnd() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "-B", "-i", type().name(), "-b", "32", "-t", "64g", "2proc");
        try {
            ProcessHandle child = IpclabProcess.awaitSendingChild(parent, 4 << 20);
            Map<String, Map<String, String>> childTables = ChildTables.of(child.pid());
            List<String> sockets = ChildTables.objects(childTables, "socket:");
            String control = childTables.get(String.valueOf(child.pid())).get("0");
            assertThat(control).startsWith("socket:");
            assertThat(sockets).as("child's sockets: the control socket and the benchmark's writer").hasSize(2);
            String writer = sockets.stream().filter(s -> !s.equals(control)).findFirst().orElseThrow();
            assertThat(ChildTables.objects(ChildTables.of(parent.pid()), "socket:"))
                    .as("the parent keeps no copy of the child's end").doesNotContain(writer);
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * A killed child fails the run (74) instead of leaving the parent blocked: a datagram socket
     * gets no end of file when its peer goes, so the parent shuts its own end down.
     */
    @ParameterizedTest
    @ValueSource(strings = {"stream", "latency"})
    void killedChildFailsTheRun(String workload) throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = workload.equals("stream")
                ? IpclabProcess.start(out, err, "-B", "-i", type().name(), "-b", "32", "-t", "64g", "2proc")
                : IpclabProcess.start(out, err, "latency", "-B", "-i", type().name(), "--rounds", "1000000000",
                        "2proc");
        try {
            ProcessHandle child = IpclabProcess.awaitSendingChild(parent, 4 << 20);
            child.destroyForcibly();
            // A hang guard, not a timing assertion.
            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).as("parent ended after the child was killed").isTrue();
            assertThat(parent.exitValue()).as(Files.readString(err)).isEqualTo(74);
            assertThat(Files.readString(err)).contains("killed by signal 9");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void latencyRunsOnOnePairBothWays() throws Exception {
        for (Mode mode : Mode.values()) {
            Sample s = runOnce(new BenchConfig(mode, type(), 64, 500 * 64, 0, false, 0, true, List.of(), false,
                    LatencyWorkload.NAME));
            assertThat(s.measured().get(LatencyWorkload.ROUNDS)).as(mode.label()).isEqualTo(500L);
            if (mode != Mode.ONE_THREAD) {
                assertThat(s.reads()).isEqualTo(1000);
                assertThat(s.writes()).isEqualTo(1000);
            }
        }
    }
}
