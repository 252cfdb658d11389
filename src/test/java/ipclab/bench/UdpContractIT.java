package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.IpclabProcess;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.ipc.udp.UdpMechanism;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.run.RunListener;
import ipclab.workload.latency.LatencyWorkload;
import ipclab.workload.stream.StreamWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code -i udp}: the contract in the modes it has (2thread, 2proc; 1thread is refused), with
 * the count loosened where a datagram may be lost: what arrived and what was dropped add up to
 * totalsize, every datagram that arrived came whole (one read(2) each, so reads are the arrivals
 * and one more when the deadline ended the run), and the count is exact when nothing was dropped,
 * as it always is for a total that fits the receive buffer. Then the calls strace sees, round
 * trips on one pair in both directions, and a 2proc child holding only its end.
 */
class UdpContractIT extends IpcContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("udp");
    }

    /** 32 B, 4 KiB and the largest datagram over IPv4. */
    @Override
    int[] contractSizes() {
        return new int[] {32, 4096, UdpMechanism.MAX_DATAGRAM_BYTES};
    }

    private static long drops(Sample s) {
        Object d = s.measured().get(StreamWorkload.DROPS);
        assertThat(d).as("drops is measured for udp").isInstanceOf(Long.class);
        return (Long) d;
    }

    /** What arrived plus what was dropped is {@code total}, each datagram whole; exact when nothing was dropped. */
    private static void accountsFor(Sample s, int buffer, long total) {
        long sent = total / buffer;
        long drops = drops(s);
        assertThat(s.failed()).as(s.error()).isFalse();
        assertThat(drops).as("drops at %d", buffer).isBetween(0L, sent - 1);
        assertThat(s.bytes()).as("bytes at %d", buffer).isEqualTo(total - drops * buffer);
        assertThat(s.writes()).as("writes at %d: one datagram each, never short", buffer).isEqualTo(sent);
        // One read per datagram that arrived, and one more that met the deadline when some never came.
        assertThat(s.reads()).as("reads at %d", buffer).isEqualTo(sent - drops + (drops > 0 ? 1 : 0));
        assertThat(s.elapsedNanos()).isPositive();
    }

    @Override
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"TWO_THREAD", "TWO_PROC"})
    void movesExactlyTotalBytes(Mode mode) throws Exception {
        for (int buffer : contractSizes()) {
            long total = 20L * buffer;
            accountsFor(runOnce(config(mode, buffer, total)), buffer, total);
        }
    }

    /**
     * Twenty 32-byte datagrams take well under the default receive buffer (net.core.rmem_default,
     * 212,992 bytes here; a small datagram is charged about 1-2 KiB), so none may be dropped: the
     * counts are exactly ipc-static's.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"TWO_THREAD", "TWO_PROC"})
    void aTotalThatFitsTheReceiveBufferArrivesExactly(Mode mode) throws Exception {
        Sample s = runOnce(config(mode, 32, 20 * 32));
        assertThat(drops(s)).isZero();
        assertThat(s.bytes()).isEqualTo(20 * 32);
        assertThat(s.writes()).isEqualTo(20);
        assertThat(s.reads()).isEqualTo(20);
    }

    @Override
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"TWO_THREAD", "TWO_PROC"})
    void warmRunsAlsoMoveExactlyTotalBytes(Mode mode) throws Exception {
        BenchConfig warm = config(mode, 4096, 1 << 20).withBare(false);
        try (Benchmark b = new Benchmark(warm)) {
            String did = b.prepare();
            // compiled, as IpcContract says; allocation-free is AllocationIT's claim
            assertThat(did).contains("untimed calls").containsAnyOf("until C2-compiled", "NOT allocation-free yet")
                    .doesNotContain("NOT C2-compiled");
            for (int i = 0; i < 2; i++) {
                Sample s = b.measure(i, RunListener.NONE);
                accountsFor(s, 4096, 1 << 20);
                assertThat(s.iteration()).isEqualTo(i);
            }
        }
    }

    @Override
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"TWO_THREAD", "TWO_PROC"})
    void printsIpcStaticsOutput(Mode mode) {
        super.printsIpcStaticsOutput(mode);
    }

    @Override
    @Test
    void plainRunPrintsOnlyTheResultLine() {
        ShmIT.Run r = ShmIT.cli("-B", "-i", "udp", "-p", "0", "-b", "4k", "-t", "64k", "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("\\d+\\.\\d{2} KBytes/sec\\R");
    }

    /**
     * 2thread under strace: the benchmark's two UDP sockets (reader made first), one write(2) of
     * buffersize per datagram on the writer, all of them accepted, and on the reader one read(2)
     * per datagram that arrived, asked for a whole one and given it. Once the sender's last write
     * returned, the reader is shut down (shutdown(2), SHUT_RD); when some datagrams never came,
     * the run ends on one more read, which returns 0 after that shutdown, not on the 2 s deadline.
     */
    @Test
    void straceSeesOneWriteAndOneWholeReadPerDatagram() throws Exception {
        int buffer = 4096;
        int total = 64 * buffer;
        List<String> lines = StraceCalls.of("socket,read,write,close,shutdown", "-B", "-q", "-p", "0", "-i", "udp",
                "-b", String.valueOf(buffer), "-t", String.valueOf(total), "2thread");
        Pattern socket = Pattern.compile("^([\\d.]+) socket\\(AF_INET, SOCK_DGRAM\\|SOCK_CLOEXEC, IPPROTO_IP\\) = (\\d+)");
        List<Matcher> sockets = lines.stream().map(socket::matcher).filter(Matcher::find).toList();
        assertThat(sockets).as("the benchmark's UDP sockets").hasSizeGreaterThanOrEqualTo(2);
        Matcher reader = sockets.get(sockets.size() - 2);
        Matcher writer = sockets.getLast();
        double made = Double.parseDouble(writer.group(1));
        List<Matcher> writes = StraceCalls.io(lines, "write", writer.group(2), made);
        List<Matcher> reads = StraceCalls.io(lines, "read", reader.group(2), made);
        assertThat(writes).as("one write per datagram").hasSize(total / buffer)
                .allSatisfy(m -> assertThat(m.group(4) + " " + m.group(5)).isEqualTo(buffer + " " + buffer));
        List<Matcher> got = reads.stream().filter(m -> Long.parseLong(m.group(5)) > 0).toList();
        List<Matcher> ended = reads.stream().filter(m -> Long.parseLong(m.group(5)) <= 0).toList();
        assertThat(got).as("reads that took a datagram").isNotEmpty().hasSizeLessThanOrEqualTo(total / buffer)
                .allSatisfy(m -> assertThat(m.group(4) + " " + m.group(5)).isEqualTo(buffer + " " + buffer));
        Pattern shutdown = Pattern.compile("^([\\d.]+) shutdown\\(" + reader.group(2) + ", SHUT_RD\\) += 0");
        Matcher shut = StraceCalls.last(lines, shutdown);
        assertThat(Double.parseDouble(shut.group(1))).as("the reader shut down after the sender's last write")
                .isGreaterThanOrEqualTo(Double.parseDouble(writes.getLast().group(1)));
        assertThat(ended).as("the read that the shutdown ended, only when a datagram was lost")
                .hasSize(got.size() < total / buffer ? 1 : 0)
                .allSatisfy(m -> assertThat(m.group(5)).isEqualTo("0"));
    }

    @Test
    void latencyRunsOnOnePairBothWays() throws Exception {
        for (Mode mode : List.of(Mode.TWO_THREAD, Mode.TWO_PROC)) {
            Sample s = runOnce(new BenchConfig(mode, type(), 64, 500 * 64, 0, false, 0, true, List.of(), false,
                    LatencyWorkload.NAME));
            assertThat(s.measured().get(LatencyWorkload.ROUNDS)).as(mode.label()).isEqualTo(500L);
            assertThat(s.reads()).isEqualTo(1000);
            assertThat(s.writes()).isEqualTo(1000);
        }
    }

    /** The 2proc child holds the writer and its control socket, nothing else; the parent no copy of the writer. */
    @Test
    void twoProcChildHoldsOnlyItsEnd() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "-B", "-p", "0", "-i", "udp", "-b", "32", "-t", "64g", "2proc");
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
}
