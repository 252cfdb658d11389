package ipclab.cli;

import ipclab.experiment.Results;
import ipclab.report.CompareFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipclab compare A B}: per configuration, is B faster or slower than A, and is it more than noise. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {
            "Compares two results folders configuration by configuration: the change of the median bandwidth from A"
                    + " to B with a 95%% bootstrap confidence interval of the ratio B/A, the Mann-Whitney U p-value,"
                    + " and a verdict (faster, slower, within noise).",
        })
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "the baseline results folder")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "the results folder compared with it")
    Path b;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Results> both = Results.distinctLabels(
                List.of(ExperimentErrors.read(a, err), ExperimentErrors.read(b, err)));
        Results ra = both.get(0);
        Results rb = both.get(1);
        List<CompareFormat.Row> rows = CompareFormat.compare(ra, rb);
        if (rows.isEmpty()) {
            throw new UserException(ExitCodes.DATA, a + " and " + b + " have no configuration in common");
        }
        out.print(CompareFormat.markdown(ra, rb, rows));
        out.flush();
        return ExitCodes.OK;
    }
}
