package ipclab.bench;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Placement;
import ipclab.model.Sample;
import ipclab.run.Participants;
import ipclab.run.RunListener;
import ipclab.run.SenderChild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.sys.CpuSet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * --cpus really places the threads: while each run waits to start, the test reads every
 * participant's Cpus_allowed_list from /proc (the child's thread in 2proc), independently of what
 * the run reports about itself.
 */
class PinningIT {
    /** Reads the affinity of each participating thread from /proc when the run is ready. */
    static final class AffinityReader implements RunListener {
        final List<String> receiver = new ArrayList<>();
        final List<String> sender = new ArrayList<>();

        @Override
        public void ready(Participants p) throws Exception {
            receiver.add(allowedList(p.pid(), p.receiverTid()));
            sender.add(allowedList(p.childPid() > 0 ? p.childPid() : p.pid(), p.senderTid()));
        }
    }

    static String allowedList(int pid, int tid) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("/proc/" + pid + "/task/" + tid + "/status"))) {
            String status = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return ipclab.machine.ProcParsers.statusField(status, "Cpus_allowed_list").orElseThrow();
        }
    }

    static BenchConfig config(Mode mode, List<Integer> cpus) {
        return new BenchConfig(mode, Mechanisms.require("pipe"), 4096, 65536, 0, false, 0, true, cpus);
    }

    @Test
    void cpu0PinsBothThreadsIn2thread() throws Exception {
        AffinityReader reader = new AffinityReader();
        try (Benchmark b = new Benchmark(config(Mode.TWO_THREAD, List.of(0)))) {
            Sample s = b.measure(0, reader);
            assertThat(s.placement()).isEqualTo(new Placement(List.of(0), List.of(0)));
            // where each end actually ran, as the sample records it: pinned, on CPU 0 throughout
            assertThat(s.measured()).containsEntry("receiver_cpu_start", 0).containsEntry("receiver_cpu_end", 0)
                    .containsEntry("sender_cpu_start", 0).containsEntry("sender_cpu_end", 0);
        }
        assertThat(reader.receiver).containsExactly("0");
        assertThat(reader.sender).containsExactly("0");
    }

    @Test
    void receiverAndSenderOnTheirOwnCpusIn2procThenUnpinnedAgain() throws Exception {
        List<Integer> usable = CpuSet.allowed();
        assumeThat(usable.size()).as("needs two CPUs").isGreaterThanOrEqualTo(2);
        int r = usable.get(0);
        int s = usable.get(1);
        AffinityReader reader = new AffinityReader();
        try (SenderChild child = SenderProcess.spawn()) {
            try (Benchmark pinned = new Benchmark(config(Mode.TWO_PROC, List.of(r, s)), child)) {
                Sample sample = pinned.measure(0, reader);
                assertThat(sample.placement()).isEqualTo(new Placement(List.of(r), List.of(s)));
                // the child's sender reports where it ran: on its own CPU, never moved
                assertThat(sample.measured()).containsEntry("receiver_cpu_start", r)
                        .containsEntry("receiver_cpu_end", r).containsEntry("sender_cpu_start", s)
                        .containsEntry("sender_cpu_end", s).containsEntry("sender_migrations", 0L)
                        .containsEntry("receiver_migrations", 0L);
            }
            // The same child serves an unpinned run next: it must not stay on its CPU.
            try (Benchmark unpinned = new Benchmark(config(Mode.TWO_PROC, List.of()), child)) {
                assertThat(unpinned.measure(1, reader).placement().senderCpus()).isEqualTo(usable);
            }
        }
        assertThat(reader.receiver).containsExactly(String.valueOf(r), CpuSet.formatList(usable));
        assertThat(reader.sender).containsExactly(String.valueOf(s), CpuSet.formatList(usable));
    }

    @Test
    void oneThreadGivesTheCallingThreadItsAffinityBack() throws Exception {
        List<Integer> before = CpuSet.allowed();
        AffinityReader reader = new AffinityReader();
        try (Benchmark b = new Benchmark(config(Mode.ONE_THREAD, List.of(before.getLast())))) {
            b.measure(0, reader);
        }
        assertThat(reader.receiver).containsExactly(String.valueOf(before.getLast()));
        assertThat(CpuSet.allowed()).isEqualTo(before);
    }
}
