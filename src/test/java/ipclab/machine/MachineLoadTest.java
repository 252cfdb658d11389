package ipclab.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load parsers on canned /proc text, and what two snapshots say about other processes. */
class MachineLoadTest {
    static Path root(String name) throws Exception {
        return Path.of(MachineLoadTest.class.getResource("/machine/" + name).toURI());
    }

    @Test
    void loadavgHasThreeAveragesAndTheRunnableCount() {
        MachineLoad.LoadAverage l = MachineLoad.parseLoadavg("3.90 2.10 1.05 5/812 40211\n").orElseThrow();
        assertThat(l).isEqualTo(new MachineLoad.LoadAverage(3.90, 2.10, 1.05, 5, 812));
        assertThat(MachineLoad.parseLoadavg("")).isEmpty();
        assertThat(MachineLoad.parseLoadavg("0.1 0.2 0.3")).isEmpty();
        assertThat(MachineLoad.parseLoadavg("0.1 0.2 x 1/2 3")).isEmpty();
        assertThat(MachineLoad.parseLoadavg("0.1 0.2 0.3 12 3")).isEmpty();
        assertThat(MachineLoad.parseLoadavg("-1 0.2 0.3 1/2 3")).isEmpty();
    }

    @Test
    void theCpuLineSplitsBusyIdleAndSteal() {
        String stat = "cpu  1000 5 500 8000 100 10 20 300 40 0\ncpu0 1 2 3 4 5 6 7 8 9 0\nprocs_running 6\n";
        // busy: user + nice + system + irq + softirq; idle: idle + iowait; guest is inside user
        assertThat(MachineLoad.parseCpuLine(stat)).contains(new MachineLoad.CpuTimes(1535, 8100, 300));
        assertThat(MachineLoad.parseCpuLine(stat).orElseThrow().total()).isEqualTo(9935);
        // an old kernel's four columns
        assertThat(MachineLoad.parseCpuLine("cpu 1 2 3 4\n")).contains(new MachineLoad.CpuTimes(6, 4, 0));
        assertThat(MachineLoad.parseCpuLine("cpu 1 x 3 4\n")).isEmpty();
        assertThat(MachineLoad.parseCpuLine("cpu 1 2\n")).isEmpty();
        assertThat(MachineLoad.parseCpuLine("cpu0 1 2 3 4\n")).isEmpty();
        assertThat(MachineLoad.procsRunning(stat)).hasValue(6);
        assertThat(MachineLoad.procsRunning("procs_running lots\n")).isEmpty();
        assertThat(MachineLoad.procsRunning("cpu 1 2 3 4\n")).isEmpty();
    }

    @Test
    void aStatLineIsReadFromItsLastParenthesis() {
        String line = "4242 (cc1 (a) x) R 4200 4200 4200 0 -1 4194304 500 0 0 0 900 100 0 0 20 0 1 0 500";
        assertThat(MachineLoad.parsePidStat(line)).contains(new MachineLoad.ProcessTicks(4242, "cc1 (a) x", 'R', 1000));
        assertThat(MachineLoad.parsePidStat("12 (sh) S 1 2")).isEmpty();
        assertThat(MachineLoad.parsePidStat("x (sh) S 1 2 3 4 5 6 7 8 9 10 11 12 13")).isEmpty();
        assertThat(MachineLoad.parsePidStat("no parenthesis at all")).isEmpty();
        assertThat(MachineLoad.parsePidStat("")).isEmpty();
    }

    private static MachineLoad.Snapshot snapshot(long busy, long idle, MachineLoad.ProcessTicks... processes) {
        Map<Long, MachineLoad.ProcessTicks> m = new java.util.LinkedHashMap<>();
        for (MachineLoad.ProcessTicks p : processes) {
            m.put(p.pid(), p);
        }
        return new MachineLoad.Snapshot(new MachineLoad.CpuTimes(busy, idle, 0), m);
    }

    private static MachineLoad.ProcessTicks p(long pid, String comm, long ticks) {
        return new MachineLoad.ProcessTicks(pid, comm, 'S', ticks);
    }

    @Test
    void twoSnapshotsNameTheBusyProcessesAsSharesOfACpu() {
        // 400 ticks over 2 CPUs: 200 ticks is one whole CPU
        var before = snapshot(1000, 1000, p(1, "make", 50), p(7, "kworker/0:1-events", 3), p(99, "java", 10),
                p(300, "old", 500));
        var after = snapshot(1300, 1100, p(1, "make", 150), p(7, "kworker/0:1-mm_percpu_wq", 13), p(99, "java", 110),
                p(200, "new", 20), p(300, "reused", 40));
        List<MachineLoad.Busy> busy = MachineLoad.busiest(before, after, 2, 99);
        assertThat(busy).extracting(MachineLoad.Busy::comm).containsExactly("make", "reused", "new",
                "kworker/0:1-mm_percpu_wq");
        assertThat(busy.get(0).cpuShare()).isCloseTo(0.5, within(1e-12));
        // a pid reused by a process with fewer ticks counts from its start; a worker renamed by its work, by pid
        assertThat(busy.get(1).cpuShare()).isCloseTo(0.2, within(1e-12));
        assertThat(busy.get(3).cpuShare()).isCloseTo(0.05, within(1e-12));
        // others' share of all CPU time: 300 busy ticks less this process's own 100, over 400
        assertThat(MachineLoad.othersShare(before, after, 99)).isCloseTo(0.5, within(1e-12));
        assertThat(MachineLoad.busiest(before, before, 2, 99)).isEmpty();
        assertThat(MachineLoad.othersShare(before, before, 99)).isNaN();
    }

    @Test
    void stealIsAShareOfAllTicks() {
        var before = new MachineLoad.Snapshot(new MachineLoad.CpuTimes(100, 100, 0), Map.of());
        var after = new MachineLoad.Snapshot(new MachineLoad.CpuTimes(200, 250, 50), Map.of());
        assertThat(MachineLoad.stealShare(before, after)).isCloseTo(50.0 / 300, within(1e-12));
        assertThat(MachineLoad.stealShare(before, before)).isNaN();
    }

    @Test
    void aSnapshotReadsEveryProcessUnderTheRoot() throws Exception {
        SysFiles files = new SysFiles(root("noisy"));
        MachineLoad.Snapshot s = MachineLoad.snapshot(files);
        assertThat(s.processes().keySet()).containsExactlyInAnyOrder(1L, 999L, 4242L);
        assertThat(s.cpu()).isEqualTo(new MachineLoad.CpuTimes(1530, 8100, 300));
        // procs_running 6, of which this process's two threads in state R
        assertThat(MachineLoad.othersRunnable(files, 999)).hasValue(4);
        // a process with no thread in state R: the reading thread itself still counts
        assertThat(MachineLoad.othersRunnable(files, 1)).hasValue(5);
        SysFiles nothing = new SysFiles(root("noisy").resolve("no-such"));
        assertThat(MachineLoad.othersRunnable(nothing, 999)).isEmpty();
        assertThat(MachineLoad.snapshot(nothing).processes()).isEmpty();
    }
}
