package ipclab.experiment.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The lab's own files beside the sweep's in its results folder: {@code lab.json} (which plan),
 * {@code traced.csv} (one line per traced run) and {@code probe-effect.csv} (one line per pair).
 * Lines are appended as they are measured and forced to disk, so that {@code --resume} finds
 * whatever was whole; a torn last line (the lab was killed while writing it) is ignored.
 */
public final class LabFiles {
    public static final String LAB = "lab.json";
    public static final String TRACED = "traced.csv";
    public static final String PROBE = "probe-effect.csv";
    /** Names the lab.json document's shape. */
    public static final String FORMAT = "ipclab-lab/1";

    private LabFiles() {}

    /** Whether {@code folder} was made by {@code ipclab lab}. */
    public static boolean isLab(Path folder) {
        return Files.isRegularFile(folder.resolve(LAB));
    }

    public static void writeLab(Path folder, boolean quick, String version) throws IOException {
        Files.writeString(folder.resolve(LAB), "{\n  \"format\" : \"" + FORMAT + "\",\n  \"quick\" : " + quick
                + ",\n  \"ipclab_version\" : \"" + version.replace("\"", "") + "\"\n}\n");
    }

    /** Whether the lab of {@code folder} is the quick one. */
    public static boolean readQuick(Path folder) throws IOException {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve(LAB).toFile());
        if (!FORMAT.equals(node.path("format").asText())) {
            throw new IOException(folder.resolve(LAB) + ": not a " + FORMAT + " document");
        }
        return node.path("quick").asBoolean();
    }

    public static void append(Path file, String header, String line) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(((fresh ? header + "\n" : "") + line + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        }
    }

    public static List<TracedRow> readTraced(Path folder) throws IOException {
        return read(folder.resolve(TRACED), TracedRow.HEADER, TracedRow::parse);
    }

    public static List<ProbeRow> readProbe(Path folder) throws IOException {
        return read(folder.resolve(PROBE), ProbeRow.HEADER, ProbeRow::parse);
    }

    private static <T> List<T> read(Path file, String header, Function<String[], T> parse) throws IOException {
        List<T> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text = Files.readString(file);
        List<String> lines = text.lines().toList();
        int columns = header.split(",").length;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            boolean last = i == lines.size() - 1;
            try {
                if (f.length != columns) {
                    throw new IllegalArgumentException(f.length + " fields, not " + columns);
                }
                out.add(parse.apply(f));
            } catch (RuntimeException e) {
                if (last && !text.endsWith("\n")) {
                    break; // torn by a kill while it was written: run it again
                }
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!lines.isEmpty() && !lines.getFirst().equals(header)) {
            throw new IOException(file + ":1: not the header of " + file.getFileName());
        }
        return out;
    }

    /** A number for the CSV files, the same in every locale. */
    static String number(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
