package ipclab.cli;

import ipclab.bench.Sample;
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
    private long firstTrialNanos;
    private long lastLineNanos;
    private boolean barShown;

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static boolean stderrIsTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
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
            firstTrialNanos = now;
            lastLineNanos = now;
        }
        String eta = done < 2 ? "?" : duration((now - firstTrialNanos) / (double) (done - 1) * (remaining - done));
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
        if (sample.failed()) {
            endBar();
            err.println("ipclab: trial failed: " + trial.key().describe() + ": " + sample.error());
            err.flush();
        }
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
