package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.ipc.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuOptionTest {
    private static final List<Integer> USABLE = List.of(0, 1, 2, 3);

    @Test
    void oneCpuForBothEndsOrReceiverThenSender() {
        assertThat(CpuOption.parse("0", Mode.TWO_THREAD, USABLE)).containsExactly(0);
        assertThat(CpuOption.parse("2,1", Mode.TWO_PROC, USABLE)).containsExactly(2, 1);
        assertThat(CpuOption.parse(" 3 ", Mode.ONE_THREAD, USABLE)).containsExactly(3);
        assertThat(CpuOption.parse("1,1", Mode.TWO_THREAD, USABLE)).containsExactly(1, 1);
    }

    @Test
    void badListsSayWhatToGive() {
        assertThatThrownBy(() -> CpuOption.parse("", Mode.TWO_THREAD, USABLE)).hasMessageContaining("empty");
        assertThatThrownBy(() -> CpuOption.parse("0,1,2", Mode.TWO_THREAD, USABLE)).hasMessageContaining("3 CPUs");
        for (String bad : List.of("x", "0-1", "-1", "0,", ",1", "1.5")) {
            assertThatThrownBy(() -> CpuOption.parse(bad, Mode.TWO_THREAD, USABLE)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. 0,1");
        }
    }

    @Test
    void aCpuThatIsNotUsableIsNamed() {
        assertThatThrownBy(() -> CpuOption.parse("0,7", Mode.TWO_THREAD, USABLE))
                .hasMessage("--cpus: CPU 7 is not online and allowed here (usable: 0-3)");
    }

    @Test
    void oneThreadTakesOneCpu() {
        assertThatThrownBy(() -> CpuOption.parse("0,1", Mode.ONE_THREAD, USABLE)).hasMessageContaining("one CPU");
    }

    @Test
    void theUsableCpusOfThisMachineAreKnown() {
        assertThat(CpuOption.usableCpus()).isNotEmpty();
    }
}
