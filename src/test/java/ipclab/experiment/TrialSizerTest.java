package ipclab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * --min-time as a promise: the sizing arithmetic, its correction as trials come in, and a
 * simulated configuration (a fixed start-up cost, then a noisy rate) sized the old way and the
 * new. No clock is read: the simulation's times are arithmetic.
 */
class TrialSizerTest {
    private static final long MS = 1_000_000L;

    private static ConfigKey key(int buffer) throws PlanException {
        Plan plan = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", String.valueOf(buffer),
                "trials", "3", "min-time", "50"));
        return plan.configurations(false).getFirst();
    }

    @Test
    void theEstimateIsTheHighestRateAtMostTwiceTheMedian() {
        assertThat(TrialSizer.estimate(List.of(100.0))).isEqualTo(100);
        assertThat(TrialSizer.estimate(List.of(100.0, 120.0, 90.0))).isEqualTo(120);
        // one freak trial: capped at twice the median
        assertThat(TrialSizer.estimate(List.of(100.0, 110.0, 1000.0))).isEqualTo(220);
        assertThat(TrialSizer.estimate(List.of(100.0, 400.0))).isEqualTo(400);
    }

    @Test
    void aTrialIsSizedToLastAQuarterMoreThanTheMinimum() {
        // 100 MB/s for 50 ms x 1.25 = 6.25 MB, up to a multiple of 4 KiB
        long bytes = TrialSizer.size(100e6, 50 * MS, 4096);
        assertThat(bytes % 4096).isZero();
        assertThat(bytes).isBetween(6_250_000L, 6_250_000L + 4096);
        // never below one buffer, never overflowing
        assertThat(TrialSizer.size(1, 50 * MS, 1 << 20)).isEqualTo(1 << 20);
        assertThat(TrialSizer.size(1e300, 50 * MS, 4096)).isPositive();
    }

    @Test
    void trialsCorrectTheSizeAsTheyComeIn() throws Exception {
        ConfigKey k = key(4096);
        TrialSizer sizer = new TrialSizer(50);
        assertThat(sizer.bytes(k, 1 << 20)).as("nothing seen yet: the fallback").isEqualTo(1 << 20);
        // a 1 MiB pilot in 1 ms: far from 50 ms, so the estimate is doubled
        sizer.observe(k, 1 << 20, MS);
        double pilotRate = (1 << 20) * 1e9 / MS;
        assertThat(sizer.bytes(k, 0)).isEqualTo(TrialSizer.size(2 * pilotRate, 50 * MS, 4096));
        // a trial that lasted long enough ends the doubling; a faster one raises the size
        long first = sizer.bytes(k, 0);
        sizer.observe(k, first, 40 * MS);
        double faster = first * 1e9 / (40 * MS);
        assertThat(faster).isGreaterThan(pilotRate);
        assertThat(sizer.bytes(k, 0)).isEqualTo(TrialSizer.size(Math.min(faster, 2 * (faster + pilotRate) / 2),
                50 * MS, 4096));
        assertThat(sizer.rates(k)).hasSize(2);
        sizer.observe(k, 0, MS);
        sizer.observe(k, 100, 0);
        assertThat(sizer.rates(k)).as("nothing learnt from an empty trial").hasSize(2);
    }

    @Test
    void onlyMinTimePlansCanFallShort() throws Exception {
        Plan minTime = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k", "trials", "3",
                "min-time", "50"));
        Plan total = Fixtures.plan(Map.of("mode", "2thread", "ipc", "pipe", "buffers", "4k", "trials", "3",
                "total", "1M"));
        assertThat(TrialSizer.fellShort(minTime, 49 * MS)).isTrue();
        assertThat(TrialSizer.fellShort(minTime, 50 * MS)).isFalse();
        assertThat(TrialSizer.fellShort(total, MS)).isFalse();
    }

    /** A trial of {@code bytes}: 2 ms of wake-up and start, then 4 GB/s with 30% noise, seeded. */
    private static long simulated(long bytes, SplittableRandom random) {
        double rate = 4e9 * Math.max(0.3, 1 + 0.3 * random.nextGaussian());
        return Math.round(2 * MS + bytes / rate * 1e9);
    }

    @Test
    void aSimulatedConfigurationKeepsThePromiseWhereOnePilotDidNot() throws Exception {
        ConfigKey k = key(1 << 20);
        int oldShort = 0;
        int newShort = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            long pilotBytes = 4L << 20;
            long pilot = simulated(pilotBytes, random);
            // the old rule: every measured trial sized once from the pilot, a tenth to spare
            long fixed = TrialSizer.size(pilotBytes * 1e9 / pilot * 1.1 / TrialSizer.SAFETY, 50 * MS, 1 << 20);
            TrialSizer sizer = new TrialSizer(50);
            sizer.observe(k, pilotBytes, pilot);
            for (int i = 0; i < 10; i++) {
                oldShort += simulated(fixed, random) < 50 * MS ? 1 : 0;
                long bytes = sizer.bytes(k, pilotBytes);
                long elapsed = simulated(bytes, random);
                newShort += elapsed < 50 * MS ? 1 : 0;
                sizer.observe(k, bytes, elapsed);
            }
        }
        // 200 measured trials each way: most of the first sized from a pilot fall short, and all
        // of their configuration's trials with it; sized from the trials so far, about one in seven
        // (30 here, most of them each configuration's first two, before a long trial was seen)
        assertThat(oldShort).as("sized from one pilot").isGreaterThan(150);
        assertThat(newShort).as("sized from the trials so far").isLessThanOrEqualTo(40);
    }
}
