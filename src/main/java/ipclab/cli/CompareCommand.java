package ipclab.cli;

import ipclab.experiment.Comparison;
import ipclab.experiment.Factor;
import ipclab.experiment.Results;
import ipclab.report.CompareFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipclab compare A B}: per configuration, is B faster or slower than A, and is it a difference that matters. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {
            "Compares two results folders configuration by configuration: the change of the median of the headline"
                    + " metric from A to B with a 95%% bootstrap confidence interval of the ratio B/A, the Mann-Whitney"
                    + " U p-value and the same corrected by Holm's method over all the configurations compared, and a"
                    + " verdict: faster or slower when the corrected p is below 0.05 and the ratio is outside 1 +-"
                    + " --margin; no meaningful difference within the margin; within noise otherwise. Two folders are"
                    + " two sweeps: their differences include the machine's drift between them, which the output"
                    + " says.",
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the baseline results folder")
    Path a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "the results folder compared with it"
            + " (not with --factor)")
    Path b;

    @Option(names = "--factor", paramLabel = "NAME", description = "compare the levels of one swept option inside"
            + " folder A instead, paired block by block: mode, ipc, s, pipe-size, placement, fd-table, ipc-settings")
    String factor;

    @Option(names = "--margin", paramLabel = "PCT",
            description = "the equivalence margin in percent: a change of the median within +-PCT is no meaningful"
                    + " difference (default: 5)")
    String margin = "5";

    @Option(names = "--label", paramLabel = "A=NAME,B=NAME", split = ",",
            description = "names for the folders in the output, e.g. --label A=before,B=after (default: the folder"
                    + " names)")
    List<String> labels = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        double m = margin(margin);
        if (factor != null) {
            return factor(out, err, m);
        }
        if (b == null) {
            throw usage("Missing required parameter: 'B' (or compare the levels of one option in A with --factor)");
        }
        Map<String, String> names = labels(labels);
        List<Results> both = Results.distinctLabels(
                List.of(ExperimentErrors.read(a, err), ExperimentErrors.read(b, err)));
        Results ra = names.containsKey("A") ? both.get(0).withLabel(names.get("A")) : both.get(0);
        Results rb = names.containsKey("B") ? both.get(1).withLabel(names.get("B")) : both.get(1);
        if (ra.label().equals(rb.label())) {
            throw usage("--label: A and B are both called '" + ra.label() + "'; give them different names");
        }
        List<CompareFormat.Row> rows = CompareFormat.compare(ra, rb, m);
        if (rows.isEmpty()) {
            throw new UserException(ExitCodes.USAGE, a + " and " + b + " have no configuration in common (results of"
                    + " different plans?): nothing to compare");
        }
        out.print(CompareFormat.markdown(ra, rb, rows, m));
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code compare --factor NAME DIR}: the levels of one option inside one folder, block by block. */
    private int factor(PrintWriter out, PrintWriter err, double m) {
        Factor f = Factor.byName(factor).orElseThrow(() -> usage("--factor: unknown option '" + factor + "': use "
                + String.join(", ", Factor.names())));
        if (b != null) {
            throw usage("--factor compares levels inside one folder: give one folder, not two");
        }
        if (!labels.isEmpty()) {
            throw usage("--label names the folders A and B; with --factor the levels name themselves");
        }
        Results r = ExperimentErrors.read(a, err);
        List<CompareFormat.FactorRow> rows = CompareFormat.compareFactor(r, f, m);
        if (rows.isEmpty()) {
            java.util.Set<String> levels = new java.util.TreeSet<>();
            r.configurations().forEach(k -> levels.add(f.level(k)));
            throw new UserException(ExitCodes.USAGE, "--factor " + f.name() + ": " + a + " did not vary it (every "
                    + "configuration has " + (levels.size() == 1 ? f.name() + " " + levels.iterator().next()
                    : "one level apart from the rest, or fewer than two blocks of trials") + "): nothing to compare");
        }
        out.print(CompareFormat.factorMarkdown(r, f, rows, m));
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code 5}, {@code 2.5} or {@code 5%} as a fraction (0.05); 0 <= PCT < 100. */
    double margin(String text) {
        String t = text.strip();
        t = t.endsWith("%") ? t.substring(0, t.length() - 1) : t;
        double pct;
        try {
            if (!t.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                throw new NumberFormatException();
            }
            pct = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw usage("--margin: '" + text + "' is not a percentage (e.g. 5 or 2.5)");
        }
        if (pct < 0 || pct >= 100) {
            throw usage("--margin: " + text + " must be at least 0 and below 100 (percent)");
        }
        return pct / 100;
    }

    /** {@code A=before}, {@code B=after}: each folder's name at most once, not empty. */
    Map<String, String> labels(List<String> given) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            String which = eq < 0 ? "" : g.substring(0, eq).strip();
            String name = eq < 0 ? "" : Escapes.oneLine(g.substring(eq + 1).strip());
            if (!which.equals("A") && !which.equals("B")) {
                throw usage("--label: '" + g + "' is not A=NAME or B=NAME");
            }
            if (name.isEmpty()) {
                throw usage("--label: " + which + " has an empty name");
            }
            if (names.put(which, name) != null) {
                throw usage("--label: " + which + " is named twice");
            }
        }
        return names;
    }

    private RuntimeException usage(String message) {
        return PicocliErrors.usage(spec.commandLine(), message);
    }
}
