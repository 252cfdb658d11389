package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A plan's size by arithmetic: the same as the configurations built, and never an overflow. */
class PlanSizeTest {
    @Test
    void theCountIsTheNumberOfConfigurationsBuilt() throws Exception {
        List<Map<String, Object>> plans = List.of(
                Map.of(),
                Map.of("ipc", "all", "s", "off,on,off", "buffers", "4k,4k,8k,32..1k"),
                Map.of("mode", "2thread,1thread,2thread", "ipc", "pipe,pipe,local", "pipe-size", "0,64k,0"),
                Map.of("ipc", "pipe", "pipe-size", "0,64k", "fd-table", "private,shared", "cpus", List.of("any", "0")),
                Map.of("mode", "2proc", "ipc", "tcp,local", "fd-table", "shared,shared", "cpus",
                        List.of("0,1", "1,0", "0,1"), "trials", "3", "warmup", "0", "total", "1M"));
        for (Map<String, Object> settings : plans) {
            Plan plan = Fixtures.plan(settings);
            assertThat(PlanSize.configurations(plan)).as(settings.toString())
                    .isEqualTo(plan.configurations(false).size());
            assertThat(PlanSize.trials(plan)).isEqualTo(
                    (long) plan.configurations(false).size() * (plan.trials() + plan.warmupTrials()));
        }
        assertThat(PlanSize.trials(Fixtures.plan(Map.of()))).isEqualTo(1584);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void hugePlansAreRefusedByArithmetic() throws Exception {
        Plan many = Fixtures.plan(Map.of("trials", "2147483647"));
        assertThat(PlanSize.trials(many)).isEqualTo(144L * (2147483647L + 1));
        assertThatThrownBy(() -> PlanSize.check(many, PlanSize.DEFAULT_MAX_TRIALS))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("the plan has 309237645312 trials (144 configurations x (2147483647 trials"
                        + " + 1 warm-up)), more than --max-trials-total 1000000; raise it");
        // 2 x 10^8 configurations: counted, never built
        Plan wide = Fixtures.plan(Map.of("buffers", "1..1g", "pipe-size", pipeSizes(20_000), "ipc", "pipe",
                "mode", "1thread,2thread,2proc", "fd-table", "private,shared"));
        assertThat(PlanSize.configurations(wide)).isEqualTo(31L * 20_000 * (2 + 1 + 2));
        assertThatThrownBy(() -> PlanSize.check(wide, PlanSize.DEFAULT_MAX_TRIALS)).hasMessageContaining("3100000");
        PlanSize.check(Fixtures.plan(Map.of()), 1584);
        assertThatThrownBy(() -> PlanSize.check(Fixtures.plan(Map.of()), 1583)).hasMessageContaining("1584 trials");
    }

    @Test
    void aCountPastLongIsSaturatedNotWrapped() throws Exception {
        Plan plan = Fixtures.plan(Map.of("buffers", "1..1g", "pipe-size", pipeSizes(30_000), "ipc", "pipe",
                "mode", "2thread", "trials", "2147483647", "warmup", "2147483647"));
        long configs = PlanSize.configurations(plan);
        assertThat(configs).isEqualTo(31L * 30_000);
        assertThat(PlanSize.trials(plan)).isEqualTo(configs * (2L * Integer.MAX_VALUE));
        assertThat(PlanSize.trials(plan)).isPositive();
    }

    @Test
    void maxTrialsIsBounded() throws Exception {
        assertThat(PlanSize.maxTrials(5)).isEqualTo(5);
        assertThatThrownBy(() -> PlanSize.maxTrials(0)).hasMessageContaining("1..10000000");
        assertThatThrownBy(() -> PlanSize.maxTrials(PlanSize.MAX_TRIALS_LIMIT + 1)).hasMessageContaining("1..");
    }

    static String pipeSizes(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            b.append(i == 1 ? "" : ",").append(4096L * i);
        }
        return b.toString();
    }
}
