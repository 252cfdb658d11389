package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ipc-static's I/O pattern, checked from outside with strace on the real launcher (one file per
 * thread with -ff, absolute times with -ttt, so that a reused descriptor number is told apart): the sender
 * makes exactly totalsize/buffersize write(2) calls of buffersize bytes, and the receiver reads at
 * offset (received mod buffersize), asking at most buffersize minus that offset, until exactly
 * totalsize bytes have arrived.
 *
 * <p>Descriptor numbers are per table. In 2thread every thread shares the process's table, so a
 * close by any thread ends a number's meaning; in 2proc each benchmark thread has a private table
 * (its process's copies are closed once it has its own, and it closes its copies at the end), so
 * only the thread's own closes count for its calls.
 */
class IoPatternIT {
    private static final int BUFFER = 4096;
    private static final int TOTAL = 1 << 20;
    private static final Pattern PIPE2 = Pattern.compile("^([\\d.]+) pipe2\\(\\[(\\d+), (\\d+)\\], O_CLOEXEC\\)");
    private static final Pattern PASSED_FD =
            Pattern.compile("^([\\d.]+) recvmsg\\(.*SCM_RIGHTS, cmsg_data=\\[(\\d+)\\]");
    private static final Pattern CLOSE = Pattern.compile("^([\\d.]+) close\\((\\d+)\\) += 0");
    private static final Pattern CALL =
            Pattern.compile("^([\\d.]+) (read|write)\\((\\d+), .*, (\\d+)\\) += (-?\\d+)");

    /** Where a descriptor number meant the benchmark's object: from its creation to its close. */
    record Window(String fd, double from, double to) {
        boolean covers(String otherFd, double time) {
            return fd.equals(otherFd) && time >= from && time <= to;
        }
    }

    /** One thread's trace (strace -ff writes one file per thread, named after its tid). */
    record ThreadTrace(String tid, List<String> lines) {}

    private static final Pattern CLONED = Pattern.compile("^[\\d.]+ clone3?\\(.*\\) += (\\d+)$");

    /**
     * The threads of the 2proc child JVM: the one that exec'd it and every thread cloned from
     * those. Its descriptor numbers are its own process's: a read of its fd 6 (a jar, at its
     * start) is not a read of the parent's fd 6, whatever the windows say.
     */
    private static java.util.Set<String> childThreads(List<ThreadTrace> threads) {
        java.util.Set<String> child = new java.util.HashSet<>();
        for (ThreadTrace t : threads) {
            if (t.lines().stream().anyMatch(l -> l.contains(" execve(") && l.contains("ipclab.bench.SenderProcess"))) {
                child.add(t.tid());
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (ThreadTrace t : threads) {
                if (child.contains(t.tid())) {
                    for (String l : t.lines()) {
                        Matcher m = CLONED.matcher(l);
                        grew |= m.find() && child.add(m.group(1));
                    }
                }
            }
        }
        return child;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2thread", "2proc"})
    void straceSeesIpcStaticsPattern(String mode) throws Exception {
        boolean required = System.getenv("IPCLAB_REQUIRE_TOOLS") != null;
        // Looked for on PATH: starting a missing program throws instead of failing.
        boolean present = ipclab.trace.Tools.find("strace").isPresent();
        if (required) {
            assertThat(present).as("strace is required (IPCLAB_REQUIRE_TOOLS) but missing").isTrue();
        }
        assumeThat(present).as("strace is not installed").isTrue();
        // -ff: one file per thread, so no call is split into "unfinished" and "resumed" lines.
        Path dir = Files.createTempDirectory("ipclab-strace");
        Process p = new ProcessBuilder("strace", "-f", "-ff", "-qq", "-e", "trace=pipe2,read,write,recvmsg,close,clone,clone3,execve", "-ttt",
                "-e", "signal=none", "-o", dir.resolve("t").toString(),
                "bin/ipclab", "-B", "-q", "-b", String.valueOf(BUFFER), "-t", String.valueOf(TOTAL), mode)
                .inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<ThreadTrace> threads = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                threads.add(new ThreadTrace(name.substring(name.lastIndexOf('.') + 1), Files.readAllLines(f)));
                Files.delete(f);
            }
        }
        Files.delete(dir);
        List<String> all = threads.stream().flatMap(t -> t.lines().stream()).toList();
        boolean privateTables = mode.equals("2proc");

        Matcher pipe = all.stream().map(PIPE2::matcher).filter(Matcher::find).reduce((x, y) -> y).orElseThrow();
        double created = Double.parseDouble(pipe.group(1));
        List<Matcher> passed = all.stream().map(PASSED_FD::matcher).filter(Matcher::find).toList();
        long writes = 0;
        long received = 0;
        List<Matcher> calls = new ArrayList<>();
        java.util.Set<String> child = privateTables ? childThreads(threads) : java.util.Set.of();
        if (privateTables) {
            assertThat(child).as("the 2proc child's threads").isNotEmpty();
        }
        for (ThreadTrace t : threads) {
            // A call counts against the windows of its own thread: its table's closes end them.
            List<String> closes = privateTables ? t.lines() : all;
            Window reader = window(closes, pipe.group(2), created);
            List<Window> writers = new ArrayList<>(List.of(window(closes, pipe.group(3), created)));
            passed.forEach(m -> writers.add(window(closes, m.group(2), Double.parseDouble(m.group(1)))));
            for (Matcher m : t.lines().stream().map(CALL::matcher).filter(Matcher::find).toList()) {
                double time = Double.parseDouble(m.group(1));
                String fd = m.group(3);
                // the receiver is a thread of this process; the child only writes
                if (m.group(2).equals("write") ? writers.stream().anyMatch(w -> w.covers(fd, time))
                        : !child.contains(t.tid()) && reader.covers(fd, time)) {
                    calls.add(m);
                }
            }
        }
        calls.sort(java.util.Comparator.comparingDouble(m -> Double.parseDouble(m.group(1))));
        for (Matcher m : calls) {
            long asked = Long.parseLong(m.group(4));
            long result = Long.parseLong(m.group(5));
            if (m.group(2).equals("write")) {
                assertThat(asked).isEqualTo(BUFFER);
                assertThat(result).as("a blocking write is never short").isEqualTo(BUFFER);
                writes++;
            } else {
                assertThat(asked).as("read at offset %d", received % BUFFER)
                        .isEqualTo(Math.min(BUFFER - received % BUFFER, TOTAL - received));
                assertThat(result).isPositive();
                received += result;
            }
        }
        assertThat(writes).isEqualTo(TOTAL / BUFFER);
        assertThat(received).isEqualTo(TOTAL);
    }

    /** From {@code from} to the first close of {@code fd} in {@code lines}. */
    private static Window window(List<String> lines, String fd, double from) {
        double to = lines.stream().map(CLOSE::matcher).filter(Matcher::find)
                .filter(m -> m.group(2).equals(fd) && Double.parseDouble(m.group(1)) >= from)
                .mapToDouble(m -> Double.parseDouble(m.group(1))).min().orElse(Double.MAX_VALUE);
        return new Window(fd, from, to);
    }
}
