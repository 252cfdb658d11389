package ipclab.cli;

import ipclab.model.Sample;
import ipclab.experiment.SweepListener;
import ipclab.experiment.Trial;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's progress on stderr: on a terminal one line redrawn in place with a bar, the trial
 * count, the share done, the estimated time left and the trial, never wider than the terminal
 * (a line that wraps leaves a row behind at every redraw); otherwise (a log, a pipe) a plain
 * line every ten seconds, so that logs stay readable.
 */
final class Progress implements SweepListener {
    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 10;
    private static final long LINE_EVERY_NANOS = 10_000_000_000L;
    private static final long WIDTH_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final java.util.function.IntSupplier columns;
    private int width;
    private long widthCheckedNanos;
    private long lastLineNanos;
    private long lastTrialNanos;
    private boolean barShown;
    private int warmupsLeft;
    private int measuredLeft;
    private long minTimeNanos;
    private int doneSoFar;
    /** Wall time of each finished warm-up [0] and measured [1] trial, for the estimate. */
    private final List<List<Long>> spentNanos = List.of(new ArrayList<>(), new ArrayList<>());

    Progress(PrintWriter err, boolean terminal) {
        this(err, terminal, Progress::terminalColumns);
    }

    /** {@code columns}: the terminal's width, asked again every few seconds (it may be resized). */
    Progress(PrintWriter err, boolean terminal, java.util.function.IntSupplier columns) {
        this.err = err;
        this.terminal = terminal;
        this.columns = columns;
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

    /**
     * The width of the terminal on stderr: {@code stty size} run on it (the JDK has no call for
     * the window size), else $COLUMNS, else 80.
     */
    static int terminalColumns() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(java.nio.file.Path.of("/proc/self/fd/2")
                    .toRealPath().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] rowsCols = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .trim().split("\\s+");
            if (p.waitFor() == 0 && rowsCols.length == 2 && Integer.parseInt(rowsCols[1]) > 0) {
                return Integer.parseInt(rowsCols[1]);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no stty, or not a terminal after all: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return Math.max(20, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80")));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    @Override
    public void started(java.util.List<Trial> todo, ipclab.experiment.Plan plan) {
        warmupsLeft = (int) todo.stream().filter(Trial::warmup).count();
        measuredLeft = todo.size() - warmupsLeft;
        minTimeNanos = plan.minTimeMillis() * 1_000_000L;
    }

    private boolean stopped;

    /**
     * Ctrl-C (the shutdown hook's thread): ends the line on screen, draws nothing more, and
     * returns the trials finished and saved in this run so far (the trial being saved as the
     * signal came may be one more).
     */
    synchronized int stop() {
        endBar();
        stopped = true;
        return doneSoFar;
    }

    @Override
    public synchronized void phase(String what) {
        if (stopped) {
            return;
        }
        endBar();
        err.println("ipclab: " + what);
        err.flush();
    }

    @Override
    public synchronized void trialDone(Trial trial, Sample sample, int done, int remaining) {
        long now = System.nanoTime();
        doneSoFar = done;
        if (stopped) {
            return;
        }
        if (done == 1) {
            lastLineNanos = now;
        } else {
            spentNanos.get(trial.warmup() ? 0 : 1).add(now - lastTrialNanos);
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
            if (width == 0 || now - widthCheckedNanos >= WIDTH_EVERY_NANOS) {
                width = columns.getAsInt();
                widthCheckedNanos = now;
            }
            err.print("\r" + barLine(width, share, done, remaining, eta, trial.key().describe()));
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
     * The progress line for a terminal {@code columns} wide, padded to one column less (so that
     * it overwrites a longer previous one and the cursor never reaches the last column, where
     * some terminals wrap): the bar shrinks first, then the trial's description is cut.
     */
    static String barLine(int columns, double share, int done, int remaining, String eta, String trial) {
        int room = Math.max(1, columns - 1);
        String counts = String.format(Locale.ROOT, " %d/%d %3.0f%% ETA %s ", done, remaining, share * 100, eta);
        int bar = Math.max(MIN_BAR, Math.min(MAX_BAR, room - counts.length() - 2 - trial.length()));
        if (bar + 2 + counts.length() > room) {
            bar = 0; // a very narrow terminal: numbers only
        }
        int filled = (int) Math.round(share * bar);
        String line = (bar > 0 ? "[" + "#".repeat(filled) + ".".repeat(bar - filled) + "]" : "") + counts + trial;
        if (line.length() > room) {
            line = line.substring(0, room);
        }
        return line + " ".repeat(room - line.length());
    }

    /**
     * Time left: the remaining warm-up and measured trials at the median of their own kind so
     * far (the median, not the mean: one trial that stalls until its timeout must not move the
     * estimate of all the others); before any measured trial has finished, a measured trial is
     * guessed at a warm-up's time plus the --min-time it will last (warm-ups are short pilots).
     */
    double estimateNanos() {
        double warm = median(spentNanos.get(0));
        double measured = spentNanos.get(1).isEmpty() ? warm + minTimeNanos * 1.1 : median(spentNanos.get(1));
        return warmupsLeft * warm + measuredLeft * measured;
    }

    private static double median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Ends a bar that is on screen with a newline (before other output, or on Ctrl-C). */
    void endBar() {
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
