package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.Cli;
import ipclab.cli.IpclabProcess;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.run.RunListener;
import ipclab.workload.latency.LatencyWorkload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code -i eventfd}: round trips through two eventfd counters, one per direction, in every
 * mode; 8-byte messages only, and the latency workload only. strace sees one 8-byte write and
 * one 8-byte read each way per round trip; the 2proc child holds its two ends and nothing else.
 */
class EventfdIT {
    private static final Mechanism EVENTFD = Mechanisms.require("eventfd");
    private static final long ROUNDS = 2_000;

    static Sample runOnce(Mode mode, boolean bare) throws Exception {
        BenchConfig config = new BenchConfig(mode, EVENTFD, 8, ROUNDS * 8, 0, false, 0, bare, List.of(), false,
                LatencyWorkload.NAME);
        try (Benchmark b = new Benchmark(config)) {
            b.prepare();
            return b.measure(0, RunListener.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyModeMakesItsRoundTripsWhole(Mode mode) throws Exception {
        Sample s = runOnce(mode, true);
        assertThat(s.failed()).isFalse();
        assertThat(s.bytes()).isEqualTo(ROUNDS * 8);
        assertThat(s.measured().get(LatencyWorkload.ROUNDS)).isEqualTo(ROUNDS);
        assertThat(s.measuredValue("rtt_p50_ns")).isPositive();
        // One write and one read each way; in 1thread too, since a written counter reads at once.
        assertThat(s.writes()).isEqualTo(2 * ROUNDS);
        assertThat(s.reads()).isEqualTo(2 * ROUNDS);
        assertThat(s.granted().values()).isEmpty();
    }

    @Test
    void warmedRunsToo() throws Exception {
        assertThat(runOnce(Mode.TWO_PROC, false).measured().get(LatencyWorkload.ROUNDS)).isEqualTo(ROUNDS);
    }

    @Test
    void latencyDefaultsToEightBytes() {
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"latency", "-B", "-v", "-i", "eventfd", "--rounds", "200", "2thread"},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("  msgsize: 8\n").contains("  ipctype: eventfd");
    }

    @Test
    void anotherSizeIsAUsageErrorSayingWhy() {
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"latency", "-i", "eventfd", "-b", "64", "2thread"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(64);
        assertThat(err.toString().lines().findFirst().orElseThrow()).isEqualTo(
                "ipclab: -i eventfd takes -b 8 only, not 64: eventfd(2) reads and writes exactly 8 bytes, its uint64_t counter");
    }

    @Test
    void theStreamIsAUsageErrorSayingWhy() {
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"-i", "eventfd", "-b", "8", "-t", "64", "2thread"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(64);
        assertThat(err.toString().lines().findFirst().orElseThrow()).isEqualTo(
                "ipclab: -i eventfd cannot carry the stream workload: it carries latency; an eventfd is a counter, "
                        + "not a stream of bytes (a write adds its 8-byte value, a read takes the sum and resets it)");
    }

    /** Per round trip one 8-byte write and one 8-byte read on each eventfd, each on its own descriptor. */
    @Test
    void straceSeesOneWriteAndOneReadEachWayPerRoundTrip() throws Exception {
        int rounds = 1000;
        List<String> lines = StraceCalls.of("eventfd2,fcntl,read,write,close", "latency", "-B", "-q", "-i", "eventfd",
                "--rounds", String.valueOf(rounds), "2thread");
        Pattern made = Pattern.compile("^([\\d.]+) eventfd2\\(0, EFD_CLOEXEC\\) = (\\d+)");
        List<Matcher> counters = lines.stream().map(made::matcher).filter(Matcher::find).toList();
        assertThat(counters).as("eventfd2 calls: forward and back").hasSizeGreaterThanOrEqualTo(2);
        for (Matcher counter : counters.subList(counters.size() - 2, counters.size())) {
            String fd = counter.group(2);
            double at = Double.parseDouble(counter.group(1));
            Matcher dup = StraceCalls.last(lines, Pattern.compile("^[\\d.]+ fcntl\\(" + fd + ", F_DUPFD_CLOEXEC, 0\\) = (\\d+)"));
            String other = dup.group(1);
            List<Matcher> calls = new ArrayList<>();
            for (String end : List.of(fd, other)) {
                for (String call : List.of("read", "write")) {
                    calls.addAll(StraceCalls.io(lines, call, end, at));
                }
            }
            assertThat(calls.stream().filter(m -> m.group(2).equals("write"))).hasSize(rounds)
                    .allSatisfy(m -> assertThat(m.group(4) + " " + m.group(5)).isEqualTo("8 8"));
            assertThat(calls.stream().filter(m -> m.group(2).equals("read"))).hasSize(rounds)
                    .allSatisfy(m -> assertThat(m.group(4) + " " + m.group(5)).isEqualTo("8 8"));
        }
    }

    /** The child holds one descriptor of each eventfd (forward's to read, back's to write); no table of the parent holds one twice. */
    @Test
    void twoProcChildHoldsOnlyItsEnds() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "latency", "-B", "-i", "eventfd", "--rounds", "1000000000",
                "2proc");
        try {
            ProcessHandle child = IpclabProcess.awaitSendingChild(parent, 1 << 20);
            Set<String> childIds = eventfdIds(child.pid(), null);
            assertThat(childIds).as("the child's eventfds").hasSize(2);
            Set<String> parentIds = eventfdIds(parent.pid(), childIds);
            assertThat(parentIds).as("the same two counters, the parent's other ends").isEqualTo(childIds);
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The eventfd ids a process holds; each table holds each at most once (one end of it). */
    private static Set<String> eventfdIds(long pid, Set<String> expected) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Map<String, String>> table : ChildTables.of(pid).entrySet()) {
            List<String> inTable = new ArrayList<>();
            for (Map.Entry<String, String> fd : table.getValue().entrySet()) {
                if (fd.getValue().equals("anon_inode:[eventfd]")) {
                    String id = ChildTables.fdinfo(pid, table.getKey(), fd.getKey(), "eventfd-id");
                    assertThat(id).as("eventfd-id of fd %s", fd.getKey()).isNotNull();
                    inTable.add(id);
                }
            }
            assertThat(inTable).as("thread %s of %d holds an eventfd twice", table.getKey(), pid).doesNotHaveDuplicates();
            ids.addAll(inTable);
        }
        return ids;
    }
}
