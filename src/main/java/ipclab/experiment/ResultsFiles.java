package ipclab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ipclab.bench.SampleFields;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results folder's layout and its text formats: {@code results.csv} (RFC 4180, one row per
 * trial, the columns of {@link SampleFields}), {@code results.jsonl} (the same records, one JSON
 * object a line) and {@code metadata.json} (machine, OS, kernel, JVM, plan, seed). Numbers are
 * written the same in every locale: plain decimals with a point, no grouping.
 */
public final class ResultsFiles {
    public static final String CSV = "results.csv";
    public static final String JSONL = "results.jsonl";
    public static final String METADATA = "metadata.json";
    static final ObjectMapper JSON = new ObjectMapper();
    /** How results are read: one JSON value and nothing after it, no key twice. */
    static final com.fasterxml.jackson.databind.ObjectReader STRICT = JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    /** The largest results file read (a million trials are about 800 MB of JSON lines). */
    public static final long MAX_FILE_BYTES = 1L << 30;
    private static final long MAX_METADATA_BYTES = 16L << 20;
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFiles() {}

    /** A fresh folder under {@code parent}, named by the date and time and the plan's name. */
    public static Path newFolder(Path parent, String planName, LocalDateTime now) throws ResultsException {
        String stem = now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + planName.replaceAll("[^A-Za-z0-9._+-]", "_");
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path dir = parent.resolve(i == 1 ? stem : stem + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // the same second and plan: take the next suffix
                }
            }
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.CANT_CREATE, parent + ": cannot create a results folder: "
                    + reason(e));
        }
    }

    /** The metadata of a sweep: what ran, where, with which seed. */
    public static Map<String, Object> metadata(Plan plan, Map<String, Object> machine, String version,
            String started) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ipclab_version", version);
        m.put("started", started);
        m.put("seed", plan.seed());
        m.put("plan", PlanParser.toSettings(plan));
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("order", "blocks: every configuration once per block, in an order shuffled from the seed;"
                + " warm-up blocks first");
        method.put("trials", "bare: no per-trial sync or sleep; sync and sleep --quiesce ms once per block");
        method.put("warm_up", "the loops of each mode and IPC type warmed once in the sweep's JVM; one 2proc child"
                + " for the whole sweep, warmed once, given each trial's descriptor over SCM_RIGHTS");
        method.put("sizes", plan.totalBytes() > 0 ? "--total bytes per trial" : "--min-time: each measured trial sized"
                + " from the configuration's trials so far, warm-ups included: to last 1.25 times the minimum at the"
                + " highest rate seen (at most twice the median), twice that while none lasted a quarter of it");
        m.put("method", method);
        m.put("machine", machine);
        m.put("sample_fields", SampleFields.names());
        return m;
    }

    public static void writeMetadata(Path folder, Map<String, Object> metadata) throws ResultsException {
        Path file = folder.resolve(METADATA);
        try {
            Files.writeString(file, PRETTY.writeValueAsString(metadata) + "\n");
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.IO, file + ": " + reason(e));
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMetadata(Path folder) throws ResultsException {
        Path file = folder.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new ResultsException(ResultsException.Kind.NO_INPUT, file + ": missing; is " + folder
                    + " a results folder of ipclab sweep?");
        }
        try {
            Map<String, Object> m = STRICT.forType(Map.class).readValue(InputFiles.read(file, MAX_METADATA_BYTES));
            if (m == null) {
                throw new ResultsException(ResultsException.Kind.DATA, file + ": not a JSON object");
            }
            return m;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ResultsException(ResultsException.Kind.DATA, file + ": not valid JSON: "
                    + e.getOriginalMessage());
        } catch (InputFiles.Refused e) {
            throw new ResultsException(e.noInput() ? ResultsException.Kind.NO_INPUT : ResultsException.Kind.DATA,
                    e.getMessage());
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.NO_INPUT, file + ": " + reason(e));
        }
    }

    /** The CSV header line (no newline). */
    public static String csvHeader() {
        return String.join(",", SampleFields.names());
    }

    /** One CSV row (no newline) of a flat record, in the record's field order. */
    public static String csvRow(Map<String, Object> record) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Object v : record.values()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(csvValue(v));
        }
        return b.toString();
    }

    /** One JSON line (no newline) of a flat record. */
    public static String jsonLine(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new IllegalStateException("a flat record did not serialise", e);
        }
    }

    static String csvValue(Object v) {
        return switch (v) {
            case null -> "";
            case Double d -> number(d);
            case Float f -> number(f.doubleValue());
            case Number n -> n.toString();
            case Boolean bool -> bool.toString();
            default -> quote(String.valueOf(v));
        };
    }

    /** A double as a plain decimal with a point, in every locale; empty when not finite. */
    public static String number(double d) {
        if (!Double.isFinite(d)) {
            return "";
        }
        String s = BigDecimal.valueOf(d).toPlainString();
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String quote(String s) {
        // A record is one line: the reader counts lines as rows.
        String oneLine = s.replace('\r', ' ').replace('\n', ' ');
        if (oneLine.contains(",") || oneLine.contains("\"")) {
            return "\"" + oneLine.replace("\"", "\"\"") + "\"";
        }
        return oneLine;
    }

    static String reason(IOException e) {
        String msg = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }
}
