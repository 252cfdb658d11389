package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.model.BenchConfig;
import ipclab.ipc.Mode;
import ipclab.model.Placement;
import ipclab.model.ResourceUsage;
import ipclab.model.Sample;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Grants;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextOutputTest {
    private static final Locale DEFAULT = Locale.getDefault();

    static Sample sample(List<Integer> cpus, ResourceUsage usage) {
        BenchConfig c = new BenchConfig(Mode.TWO_THREAD, Mechanisms.require("pipe"), 131072, 16777216, 10141, false, 0, false, cpus);
        return new Sample(c, 0, false, 33_753_791, 16777216, 256, 128, 0, Grants.of("pipe_capacity_bytes", 65536), usage,
                "none", "h", null, new Placement(List.of(0), List.of(1)));
    }

    @org.junit.jupiter.api.AfterEach
    void restoreLocale() {
        Locale.setDefault(DEFAULT);
    }

    @Test
    void ipcStaticLinesComeFirstUnchangedThenClockPlacementAndUsage() {
        Locale.setDefault(Locale.GERMANY);
        String block = TextOutput.verboseBlock(sample(List.of(0, 1),
                new ResourceUsage("threads x", 1_500_000, 2_000, 5, 1, 3, 0, -1)), "none (-B)");
        assertThat(block).startsWith("""
                Benchmark configuration:
                  buffersize: 131072
                  totalsize: 16777216
                  blockcount: 128
                  mode: 2thread
                  ipctype: pipe
                  time: 0.033753791
                """);
        assertThat(block).contains("  clock: CLOCK_MONOTONIC (System.nanoTime)\n", "  clockres: ",
                "  cpus: receiver on 0, sender on 1 (--cpus 0,1)\n", "  rusage: threads x\n",
                "  utime: 0.001500 s\n", "  nvcsw: 5\n", "  migrations: unknown");
        assertThat(TextOutput.resultLine(sample(List.of(), null))).isEqualTo("485397.33 KBytes/sec");
    }

    @Test
    void unpinnedSaysWhereTheThreadsCouldRun() {
        assertThat(TextOutput.verboseBlock(sample(List.of(), null), "w"))
                .contains("  cpus: unpinned (receiver on 0, sender on 1)\n").doesNotContain("rusage");
    }
}
