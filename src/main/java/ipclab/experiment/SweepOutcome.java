package ipclab.experiment;

/**
 * How a sweep (or the resumed part of one) went.
 *
 * @param trialsRun trials measured and saved by this run, warm-ups included
 * @param failures trials among them that failed (saved with their error)
 * @param timedNanos sum of the timed regions of the measured (not warm-up) trials of this run
 * @param wallNanos wall-clock time of this run, from the first warm-up to the last save
 * @param shortTrials measured trials of this run that succeeded but lasted less than --min-time
 */
public record SweepOutcome(int trialsRun, int failures, long timedNanos, long wallNanos, int shortTrials) {
    /** The share of the wall-clock time spent inside timed regions. */
    public double timedShare() {
        return wallNanos == 0 ? 0 : (double) timedNanos / wallNanos;
    }
}
