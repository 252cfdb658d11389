package ipclab.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jupyter notebook (nbformat 4) for a results folder, written as JSON from Java: it loads the
 * folder's CSV files with pandas and redraws each figure of the report with matplotlib, then
 * leaves cells for the student's own analysis. Its first cell says which ipclab and which folder
 * made it. The Python is fixed text; only the folder's name, its path from the notebook and the
 * version are put in, as strings, so the file is the same in every locale.
 */
public final class Notebook {
    public static final String FILE = "ipclab.ipynb";

    /** What the folder holds, which decides the cells. */
    public enum Kind {
        SWEEP, LAB, PROBE_EFFECT
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Notebook() {}

    /** Writes the notebook of {@code folder} to {@code file}; returns the file. */
    public static Path write(Path folder, Kind kind, Path file, String version) throws IOException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        String relative = dir.relativize(folder.toAbsolutePath().normalize()).toString();
        String label = folder.toAbsolutePath().normalize().getFileName().toString();
        Files.writeString(file, json(label, relative.isEmpty() ? "." : relative, kind, version),
                StandardCharsets.UTF_8);
        return file;
    }

    /** Writes the notebook of a sweep or lab folder. */
    public static Path write(ipclab.experiment.Results results, Path file, String version) throws IOException {
        Kind kind = ipclab.experiment.lab.LabFiles.isLab(results.folder()) ? Kind.LAB : Kind.SWEEP;
        return write(results.folder(), kind, file, version);
    }

    /** The notebook's JSON: {@code relative} is the folder as seen from the notebook's directory. */
    public static String json(String label, String relative, Kind kind, String version) throws IOException {
        List<ObjectNode> cells = new ArrayList<>();
        cells.add(markdown("# ipclab notebook: " + label + "\n\n"
                + "Made by " + version + " from the " + switch (kind) {
                    case SWEEP -> "sweep";
                    case LAB -> "lab";
                    case PROBE_EFFECT -> "probe-effect study";
                } + " results folder `" + label + "`. Run all the cells (Kernel, Restart & Run All): each figure"
                + " redraws one of the report's from the folder's CSV files. The cells at the end are for your own"
                + " analysis."));
        cells.add(code(NotebookCells.SETUP.replace("@FOLDER@", python(relative))));
        if (kind != Kind.PROBE_EFFECT) {
            cells.add(code(NotebookCells.LOAD_RESULTS));
            cells.add(markdown("## 1. How does the buffer size affect IPC performance?\n\n"
                    + "Median bandwidth of the measured trials by buffer size, one figure per IPC type: -s off solid,"
                    + " -s on dashed, the modes by marker; whiskers are the 95% interval of the median; a gap is a"
                    + " size whose trials all failed. Dotted lines: the pipe capacity and the caches."));
            cells.add(code(NotebookCells.BANDWIDTH));
            cells.add(markdown("## 2. Sockets with and without -s, and local against pipe\n\n"
                    + "Ratios of the medians at each buffer size; 1 is no difference."));
            cells.add(code(NotebookCells.RATIOS));
        }
        if (kind == Kind.LAB) {
            cells.add(markdown("## Why: what the traced runs counted\n\n"
                    + "`traced.csv` has one run per configuration under a counting tracer: system calls, context"
                    + " switches and page faults. Calls per MiB halve with each doubling of the buffer; where the"
                    + " bandwidth stops rising, the cost per call has stopped mattering."));
            cells.add(code(NotebookCells.TRACED));
        }
        if (kind != Kind.SWEEP) {
            cells.add(markdown("## 3. The probe effect\n\n"
                    + "Traced over untraced bandwidth, median of interleaved pairs, with the 95% interval of that"
                    + " median; bpftrace-idle is the control (bpftrace attached, no probe on the run)."));
            cells.add(code(NotebookCells.PROBE));
        }
        cells.add(markdown("## Your analysis\n\n"
                + "Some questions to start from: where does each curve level off, and which size of the machine is"
                + " near it? How many context switches per call does each mode make, and what does that cost per"
                + " byte? Which tracer would you trust for a causal claim, and at which buffer sizes?"));
        cells.add(code("# your analysis here: the data frames are results, measured (and traced, probe in a lab)\n"));
        cells.add(code(""));
        ObjectNode nb = NODES.objectNode();
        ArrayNode array = nb.putArray("cells");
        cells.forEach(array::add);
        ObjectNode meta = nb.putObject("metadata");
        meta.putObject("kernelspec").put("display_name", "Python 3").put("language", "python").put("name", "python3");
        meta.putObject("language_info").put("name", "python");
        meta.putObject("ipclab").put("version", version).put("folder", label).put("kind", kind.name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 4);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ", "\n"))
                .withArrayIndenter(new DefaultIndenter(" ", "\n"));
        return new ObjectMapper().writer(pretty).writeValueAsString(nb) + "\n";
    }

    /** A Python string literal of {@code s}. */
    static String python(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static ObjectNode markdown(String text) {
        ObjectNode c = NODES.objectNode();
        c.put("cell_type", "markdown");
        c.putObject("metadata");
        c.set("source", lines(text));
        return c;
    }

    private static ObjectNode code(String text) {
        ObjectNode c = NODES.objectNode();
        c.put("cell_type", "code");
        c.putNull("execution_count");
        c.putObject("metadata");
        c.putArray("outputs");
        c.set("source", lines(text));
        return c;
    }

    /** nbformat's source: lines, each but the last ending in a newline. */
    private static ArrayNode lines(String text) {
        ArrayNode a = NODES.arrayNode();
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (t.isEmpty()) {
            return a;
        }
        String[] parts = t.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            a.add(parts[i] + (i < parts.length - 1 ? "\n" : ""));
        }
        return a;
    }
}
