package ipclab.cli;

import ipclab.experiment.parity.NativeReference;
import ipclab.experiment.parity.ParityPoint;
import ipclab.experiment.parity.ParityStudy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipclab parity}: ipclab against the repository's own C version of its loops, built here
 * with the system's C compiler and run interleaved with it, pinned and free. README's parity
 * tables come from this command.
 */
@Command(name = "parity", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 100,
        description = {"Runs ipclab and the same loops in C (tools/ipcref.c for the stream, tools/pingref.c for "
                + "round trips; built with cc) as whole processes, in interleaved pairs, pinned to CPU 0 and free "
                + "on every CPU, and prints per configuration the median of each side and the median ipclab/native ratio of the pairs with its "
                + "95%% interval (order statistics, distribution-free; the least and greatest ratio below 6 pairs).",
                "",
                "CONFIG is MODE:IPC:SIZE[:TOTAL] for the stream (total 65,536 buffers, 64m to 2g, unless given) and MODE:IPC:MSGSIZE for "
                        + "latency. Default stream grid: " + ParityCommand.STREAM_GRID + "; latency: "
                        + ParityCommand.LATENCY_GRID + "."},
        footer = {"", "Exit codes: 64 usage, 69 no C compiler (apt-get install gcc) or no taskset, 74 a run failed."})
final class ParityCommand implements Callable<Integer> {
    static final String STREAM_GRID = "1thread:pipe:4k 2thread:pipe:4k 2thread:pipe:128k 2proc:local:128k";
    static final String LATENCY_GRID = "2thread:pipe:64 2proc:pipe:64 2thread:local:64";

    @Spec
    CommandSpec spec;

    @Option(names = "-n", paramLabel = "PAIRS", description = "pairs of runs per configuration and placement "
            + "(default: 7)")
    int pairs = 7;

    @Option(names = "--workload", paramLabel = "stream|latency", description = "bandwidth (ipc-static's stream, "
            + "the default) or round trips")
    String workload = "stream";

    @Option(names = "--placement", paramLabel = "LIST", split = ",", description = "pinned (both processes on CPU 0, "
            + "for a verdict), free (the scheduler's choice), or both (default: pinned,free)")
    List<String> placements = List.of("pinned", "free");

    @Option(names = "--rounds", paramLabel = "N", description = "latency: round trips per run (default: 100000)")
    long rounds = 100_000;

    @Option(names = "--csv", paramLabel = "FILE", description = "also append every pair to FILE as it is measured")
    Path csv;

    @Option(names = "-v", description = "print every pair as it is measured (on stderr)")
    boolean verbose;

    @Parameters(paramLabel = "CONFIG", arity = "0..*", description = "configurations (default: the grid above)")
    List<String> configs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<ParityPoint> points = points();
        List<Boolean> pinned = placements();
        if (pinned.contains(true) && ipclab.trace.Tools.find("taskset").isEmpty()) {
            throw new UserException(ExitCodes.UNAVAILABLE, "pinned runs need taskset: apt-get install util-linux");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean latency = workload.equals("latency");
        try (NativeReference reference = NativeReference.build(latency ? NativeReference.Program.LATENCY
                : NativeReference.Program.STREAM);
                PrintWriter csvOut = csvWriter()) {
            ParityStudy study = new ParityStudy(reference, ipclab.run.SenderChild.command("ipclab.Main"), workload,
                    pairs);
            out.printf(Locale.ROOT, "parity: ipclab against tools/%s.c (the same loops in C), %d interleaved pairs "
                    + "per row, %s; ratio = ipclab / native (%s), the median of the pairs' ratios; lo..hi: its 95%% "
                    + "interval (order statistics; min..max below 6 pairs)%n", latency ? "pingref" : "ipcref", pairs,
                    String.join(" and ", placements), latency ? "above 1: ipclab slower" : "below 1: ipclab slower");
            out.println(latency ? String.format(Locale.ROOT, "%-20s %-9s %8s %8s %7s %7s %7s %8s %8s %7s %7s %7s",
                    "config", "placement", "nat p50", "ipc p50", "ratio", "lo", "hi", "nat p99", "ipc p99",
                    "ratio", "lo", "hi")
                    : String.format(Locale.ROOT, "%-20s %-9s %12s %12s %7s %7s %7s", "config", "placement",
                            "native MiB/s", "ipclab MiB/s", "ratio", "lo", "hi"));
            out.flush();
            for (ParityPoint point : points) {
                for (boolean pin : pinned) {
                    ParityStudy.Row row = study.measure(point, pin, p -> {
                        if (csvOut != null) {
                            ParityStudy.append(csvOut, ParityStudy.csvLine(p));
                        }
                        if (verbose) {
                            err.println("parity: " + ParityStudy.csvLine(p));
                            err.flush();
                        }
                    });
                    out.println(latency ? latencyRow(row) : streamRow(row));
                    out.flush();
                }
            }
        } catch (NativeReference.BuildException e) {
            throw new UserException(e.missing() ? ExitCodes.UNAVAILABLE : ExitCodes.SOFTWARE, e.getMessage());
        } catch (ParityStudy.RunFailure e) {
            throw new UserException(ExitCodes.IO_ERROR, "parity: " + e.getMessage());
        }
        return ExitCodes.OK;
    }

    private List<ParityPoint> points() {
        if (!workload.equals("stream") && !workload.equals("latency")) {
            throw usage("--workload is stream or latency, not '" + workload + "'");
        }
        if (pairs < 1 || pairs > 1000) {
            throw usage("-n must be 1..1000, not " + pairs);
        }
        if (rounds < 1 || rounds > ipclab.workload.latency.LatencyWorkload.MAX_ROUNDS) {
            throw usage("--rounds must be 1.." + ipclab.workload.latency.LatencyWorkload.MAX_ROUNDS + ", not " + rounds);
        }
        List<String> texts = configs.isEmpty()
                ? List.of((workload.equals("latency") ? LATENCY_GRID : STREAM_GRID).split(" ")) : configs;
        List<ParityPoint> points = new ArrayList<>();
        for (String t : texts) {
            try {
                points.add(ParityPoint.parse(t, workload, rounds));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        return points;
    }

    private List<Boolean> placements() {
        List<Boolean> pinned = new ArrayList<>();
        for (String p : placements) {
            switch (p.strip()) {
                case "pinned" -> pinned.add(true);
                case "free" -> pinned.add(false);
                default -> throw usage("--placement is pinned, free or both, not '" + p + "'");
            }
        }
        return pinned;
    }

    private PrintWriter csvWriter() throws IOException {
        if (csv == null) {
            return null;
        }
        boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
        try {
            PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            if (fresh) {
                ParityStudy.append(w, ParityStudy.CSV_HEADER);
            }
            return w;
        } catch (IOException e) {
            throw new UserException(ExitCodes.CANT_CREATE, "cannot write " + csv + ": " + e.getMessage());
        }
    }

    private RuntimeException usage(String message) {
        return PicocliErrors.usage(spec.commandLine(), message);
    }

    private static String streamRow(ParityStudy.Row r) {
        double[] ci = r.ratioInterval();
        return String.format(Locale.ROOT, "%-20s %-9s %12.1f %12.1f %7.3f %7.3f %7.3f", r.point().text(),
                r.pinned() ? "pinned" : "free", r.nativeMedian() / 1024, r.ipclabMedian() / 1024,
                median(r.ratios()), ci[0], ci[1]);
    }

    private static String latencyRow(ParityStudy.Row r) {
        double[] ci = r.ratioInterval();
        double[] ci99 = r.p99RatioInterval();
        return String.format(Locale.ROOT, "%-20s %-9s %8.2f %8.2f %7.3f %7.3f %7.3f %8.2f %8.2f %7.3f %7.3f %7.3f",
                r.point().text(), r.pinned() ? "pinned" : "free", r.nativeMedian() / 1000, r.ipclabMedian() / 1000,
                median(r.ratios()), ci[0], ci[1], r.nativeP99Median() / 1000, r.ipclabP99Median() / 1000,
                median(r.p99Ratios()), ci99[0], ci99[1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
