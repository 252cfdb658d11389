package ipclab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JitStatusTest {
    // Lines as `jcmd PID Compiler.codelist` printed them on this machine (JDK 25).
    private static final String C2 = "1571 4 0 ipclab.workload.stream.Receiver.run(IJIJ)V [0x00007f646bf3e588, 0x00007f646bf3e680 - 0x00007f646bf3e810]";
    private static final String C1 = "1226 3 0 ipclab.workload.stream.Receiver.run(IJIJ)V [0x00007f6464613188, 0x00007f6464613280 - 0x00007f64646133d0]";
    private static final String RETIRED = "1571 4 1 ipclab.workload.stream.Receiver.run(IJIJ)V [0x00007f646bf3e588, 0x00007f646bf3e680 - 0x00007f646bf3e810]";

    @Test
    void onlyTierFourCodeInUseCounts() {
        assertThat(JitStatus.isC2InUse(C2, "ipclab.workload.stream.Receiver.run")).isTrue();
        assertThat(JitStatus.isC2InUse(C1, "ipclab.workload.stream.Receiver.run")).isFalse();
        assertThat(JitStatus.isC2InUse(RETIRED, "ipclab.workload.stream.Receiver.run")).isFalse();
        assertThat(JitStatus.isC2InUse(C2, "ipclab.workload.stream.Receiver.runner")).isFalse();
        assertThat(JitStatus.isC2InUse("garbage", "ipclab.workload.stream.Receiver.run")).isFalse();
    }

    @Test
    void aMethodThisJvmNeverRanIsNotCompiled() {
        assertThat(JitStatus.compiledByC2(List.of("ipclab.bench.NoSuchClass.never"))).isFalse();
    }

    /** The directive that keeps the loops out of the warm-ups' compiled code parses and is taken (once; again is a no-op). */
    @Test
    void theWarmupDirectiveIsTaken() {
        assertThat(JitStatus.keepLoopsOutOfWarmups()).isTrue();
        assertThat(JitStatus.keepLoopsOutOfWarmups()).isTrue();
    }
}
