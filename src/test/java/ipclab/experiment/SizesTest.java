package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.model.Defaults;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sizes and ranges are bounded before they are expanded; numbers are ASCII digits. */
class SizesTest {
    @Test
    void aRangeIsEveryPowerOfTwoBetweenItsEnds() {
        assertThat(Sizes.parseItem("32..256")).containsExactly(32L, 64L, 128L, 256L);
        assertThat(Sizes.parseItem("4k")).containsExactly(4096L);
    }

    /** 2^62 doubled is negative, then 0: the old loop never ended. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aRangeUpToTheLargestLongEnds() {
        assertThat(Sizes.parseItem("1..4294967296g")).hasSize(63).endsWith(1L << 62);
        assertThat(Sizes.powersOfTwo(1L << 62, 1L << 62)).containsExactly(1L << 62);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aRangePastTheLargestAllowedIsRefusedBeforeItIsExpanded() {
        assertThatThrownBy(() -> Sizes.parseItem("1..4294967296g", Defaults.MAX_BUFFER_SIZE_BYTES))
                .hasMessageContaining("4611686018427387904 is larger than the largest allowed, 1073741824 (1 GiB)");
        assertThatThrownBy(() -> Sizes.parseItem("2g", Defaults.MAX_BUFFER_SIZE_BYTES))
                .hasMessageContaining("larger than the largest allowed");
        assertThat(Sizes.parseItem("1g", Defaults.MAX_BUFFER_SIZE_BYTES)).containsExactly(1L << 30);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void plansRefuseHugeRangesOfBuffersAndPipeSizes() {
        for (String key : new String[] {"buffers", "pipe-size"}) {
            assertThatThrownBy(() -> Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", key, "1..4294967296g")))
                    .as(key).isInstanceOf(PlanException.class).hasMessageContaining("--" + key)
                    .hasMessageContaining("larger than the largest allowed");
        }
    }

    @Test
    void onlyAsciiDigitsAreNumbers() {
        for (String bad : new String[] {"٤k", "٤", "４096", "1٠", "+4", " ", ""}) {
            assertThatThrownBy(() -> Sizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Numbers.parseLong("٤")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Numbers.parseLong("+4")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Numbers.parseInt("99999999999")).isInstanceOf(NumberFormatException.class);
        assertThat(Numbers.parseLong("-12")).isEqualTo(-12);
        assertThat(Sizes.parse("4k")).isEqualTo(4096);
        assertThatThrownBy(() -> Fixtures.plan(Map.of("trials", "٣"))).hasMessageContaining("--trials");
        assertThatThrownBy(() -> Fixtures.plan(Map.of("cpus", "٠"))).hasMessageContaining("--cpus");
    }
}
