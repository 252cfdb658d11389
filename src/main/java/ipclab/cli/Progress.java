package ipclab.cli;

import ipclab.model.Sample;
import ipclab.experiment.SweepListener;
import ipclab.experiment.Trial;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A sweep's progress on stderr: on a terminal a bar redrawn in place with the trial count, the
 * share done and the estimated time left; otherwise (a log, a pipe) a plain line every ten
 * seconds, so that logs stay readable.
 */
final class Progress implements SweepListener {
    private static final int WIDTH = 30;
    private static final long LINE_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastLineNanos;
    private long lastTrialNanos;
    private boolean barShown;
    private int warmupsLeft;
    private int measuredLeft;
    private long minTimeNanos;
    /** Wall time and count of finished warm-up and measured trials, for the estimate. */
    private final long[] spentNanos = new long[2];
    private final int[] finished = new int[2];

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Whether stderr is a terminal, whatever stdout is (System.console() answers for stdin and
     * stdout): Linux names the terminal behind descriptor 2 in /proc.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public void started(java.util.List<Trial> todo, ipclab.experiment.Plan plan) {
        warmupsLeft = (int) todo.stream().filter(Trial::warmup).count();
        measuredLeft = todo.size() - warmupsLeft;
        minTimeNanos = plan.minTimeMillis() * 1_000_000L;
    }

    @Override
    public void phase(String what) {
        endBar();
        err.println("ipclab: " + what);
        err.flush();
    }

    @Override
    public void trialDone(Trial trial, Sample sample, int done, int remaining) {
        long now = System.nanoTime();
        if (done == 1) {
            lastLineNanos = now;
        } else {
            int kind = trial.warmup() ? 0 : 1;
            spentNanos[kind] += now - lastTrialNanos;
            finished[kind]++;
        }
        lastTrialNanos = now;
        if (trial.warmup()) {
            warmupsLeft--;
        } else {
            measuredLeft--;
        }
        String eta = done < 2 ? "?" : duration(estimateNanos());
        double share = (double) done / remaining;
        if (terminal) {
            int filled = (int) Math.round(share * WIDTH);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %3.0f%% ETA %-8s %-40s", "#".repeat(filled),
                    ".".repeat(WIDTH - filled), done, remaining, share * 100, eta, trial.key().describe()));
            barShown = true;
            if (done == remaining) {
                endBar();
            }
            err.flush();
        } else if (now - lastLineNanos >= LINE_EVERY_NANOS || done == remaining) {
            lastLineNanos = now;
            err.println(String.format(Locale.ROOT, "ipclab: %d/%d trials (%.0f%%), ETA %s", done, remaining,
                    share * 100, eta));
            err.flush();
        }
        if (sample.failed() && !sample.error().startsWith(ipclab.experiment.SweepRunner.SKIPPED)) {
            endBar();
            err.println("ipclab: trial failed: " + trial.key().describe() + ": " + sample.error());
            err.flush();
        }
    }

    /**
     * Time left: the remaining warm-up and measured trials at the average of their own kind so
     * far; before any measured trial has finished, a measured trial is guessed at a warm-up's
     * overhead plus the --min-time it will last (warm-ups are short pilots).
     */
    private double estimateNanos() {
        double warm = finished[0] > 0 ? (double) spentNanos[0] / finished[0] : 0;
        double measured = finished[1] > 0 ? (double) spentNanos[1] / finished[1] : warm + minTimeNanos * 1.1;
        return warmupsLeft * warm + measuredLeft * measured;
    }

    private void endBar() {
        if (barShown) {
            err.println();
            barShown = false;
        }
    }

    static String duration(double nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
