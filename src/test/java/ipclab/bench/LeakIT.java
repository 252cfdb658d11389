package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.run.RunListener;
import ipclab.run.SenderChild;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A thousand benchmarks in one JVM leave no descriptor open and do not grow native memory: every
 * endpoint pair, buffer and 2proc child is released.
 */
class LeakIT {
    private static final int RUNS = 1000;
    private static final int BUFFER = 64 * 1024;

    @Test
    void thousandRunsLeakNeitherDescriptorsNorNativeMemory() throws Exception {
        List<BenchConfig> configs = Stream.of(Mode.values())
                .flatMap(m -> Mechanisms.all().stream().filter(t -> t.modes().contains(m)).map(t -> {
                    int buffer = (int) Math.min(BUFFER, t.maxMessageBytes()); // a queue's messages are smaller
                    return t.workloads().contains("stream")
                            ? new BenchConfig(m, t, buffer, 2L * buffer, 0, false, 0, true, List.of())
                            // a mechanism without the stream (eventfd) makes round trips of its one size
                            : new BenchConfig(m, t, t.fixedMessageBytes(), 2L * BUFFER, 0, false, 0, true, List.of(),
                                    false, "latency");
                }))
                .toList();
        // The FIFO's private folder is named by Files.createTempDirectory, whose SecureRandom
        // (NativePRNG) opens /dev/random and /dev/urandom once and keeps them for the JVM's life: made
        // here first, so that LeakIT run alone does not count those two as a leak of the runs.
        Files.delete(Files.createTempDirectory("ipclab-leakit-"));
        long fdsBefore = openDescriptors();
        java.util.Set<String> linksBefore = links();
        long rssAtWarm = 0;
        try (SenderChild child = SenderProcess.spawn()) {
            for (int i = 0; i < RUNS; i++) {
                BenchConfig c = configs.get(i % configs.size());
                try (Benchmark b = new Benchmark(c, child)) {
                    b.prepare();
                    assertThat(b.measure(i, RunListener.NONE).bytes()).isEqualTo(c.totalSizeBytes());
                }
                if (i == RUNS / 5) {
                    System.gc();
                    rssAtWarm = rssKib();
                }
            }
        }
        System.gc();
        long rssGrowthKib = rssKib() - rssAtWarm;
        java.util.Set<String> after = links();
        java.util.Set<String> added = new java.util.TreeSet<>(after);
        added.removeAll(linksBefore);
        java.util.Set<String> gone = new java.util.TreeSet<>(linksBefore);
        gone.removeAll(after);
        assertThat(openDescriptors()).as("descriptors opened and not closed: %s; closed: %s", added, gone)
                .isEqualTo(fdsBefore);
        // 800 leaked 64 KiB buffers would be 50 MiB; allow the JVM's own drift.
        assertThat(rssGrowthKib).as("RSS growth over 800 runs, KiB").isLessThan(16 * 1024);
    }

    static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** fd number and what it points to, for the message of a leak. */
    static java.util.Set<String> links() throws IOException {
        java.util.Set<String> links = new java.util.TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    links.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException gone) {
                    // the listing's own descriptor
                }
            }
        }
        return links;
    }

    static long rssKib() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
