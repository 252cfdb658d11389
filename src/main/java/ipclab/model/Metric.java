package ipclab.model;

import java.util.function.ToDoubleFunction;

/**
 * What a workload measures: a name (the sample field, units in the name), its unit, whether a
 * higher or a lower value is better, and how it is shown to people (KiB/s is stored, MiB/s is
 * shown). Summaries, comparisons, charts and reports read these instead of assuming bandwidth.
 *
 * @param name the sample field, e.g. {@code kib_per_sec}
 * @param unit the stored unit, e.g. {@code KiB/s}
 * @param direction which way is better
 * @param quantity what it is, in words, e.g. {@code bandwidth}
 * @param shownUnit the unit people read, e.g. {@code MiB/s}
 * @param shownPerStored how many stored units make one shown unit (1024 KiB/s per MiB/s)
 * @param value the metric of a successful sample
 */
public record Metric(String name, String unit, Direction direction, String quantity, String shownUnit,
        double shownPerStored, ToDoubleFunction<Sample> value) {

    /** Which way is better. */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER
    }

    /** The value in the unit people read. */
    public double shown(double stored) {
        return stored / shownPerStored;
    }

    public boolean higherIsBetter() {
        return direction == Direction.HIGHER_IS_BETTER;
    }

    /**
     * Whether B improves on A, given the ratio of medians B/A: above 1 when higher is better,
     * below 1 when lower is.
     */
    public boolean improves(double ratio) {
        return higherIsBetter() ? ratio > 1 : ratio < 1;
    }

    /** {@code bandwidth, MiB/s}: an axis title. */
    public String title() {
        return quantity + ", " + shownUnit;
    }
}
