package ipclab.experiment.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.experiment.Stats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * ipclab against the same loops in C, interleaved: for each configuration and placement,
 * {@code pairs} pairs of whole-process runs, one native and one ipclab (a fresh JVM each, warmed
 * as a user's run is), the order inside a pair alternating so that a drift of the machine favours
 * neither. Pinned runs put both processes of a pair, all their threads, on CPU 0 ({@code taskset
 * -c 0}, as a verdict needs); free runs leave them to the scheduler. Each pair is handed to the
 * caller as it is measured; the row of a configuration is the median of each side and the
 * median of the pairs' ipclab/native ratios with its distribution-free 95% interval (the
 * machine's noise decides how close to 1 a verdict can get: on a shared VM, two runs of the same
 * loop differ by 10 to 20% at the p50, so seven pairs cannot tell 1.03 from 1.08).
 */
public final class ParityStudy {
    /** One measured pair: the value of each side (KiB/s for the stream; p50 and p99 in ns for latency). */
    public record Pair(ParityPoint point, boolean pinned, int index, double nativeValue, double ipclabValue,
            double nativeP99, double ipclabP99) {
        public double ratio() {
            return ipclabValue / nativeValue;
        }

        public double p99Ratio() {
            return ipclabP99 / nativeP99;
        }
    }

    /** A configuration's result at one placement. */
    public record Row(ParityPoint point, boolean pinned, List<Pair> pairs) {
        public double nativeMedian() {
            return median(pairs.stream().mapToDouble(Pair::nativeValue).toArray());
        }

        public double ipclabMedian() {
            return median(pairs.stream().mapToDouble(Pair::ipclabValue).toArray());
        }

        public double[] ratios() {
            return pairs.stream().mapToDouble(Pair::ratio).sorted().toArray();
        }

        public double[] p99Ratios() {
            return pairs.stream().mapToDouble(Pair::p99Ratio).sorted().toArray();
        }

        /** The 95% interval of the median ratio, {lo, hi}: order statistics, [min, max] below six pairs. */
        public double[] ratioInterval() {
            return interval(ratios());
        }

        /** The same for the p99 ratios. */
        public double[] p99RatioInterval() {
            return interval(p99Ratios());
        }

        private static double[] interval(double[] sorted) {
            int j = Stats.medianCiRank(sorted.length);
            return new double[] {sorted[j - 1], sorted[sorted.length - j]};
        }

        public double nativeP99Median() {
            return median(pairs.stream().mapToDouble(Pair::nativeP99).toArray());
        }

        public double ipclabP99Median() {
            return median(pairs.stream().mapToDouble(Pair::ipclabP99).toArray());
        }
    }

    /** A run that failed or printed no result: its command and what it said. */
    public static final class RunFailure extends Exception {
        RunFailure(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 600;

    private final NativeReference reference;
    private final List<String> ipclab;
    private final String workload;
    private final int pairs;

    /**
     * @param ipclab the command that starts ipclab (java, its options, the class path, the main class)
     */
    public ParityStudy(NativeReference reference, List<String> ipclab, String workload, int pairs) {
        this.reference = reference;
        this.ipclab = List.copyOf(ipclab);
        this.workload = workload;
        this.pairs = pairs;
    }

    /** Measures {@code point} at one placement, each pair to {@code each} as it comes. */
    public Row measure(ParityPoint point, boolean pinned, Consumer<Pair> each) throws RunFailure, IOException {
        List<Pair> done = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double[] nat = null;
            double[] ipc = null;
            // native first in even pairs, ipclab first in odd ones
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == (i % 2 == 0)) {
                    nat = nativeRun(point, pinned);
                } else {
                    ipc = ipclabRun(point, pinned);
                }
            }
            Pair p = new Pair(point, pinned, i + 1, nat[0], ipc[0], nat[1], ipc[1]);
            done.add(p);
            each.accept(p);
        }
        return new Row(point, pinned, done);
    }

    private double[] nativeRun(ParityPoint point, boolean pinned) throws RunFailure, IOException {
        var c = point.config();
        List<String> argv = new ArrayList<>(List.of(reference.executable().toString()));
        if (workload.equals("latency")) {
            argv.addAll(List.of("-r", Long.toString(c.rounds()), c.mode().label(), c.mechanism().name(),
                    Integer.toString(c.bufferSizeBytes())));
            String out = run(NativeReference.placed(pinned, argv));
            // rtt_ns min p50 p90 p99 p999 max mean
            String line = out.lines().filter(l -> l.startsWith("rtt_ns ")).findFirst()
                    .orElseThrow(() -> new RunFailure(String.join(" ", argv) + " printed no rtt_ns line"));
            String[] f = line.trim().split("\\s+");
            return new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[4])};
        }
        argv.addAll(List.of(c.mode().label(), c.mechanism().name(), Integer.toString(c.bufferSizeBytes()),
                Long.toString(c.totalSizeBytes())));
        return new double[] {kbytesPerSec(argv, run(NativeReference.placed(pinned, argv))), Double.NaN};
    }

    private double[] ipclabRun(ParityPoint point, boolean pinned) throws RunFailure, IOException {
        var c = point.config();
        List<String> argv = new ArrayList<>(ipclab);
        if (workload.equals("latency")) {
            argv.addAll(List.of("latency", "-j", "-p", "0", "-i", c.mechanism().name(), "-b",
                    Integer.toString(c.bufferSizeBytes()), "--rounds", Long.toString(c.rounds()), c.mode().label()));
            String out = run(NativeReference.placed(pinned, argv));
            JsonNode sample = JSON.readTree(out).path("samples").path(0);
            if (!sample.path("rtt_p50_ns").isNumber()) {
                throw new RunFailure("ipclab latency printed no rtt_p50_ns (" + point.text() + ")");
            }
            return new double[] {sample.path("rtt_p50_ns").asDouble(), sample.path("rtt_p99_ns").asDouble()};
        }
        argv.addAll(List.of("-p", "0", "-i", c.mechanism().name(), "-b", Integer.toString(c.bufferSizeBytes()),
                "-t", Long.toString(c.totalSizeBytes()), c.mode().label()));
        return new double[] {kbytesPerSec(argv, run(NativeReference.placed(pinned, argv))), Double.NaN};
    }

    private static double kbytesPerSec(List<String> argv, String out) throws RunFailure {
        String last = out.lines().filter(l -> l.endsWith(" KBytes/sec")).reduce((a, b) -> b)
                .orElseThrow(() -> new RunFailure(argv.getFirst() + " printed no KBytes/sec line"));
        return Double.parseDouble(last.substring(0, last.indexOf(' ')));
    }

    /** Runs {@code argv} to its end; its stdout, or a RunFailure with the first line of its stderr. */
    private static String run(List<String> argv) throws RunFailure, IOException {
        Path err = Files.createTempFile("ipclab-parity", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
                throw new RunFailure(name(argv) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String why = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
                throw new RunFailure(name(argv) + " exited " + p.exitValue() + (why.isEmpty() ? "" : ": " + why));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String name(List<String> argv) {
        String first = argv.getFirst().equals("taskset") ? argv.get(3) : argv.getFirst();
        return first.endsWith("/java") ? "ipclab" : Path.of(first).getFileName().toString();
    }

    /** The median of {@code v}. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The pair as one CSV line: what {@code --csv} keeps of every pair, as measured. */
    public static String csvLine(Pair p) {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%.6g,%.6g,%.6g,%s,%s", p.point().text(),
                p.point().config().workload(), p.pinned() ? "pinned" : "free", p.index(), p.nativeValue(),
                p.ipclabValue(), p.ratio(), Double.isNaN(p.nativeP99()) ? "" : String.format(Locale.ROOT, "%.6g",
                        p.nativeP99()), Double.isNaN(p.ipclabP99()) ? "" : String.format(Locale.ROOT, "%.6g",
                        p.ipclabP99()));
    }

    public static final String CSV_HEADER =
            "config,workload,placement,pair,native,ipclab,ratio,native_p99_ns,ipclab_p99_ns";

    /** Writes {@code line} and flushes, so that nothing measured waits in a buffer. */
    public static void append(PrintWriter w, String line) {
        w.println(line);
        w.flush();
    }
}
