package ipclab.cli;

import ipclab.experiment.Results;
import ipclab.experiment.ResultsException;
import ipclab.report.Charts;
import ipclab.report.HtmlReport;
import ipclab.report.Summary;
import ipclab.report.SummaryFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code ipclab report DIR...}: the HTML report of results folders, or their summary alone. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpWidth = 100,
        description = {
            "Writes the HTML report of one or more results folders (charts as PNG and SVG, the summary tables, the"
                    + " machines), or with --format csv|json|markdown the summary alone. Several folders go on the"
                    + " same charts, labelled by folder name.",
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "results folders of ipclab sweep")
    List<Path> folders;

    @Option(names = "--format", paramLabel = "FORMAT", description = "html (default), csv, json, markdown, or ipynb"
            + " (a Jupyter notebook that loads the folder's CSV files and redraws the report's figures)")
    String format = "html";

    @Option(names = "--out", paramLabel = "PATH", description = "html: the folder to write report.html and charts/"
            + " into (default: the results folder, or ./report for several); other formats: a file"
            + " (default: stdout)")
    Path out;

    @Option(names = "--label", paramLabel = "NAME", split = ",", description = "names for the folders in charts,"
            + " legends and tables, one per DIR in their order, e.g. --label before,after (default: sweep --label's,"
            + " or the folder's name)")
    List<String> labels = List.of();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        if (format.equalsIgnoreCase("ipynb")) {
            return notebook(stdout);
        }
        if (format.equalsIgnoreCase("html")) {
            Thread.ofPlatform().daemon().name("ipclab-chart-warmup").start(Charts::warmUp);
        }
        checkLabels();
        List<Results> results = new ArrayList<>();
        for (Path f : folders) {
            Results r = ExperimentErrors.read(f, err);
            results.add(labels.isEmpty() ? r : r.withLabel(labels.get(results.size())));
        }
        try {
            if (format.equalsIgnoreCase("html")) {
                Path dir = out != null ? out : folders.size() == 1 ? folders.getFirst() : Path.of("report");
                Path file = results.size() == 1 && ipclab.experiment.lab.LabFiles.isLab(folders.getFirst())
                        && out == null ? ipclab.report.LabReport.write(results.getFirst(),
                                LabCommand.readTraced(folders.getFirst()), LabCommand.readProbe(folders.getFirst()),
                                folders.getFirst()) : HtmlReport.write(results, dir);
                long trials = results.stream().mapToLong(r -> r.trials().size()).sum();
                stdout.println(String.format(Locale.ROOT, "report: %s (%d trials, %.2f s)", file, trials,
                        (System.nanoTime() - start) / 1e9));
            } else {
                SummaryFormat f;
                try {
                    f = SummaryFormat.parse(format);
                } catch (IllegalArgumentException e) {
                    throw new UserException(ExitCodes.USAGE, "--format: " + e.getMessage());
                }
                String text = f.render(Summary.of(Results.distinctLabels(results)));
                if (out == null) {
                    stdout.print(text);
                } else {
                    write(out, text);
                    stdout.println("summary: " + out);
                }
            }
        } catch (ResultsException e) {
            throw ExperimentErrors.of(e);
        } catch (IOException e) {
            throw new UserException(ExitCodes.IO_ERROR, "cannot write the report: " + e.getMessage());
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** One label per folder, none empty, no two alike: checked before any folder is read. */
    private void checkLabels() {
        if (labels.isEmpty()) {
            return;
        }
        if (labels.size() != folders.size()) {
            throw PicocliErrors.usage(spec.commandLine(), "--label: " + labels.size()
                    + (labels.size() == 1 ? " name" : " names") + " for " + folders.size()
                    + (folders.size() == 1 ? " folder" : " folders") + "; give one per DIR, in their order");
        }
        List<String> clean = new ArrayList<>();
        for (String l : labels) {
            String name = Escapes.oneLine(l.strip());
            if (name.isEmpty()) {
                throw PicocliErrors.usage(spec.commandLine(), "--label: a name is empty");
            }
            if (clean.contains(name)) {
                throw PicocliErrors.usage(spec.commandLine(), "--label: '" + name
                        + "' is given twice; each folder needs its own name");
            }
            clean.add(name);
        }
        labels = clean;
    }

    /**
     * The notebook of one folder: a sweep's or a lab's (with results.csv), or a probe-effect
     * study's ({@code probe-effect --out}, with probe-effect.csv); into the folder unless --out.
     */
    private int notebook(PrintWriter stdout) {
        if (folders.size() != 1) {
            throw new UserException(ExitCodes.USAGE, "--format ipynb takes one folder");
        }
        Path folder = folders.getFirst();
        ipclab.report.Notebook.Kind kind;
        if (Files.isRegularFile(folder.resolve(ipclab.experiment.ResultsFiles.METADATA))) {
            ExperimentErrors.read(folder, spec.commandLine().getErr()); // a folder the notebook can load
            kind = ipclab.experiment.lab.LabFiles.isLab(folder) ? ipclab.report.Notebook.Kind.LAB
                    : ipclab.report.Notebook.Kind.SWEEP;
        } else if (Files.isRegularFile(folder.resolve(ipclab.experiment.lab.LabFiles.PROBE))) {
            LabCommand.readProbe(folder);
            kind = ipclab.report.Notebook.Kind.PROBE_EFFECT;
        } else {
            throw new UserException(Files.isDirectory(folder) ? ExitCodes.DATA : ExitCodes.NO_INPUT, folder
                    + (Files.isDirectory(folder) ? ": not a results folder (no metadata.json or probe-effect.csv)"
                            : ": no such results folder"));
        }
        Path file = out != null ? out : folder.resolve(ipclab.report.Notebook.FILE);
        try {
            ipclab.report.Notebook.write(folder, kind, file, new VersionProvider().getVersion()[0]);
        } catch (IOException e) {
            throw new UserException(ExitCodes.CANT_CREATE, file + ": " + e.getMessage());
        }
        stdout.println("notebook: " + file);
        stdout.flush();
        return ExitCodes.OK;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserException(ExitCodes.CANT_CREATE, file + ": " + e.getMessage());
        }
    }
}
