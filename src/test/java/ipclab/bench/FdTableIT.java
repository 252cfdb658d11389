package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Sample;
import ipclab.probe.RunProbes;
import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.run.SenderChild;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whose descriptor table the benchmark threads use, read from /proc/PID/task/TID/fd (each task's
 * own table) while the threads wait for the start signal, and after the run: in 1thread and on
 * both sides of 2proc the benchmark thread holds the kernel object in a private table that no
 * other thread sees and that is gone after the run; with --shared-fd-table, and always in
 * 2thread, the benchmark threads see the process's table.
 */
class FdTableIT {
    private static final int BUFFER = 4096;

    private static BenchConfig config(Mode mode, Mechanism ipc, boolean shared) {
        return new BenchConfig(mode, ipc, BUFFER, 64L * BUFFER, 0, false, 0, true, List.of(), shared);
    }

    /** What each descriptor of one task's table points at: "pipe:[123]", "socket:[456]", paths. */
    static Set<String> objects(int pid, int tid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/task/" + tid + "/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "gone"; // closed between the listing and the read
                }
            }).filter(o -> !o.startsWith("/proc/")) // this listing's own directory descriptor
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> kernelObjects(Set<String> objects) {
        return objects.stream().filter(o -> o.startsWith("pipe:") || o.startsWith("socket:"))
                .collect(Collectors.toSet());
    }

    /** The tables seen while the threads wait to start: this thread's, and each benchmark thread's. */
    private static final class TableSnapshot implements RunListener {
        Participants who;
        Set<String> controller;
        Set<String> receiver;
        Set<String> sender;
        Set<String> childMain;

        /** A file this thread opens once the workers are ready: a private table made before has no copy. */
        String openedAfter;

        @Override
        public void ready(Participants p) throws IOException {
            who = p;
            int pid = p.pid();
            Path marker = Files.createTempFile("ipclab-fdtable", ".txt");
            try (var opened = Files.newByteChannel(marker)) {
                openedAfter = marker.toString();
                controller = objects(pid, Processes.gettid());
                receiver = objects(pid, p.receiverTid());
                int senderPid = p.childPid() > 0 ? p.childPid() : pid;
                sender = objects(senderPid, p.senderTid());
                childMain = p.childPid() > 0 ? objects(p.childPid(), p.childPid()) : Set.of();
            } finally {
                Files.delete(marker);
            }
        }
    }

    private static TableSnapshot run(BenchConfig c, SenderChild child) throws Exception {
        TableSnapshot seen = new TableSnapshot();
        try (Benchmark b = new Benchmark(c, child)) {
            b.prepare();
            assertThat(b.measure(0, seen).bytes()).isEqualTo(c.totalSizeBytes());
        }
        return seen;
    }

    @Test
    void oneThreadRunsOnAPrivateTableThatEndsWithTheRun() throws Exception {
        for (Mechanism ipc : List.of(Mechanisms.require("pipe"), Mechanisms.require("local"))) {
            TableSnapshot seen = run(config(Mode.ONE_THREAD, ipc, false), null);
            assertThat(seen.controller).as("%s: the process's table", ipc).contains(seen.openedAfter);
            assertThat(seen.receiver).as("%s: the worker's own table, copied before", ipc)
                    .doesNotContain(seen.openedAfter);
            // The process keeps its copies of the pair (a sweep's watchdog reaches sockets through them).
            assertThat(kernelObjects(seen.receiver)).isNotEmpty().isSubsetOf(kernelObjects(seen.controller));
            assertThat(threadEnds(seen.who.pid(), seen.who.receiverTid()))
                    .as("the worker, and its table with it, is gone after the run").isTrue();
        }
    }

    private static boolean threadEnds(int pid, int tid) throws InterruptedException {
        Path task = Path.of("/proc/" + pid + "/task/" + tid);
        for (int i = 0; i < 200 && Files.exists(task); i++) {
            Thread.sleep(10);
        }
        return !Files.exists(task);
    }

    /**
     * With -g the worker opens its sched file and loads classes around its loop, through the
     * JVM's descriptors in its copy of the table; those must stay open there until it exits (a
     * worker that closed its whole table took the JVM down with SIGSEGV on its next class load).
     */
    @Test
    void usageReadingsOnPrivateTablesLeaveTheJvmWhole() throws Exception {
        try (SenderChild child = SenderProcess.spawn()) {
            for (Mode mode : List.of(Mode.ONE_THREAD, Mode.TWO_PROC)) {
                for (int i = 0; i < 3; i++) {
                    try (Benchmark b = new Benchmark(config(mode, Mechanisms.require("pipe"), false), child)
                            .probing(new RunProbes(true, false, null))) {
                        b.prepare();
                        Sample s = b.measure(i, RunListener.NONE);
                        assertThat(s.bytes()).isEqualTo(64L * BUFFER);
                        assertThat(s.usage()).as("%s run %d: usage", mode, i).isNotNull();
                        assertThat(s.usage().onCpuNanos()).isPositive();
                    }
                }
            }
        }
    }

    /**
     * A listener that fails (a tracer that could not attach) ends the run before it starts; the
     * 2proc child is told, so the next run on the same child is an ordinary one.
     */
    @Test
    void aFailedListenerLeavesThe2procChildReadyForTheNextRun() throws Exception {
        RunListener failing = new RunListener() {
            @Override
            public void ready(Participants p) throws IOException {
                throw new IOException("tracer did not attach");
            }
        };
        try (SenderChild child = SenderProcess.spawn()) {
            for (Mechanism ipc : List.of(Mechanisms.require("pipe"), Mechanisms.require("local"))) {
                try (Benchmark b = new Benchmark(config(Mode.TWO_PROC, ipc, false), child)) {
                    b.prepare();
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.measure(0, failing))
                            .hasMessage("tracer did not attach");
                    assertThat(b.measure(1, RunListener.NONE).bytes()).as("%s: the next run", ipc)
                            .isEqualTo(64L * BUFFER);
                }
            }
        }
    }

    @Test
    void sharedTableOnRequestAndAlwaysIn2thread() throws Exception {
        for (BenchConfig c : List.of(config(Mode.ONE_THREAD, Mechanisms.require("pipe"), true),
                config(Mode.TWO_THREAD, Mechanisms.require("pipe"), false))) {
            TableSnapshot seen = run(c, null);
            assertThat(c.fdTable()).isEqualTo("shared");
            assertThat(seen.receiver).as("%s: the worker sees the process's table", c.mode())
                    .isEqualTo(seen.controller);
            assertThat(seen.sender).isEqualTo(seen.controller);
            assertThat(kernelObjects(seen.controller)).as("the pair, in the process's table").isNotEmpty();
        }
    }

    @Test
    void twoProcHoldsTheObjectOnlyInTheBenchmarkThreadsOfEachProcess() throws Exception {
        try (SenderChild child = SenderProcess.spawn()) {
            TableSnapshot seen = run(config(Mode.TWO_PROC, Mechanisms.require("pipe"), false), child);
            // The child's stdio may be pipes too (this JVM's); those are in its control thread's table.
            Set<String> pipe = kernelObjects(seen.sender).stream().filter(o -> o.startsWith("pipe:"))
                    .filter(o -> !seen.childMain.contains(o)).collect(Collectors.toSet());
            assertThat(pipe).as("the writer, in the child's sender thread").hasSize(1);
            assertThat(seen.receiver).as("the reader, in the receiver thread").containsAll(pipe);
            assertThat(seen.receiver).as("the receiver's own table").doesNotContain(seen.openedAfter);
            assertThat(seen.controller).as("this process's table: its copy of a pipe is closed, so that a "
                    + "failing receiver's close is the last").doesNotContainAnyElementsOf(pipe);
            assertThat(objects(child.pid(), child.pid())).as("the child after the run")
                    .doesNotContainAnyElementsOf(pipe);

            TableSnapshot local = run(config(Mode.TWO_PROC, Mechanisms.require("local"), false), child);
            Set<String> receiverSockets = kernelObjects(local.receiver).stream()
                    .filter(o -> !local.childMain.contains(o) && !local.sender.contains(o))
                    .collect(Collectors.toSet());
            assertThat(local.receiver).doesNotContain(local.openedAfter);
            assertThat(receiverSockets).isNotEmpty();
            assertThat(local.controller).as("a socket stays in this process's table, for the watchdog")
                    .containsAll(receiverSockets);

            TableSnapshot shared = run(config(Mode.TWO_PROC, Mechanisms.require("pipe"), true), child);
            assertThat(shared.sender).as("--shared-fd-table: the child's sender sees the child's table")
                    .isEqualTo(shared.childMain);
            assertThat(shared.receiver).isEqualTo(shared.controller);
        }
    }
}
