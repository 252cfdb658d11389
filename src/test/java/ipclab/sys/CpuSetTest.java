package ipclab.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuSetTest {
    @Test
    void parsesTheKernelsListForm() {
        assertThat(CpuSet.parseList("0-3,6")).containsExactly(0, 1, 2, 3, 6);
        assertThat(CpuSet.parseList("1\n")).containsExactly(1);
        assertThat(CpuSet.parseList("5,0-1,1")).containsExactly(0, 1, 5);
        assertThat(CpuSet.parseList("")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAList() {
        for (String bad : List.of("a", "1-", "3-1", "1--2", ",", "0,,1", "99999")) {
            assertThatThrownBy(() -> CpuSet.parseList(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsRuns() {
        assertThat(CpuSet.formatList(List.of(0, 1, 2, 3, 6))).isEqualTo("0-3,6");
        assertThat(CpuSet.formatList(List.of(4, 0))).isEqualTo("0,4");
        assertThat(CpuSet.formatList(List.of(7))).isEqualTo("7");
        assertThat(CpuSet.formatList(List.of())).isEmpty();
    }

    @Test
    void masksRoundTrip() {
        assertThat(CpuSet.toMask(List.of(0, 2, 63))).isEqualTo(0x8000_0000_0000_0005L);
        assertThat(CpuSet.fromMask(0x8000_0000_0000_0005L)).containsExactly(0, 2, 63);
    }

    @Test
    void thisThreadMayRunSomewhere() throws Exception {
        assertThat(CpuSet.allowed()).isNotEmpty();
    }
}
