package ipclab.experiment;

import ipclab.bench.Workloads;
import ipclab.model.ConfigFields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import ipclab.ipc.Mode;
import ipclab.bench.SampleFields;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a results folder back, trusting nothing: every line of {@code results.jsonl} must be a
 * trial of the folder's own plan, and none may repeat; {@code results.csv} must have this
 * ipclab's columns (or an older prefix of them) and as many rows. A torn last line (a crash in
 * the middle of a write) is reported and ignored, everything before it kept; anything else wrong
 * is an error naming the file and line.
 */
public final class ResultsReader {
    private ResultsReader() {}

    /** Reads {@code folder}. */
    public static Results read(Path folder) throws ResultsException {
        return read(folder, false);
    }

    /**
     * Makes an interrupted sweep's files fit to append to: cuts a torn last line off each file,
     * and, when the crash fell between the JSON line and the CSV row of a trial, drops that trial
     * from the longer file (it will run again). Returns the folder as read after the repair.
     */
    public static Results repair(Path folder) throws ResultsException {
        return read(folder, true);
    }

    private static Results read(Path folder, boolean repair) throws ResultsException {
        if (!Files.isDirectory(folder)) {
            throw new ResultsException(ResultsException.Kind.NO_INPUT, folder + ": no such results folder");
        }
        Map<String, Object> metadata = ResultsFiles.readMetadata(folder);
        Path metaFile = folder.resolve(ResultsFiles.METADATA);
        Plan plan;
        List<ConfigKey> configurations;
        try {
            Object settings = metadata.get("plan");
            if (!(settings instanceof Map<?, ?> map)) {
                throw new PlanException("no plan recorded");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> s = new java.util.LinkedHashMap<>((Map<String, Object>) map);
            // Folders from before descriptor tables were private ran every trial on the shared one.
            s.putIfAbsent("fd-table", "shared");
            plan = PlanParser.parse(s, 0);
            // By arithmetic first: a doctored plan of 10^9 configurations must not be built.
            PlanSize.checkReadable(plan);
            configurations = plan.configurations(false);
        } catch (PlanException e) {
            throw new ResultsException(ResultsException.Kind.DATA, metaFile + ": plan: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        Path jsonlFile = folder.resolve(ResultsFiles.JSONL);
        Path csvFile = folder.resolve(ResultsFiles.CSV);
        Lines jsonl = Lines.read(jsonlFile);
        Lines csv = Lines.read(csvFile);
        for (Lines l : List.of(jsonl, csv)) {
            if (l.tornBytes > 0) {
                warnings.add(l.file + " line " + (l.lines.size() + 1) + ": torn last line (" + l.tornBytes
                        + " bytes, an interrupted write) ignored; the " + l.lines.size() + " lines before it are kept");
            }
        }
        if (csv.lines.isEmpty()) {
            throw new ResultsException(ResultsException.Kind.DATA, csvFile + " line 1: no header");
        }
        checkHeader(csvFile, csv.lines.getFirst(), repair);
        ResultsValidator validator = new ResultsValidator(plan, jsonlFile, csvFile,
                Arrays.asList(csv.lines.getFirst().split(",", -1)));
        int csvRows = csv.lines.size() - 1;
        int jsonRows = jsonl.lines.size();
        if (csvRows != jsonRows) {
            if (Math.abs(csvRows - jsonRows) > 1) {
                throw new ResultsException(ResultsException.Kind.DATA, folder + ": " + ResultsFiles.CSV + " has "
                        + csvRows + " trials and " + ResultsFiles.JSONL + " " + jsonRows
                        + "; more than a crash can explain, so they are not mixed");
            }
            warnings.add(folder + ": the last trial is in only one of " + ResultsFiles.CSV + " and "
                    + ResultsFiles.JSONL + " (interrupted between the two writes); it is ignored"
                    + (repair ? " and runs again" : ""));
        }
        int rows = Math.min(csvRows, jsonRows);
        Set<ConfigKey> known = new HashSet<>(configurations);
        Map<Trial, Integer> seen = new HashMap<>();
        List<TrialRecord> trials = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            JsonNode node = json(jsonlFile, i + 1, jsonl.lines.get(i));
            validator.checkRecord(i + 1, node);
            TrialRecord t = parse(jsonlFile, i + 1, node);
            if (!known.contains(t.key())) {
                throw new ResultsException(ResultsException.Kind.DATA, jsonlFile + " line " + (i + 1) + ": "
                        + t.key().describe() + " is not a configuration of this folder's plan (results of a"
                        + " different plan?); not mixed in");
            }
            Integer before = seen.put(t.trial(), i + 1);
            if (before != null) {
                throw new ResultsException(ResultsException.Kind.DATA, jsonlFile + " line " + (i + 1) + ": "
                        + (t.warmup() ? "warm-up" : "trial") + " " + t.iteration() + " of " + t.key().describe()
                        + " again (first on line " + before + ")");
            }
            validator.checkRow(i + 2, csv.lines.get(i + 1), i + 1, node);
            trials.add(t);
        }
        if (repair) {
            jsonl.truncateTo(rows);
            csv.truncateTo(rows + 1);
        }
        // sweep --label's text stands for the folder in reports, compare and legends
        String label = metadata.get("label") instanceof String l && !l.isBlank() ? l : Results.nameOf(folder);
        return new Results(folder, metadata, plan, configurations, List.copyOf(trials), List.copyOf(warnings),
                label);
    }

    private static void checkHeader(Path file, String header, boolean forAppend) throws ResultsException {
        List<String> names = Arrays.asList(header.split(",", -1));
        List<String> ours = SampleFields.names();
        boolean prefix = names.size() <= ours.size() && ours.subList(0, names.size()).equals(names);
        if (!prefix || (forAppend && names.size() != ours.size())) {
            throw new ResultsException(ResultsException.Kind.DATA, file + " line 1: its columns are not this"
                    + " ipclab's sample fields" + (prefix ? " (an older version; a sweep cannot be resumed into it)"
                    : " (expected " + ResultsFiles.csvHeader() + ")"));
        }
    }

    /** One line as one JSON object: nothing after it, no key twice. */
    private static JsonNode json(Path file, int line, String text) throws ResultsException {
        JsonNode n;
        try {
            n = ResultsFiles.STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ResultsException(ResultsException.Kind.DATA, file + " line " + line + ": not a JSON object: "
                    + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ResultsException(ResultsException.Kind.DATA, file + " line " + line + ": not a JSON object");
        }
        return n;
    }

    private static TrialRecord parse(Path file, int line, JsonNode n) throws ResultsException {
        try {
            // The configuration columns, read as ConfigFields writes them (a line without
            // fd_table ran before tables were private, so on the shared one).
            ConfigKey key = ConfigKey.of(ConfigFields.parse(name -> {
                JsonNode v = n.get(name);
                return v == null || v.isNull() ? null : v.asText();
            }));
            JsonNode error = n.get("error");
            JsonNode kib = n.get(Workloads.of(key.config()).headline().name());
            boolean failed = error != null && !error.isNull();
            return new TrialRecord(line, key, (int) number(n, "iteration"), bool(n, "warmup"),
                    number(n, "total_size_bytes"), number(n, "elapsed_ns"),
                    failed || kib == null || !kib.isNumber() ? Double.NaN : kib.asDouble(),
                    failed ? error.asText() : null, histogram(n), ranOn(n, Workloads.of(key.config()).ends()));
        } catch (IllegalArgumentException e) {
            throw new ResultsException(ResultsException.Kind.DATA, file + " line " + line + ": " + e.getMessage());
        }
    }

    /**
     * Where each end ran, when the line says it for some end; otherwise nothing (a failed trial,
     * or a line written before ipclab recorded it).
     */
    private static java.util.List<ipclab.run.RanOn> ranOn(JsonNode n, java.util.List<String> ends) {
        boolean any = ends.stream().flatMap(e -> ipclab.run.RanOn.fields(e).stream())
                .anyMatch(f -> n.has(f) && n.get(f).isIntegralNumber());
        if (!any) {
            return java.util.List.of();
        }
        java.util.List<ipclab.run.RanOn> out = new java.util.ArrayList<>();
        for (String end : ends) {
            java.util.Map<String, Object> values = new java.util.HashMap<>();
            for (String f : ipclab.run.RanOn.fields(end)) {
                JsonNode v = n.get(f);
                if (v != null && v.isIntegralNumber()) {
                    values.put(f, v.asLong());
                }
            }
            out.add(ipclab.run.RanOn.of(values, end));
        }
        return out;
    }

    private static String histogram(JsonNode n) {
        JsonNode h = n.get("rtt_histogram");
        return h == null || !h.isTextual() ? null : h.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not text");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a whole number");
        }
        return v.asLong();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("field " + field + " is missing or not true/false");
        }
        return v.asBoolean();
    }

    /** A file's whole lines, the byte offset after each, and the bytes of a torn last line. */
    private static final class Lines {
        final Path file;
        final List<String> lines = new ArrayList<>();
        final List<Long> ends = new ArrayList<>();
        long tornBytes;

        private Lines(Path file) {
            this.file = file;
        }

        static Lines read(Path file) throws ResultsException {
            Lines l = new Lines(file);
            byte[] bytes;
            try {
                bytes = InputFiles.read(file, ResultsFiles.MAX_FILE_BYTES);
            } catch (InputFiles.Refused e) {
                throw new ResultsException(e.noInput() ? ResultsException.Kind.NO_INPUT : ResultsException.Kind.DATA,
                        e.getMessage());
            } catch (IOException e) {
                throw new ResultsException(ResultsException.Kind.NO_INPUT, file + ": " + ResultsFiles.reason(e));
            }
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    l.lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    l.ends.add((long) i + 1);
                    start = i + 1;
                }
            }
            l.tornBytes = bytes.length - start;
            return l;
        }

        /** Cuts the file after its first {@code keep} lines. */
        void truncateTo(int keep) throws ResultsException {
            long end = keep == 0 ? 0 : ends.get(keep - 1);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (c.size() > end) {
                    c.truncate(end);
                    c.force(false);
                }
            } catch (IOException e) {
                throw new ResultsException(ResultsException.Kind.IO, file + ": " + ResultsFiles.reason(e));
            }
        }
    }
}
