package ipclab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import ipclab.model.Blocks;
import ipclab.model.Defaults;
import ipclab.bench.SampleFields;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what {@link ResultsReader} reads, field by field, before any of it is believed: each
 * JSON line's fields have their type and range (positive finite bandwidth and time, counts not
 * negative, sizes within their bounds, iterations within the plan, warm-ups only where the plan
 * has them), agree with one another (bytes / time is the bandwidth recorded), and are the
 * folder's columns; each CSV row, parsed as RFC 4180, says what its JSON line says. The first
 * defect is an error naming file, line and field.
 */
final class ResultsValidator {
    private enum Type { TEXT, INT, NUMBER, BOOL }

    /** A field's type, whether null is allowed, and the range of a number. */
    private record Spec(Type type, boolean nullable, double min, double max) {
        static Spec text(boolean nullable) {
            return new Spec(Type.TEXT, nullable, 0, 0);
        }

        static Spec integer(boolean nullable, long min, long max) {
            return new Spec(Type.INT, nullable, min, max);
        }
    }

    /** Relative tolerance of the recomputed bandwidth and seconds (the writer's own arithmetic gives 0). */
    private static final double TOLERANCE = 1e-6;
    private static final Map<String, Spec> SPECS = specs();
    /** How the writer prints a number in CSV: a plain decimal with a point. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final Plan plan;
    private final Path jsonlFile;
    private final Path csvFile;
    private final List<String> columns;
    private final Set<String> columnSet;

    /** {@code columns}: the CSV header's, which every JSON line must have too. */
    ResultsValidator(Plan plan, Path jsonlFile, Path csvFile, List<String> columns) {
        this.plan = plan;
        this.jsonlFile = jsonlFile;
        this.csvFile = csvFile;
        this.columns = List.copyOf(columns);
        this.columnSet = new HashSet<>(columns);
    }

    private static Map<String, Spec> specs() {
        long intMax = Integer.MAX_VALUE;
        long longMax = Long.MAX_VALUE;
        Map<String, Spec> m = new java.util.HashMap<>();
        m.put("mode", Spec.text(false));
        m.put("ipc", Spec.text(false));
        m.put("buffer_size_bytes", Spec.integer(false, 1, Defaults.MAX_BUFFER_SIZE_BYTES));
        m.put("total_size_bytes", Spec.integer(false, 1, longMax));
        m.put("socket_buffers", new Spec(Type.BOOL, false, 0, 0));
        m.put("pipe_size_bytes", Spec.integer(false, 0, intMax));
        m.put("cpus", Spec.text(false));
        m.put("bare", new Spec(Type.BOOL, false, 0, 0));
        m.put("iteration", Spec.integer(false, 0, intMax));
        m.put("warmup", new Spec(Type.BOOL, false, 0, 0));
        m.put("elapsed_ns", Spec.integer(false, 0, longMax));
        m.put("seconds", new Spec(Type.NUMBER, false, 0, Double.MAX_VALUE));
        m.put("bytes", Spec.integer(false, 0, longMax));
        m.put("kib_per_sec", new Spec(Type.NUMBER, true, Double.MIN_VALUE, Double.MAX_VALUE));
        for (String count : List.of("reads", "writes", "polls")) {
            m.put(count, Spec.integer(false, 0, longMax));
        }
        for (String size : List.of("pipe_capacity_bytes", "sndbuf_bytes", "rcvbuf_bytes")) {
            m.put(size, Spec.integer(true, 0, intMax));
        }
        m.put("tcp_port", Spec.integer(true, 0, 65535));
        for (String usage : List.of("user_cpu_ns", "system_cpu_ns", "voluntary_ctx_switches",
                "involuntary_ctx_switches", "minor_faults", "major_faults", "cpu_migrations", "on_cpu_ns",
                "clock_resolution_ns")) {
            m.put(usage, Spec.integer(true, 0, longMax));
        }
        for (String text : List.of("usage_scope", "tracer", "host", "error", "receiver_cpus_allowed",
                "sender_cpus_allowed", "clock")) {
            m.put(text, Spec.text(true));
        }
        m.put("fd_table", Spec.text(false));
        m.put("workload", Spec.text(false));
        m.put("ipc_settings", Spec.text(true));
        // What newer mechanisms grant and other workloads measure: appended fields, null where
        // they do not apply.
        for (String granted : ipclab.ipc.Mechanisms.grantFields()) {
            m.putIfAbsent(granted, Spec.integer(true, 0, longMax));
        }
        for (var workload : ipclab.bench.Workloads.all()) {
            for (var metric : workload.metrics()) {
                m.putIfAbsent(metric.name(), new Spec(Type.NUMBER, true, 0, Double.MAX_VALUE));
            }
            // A workload's other fields: an encoded histogram is text, the rest whole numbers.
            for (String field : workload.fields()) {
                m.putIfAbsent(field, field.endsWith("_histogram") ? Spec.text(true) : Spec.integer(true, 0, longMax));
            }
        }
        if (!m.keySet().equals(new HashSet<>(SampleFields.names()))) {
            throw new IllegalStateException("ResultsValidator does not know every sample field: " + m.keySet());
        }
        return Map.copyOf(m);
    }

    /** Checks one JSON line (already parsed as an object): every field, then how they fit together and the plan. */
    void checkRecord(int line, JsonNode n) throws ResultsException {
        for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SPECS.containsKey(name)) {
                throw fail(jsonlFile, line, name, "not a sample field of this ipclab");
            }
            if (!columnSet.contains(name)) {
                throw fail(jsonlFile, line, name, "not a column of " + csvFile.getFileName());
            }
        }
        for (String name : columns) {
            JsonNode v = n.get(name);
            if (v == null) {
                throw fail(jsonlFile, line, name, "missing");
            }
            check(line, name, v, SPECS.get(name));
        }
        if (n.has("fd_table") && !List.of("private", "shared").contains(n.get("fd_table").asText())) {
            throw fail(jsonlFile, line, "fd_table", quote(n.get("fd_table")) + " is neither private nor shared");
        }
        String cpus = n.get("cpus").asText();
        for (String c : cpus.split(",", -1)) {
            if (!cpus.isEmpty() && (!Numbers.isDigits(c) || c.length() > 6)) {
                throw fail(jsonlFile, line, "cpus", quote(n.get("cpus")) + " is not a list of CPU numbers");
            }
        }
        checkTrial(line, n);
    }

    private void check(int line, String name, JsonNode v, Spec spec) throws ResultsException {
        if (v.isNull()) {
            if (!spec.nullable()) {
                throw fail(jsonlFile, line, name, "null, but it always has a value");
            }
            return;
        }
        switch (spec.type()) {
            case TEXT -> {
                if (!v.isTextual()) {
                    throw fail(jsonlFile, line, name, quote(v) + " is not text");
                }
            }
            case BOOL -> {
                if (!v.isBoolean()) {
                    throw fail(jsonlFile, line, name, quote(v) + " is not true or false");
                }
            }
            case INT -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw fail(jsonlFile, line, name, quote(v) + " is not a whole number");
                }
                long x = v.asLong();
                if (x < spec.min() || x > spec.max()) {
                    throw fail(jsonlFile, line, name, x + " is not in " + (long) spec.min() + ".." + (long) spec.max());
                }
            }
            case NUMBER -> {
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw fail(jsonlFile, line, name, quote(v) + " is not a finite number");
                }
                double x = v.asDouble();
                if (x < spec.min()) {
                    throw fail(jsonlFile, line, name, quote(v) + (spec.min() > 0 ? " is not positive" : " is negative"));
                }
            }
        }
    }

    /** How the fields of one trial fit together, and with the folder's plan. */
    private void checkTrial(int line, JsonNode n) throws ResultsException {
        boolean warmup = n.get("warmup").asBoolean();
        long iteration = n.get("iteration").asLong();
        int planned = warmup ? plan.warmupTrials() : plan.maxTrials();
        if (warmup && planned == 0) {
            throw fail(jsonlFile, line, "warmup", "true, but the plan has no warm-up trials");
        }
        if (iteration >= planned) {
            throw fail(jsonlFile, line, "iteration", iteration + " is past the plan's " + planned
                    + (warmup ? " warm-up" : " measured") + " trials (0.." + (planned - 1) + ")");
        }
        long buffer = n.get("buffer_size_bytes").asLong();
        long total = n.get("total_size_bytes").asLong();
        if (total % buffer != 0) {
            throw fail(jsonlFile, line, "total_size_bytes", total + " is not a multiple of buffer_size_bytes " + buffer);
        }
        if (plan.totalBytes() > 0 && total != plan.totalBytes()) {
            throw fail(jsonlFile, line, "total_size_bytes", total + ", but the plan moves " + plan.totalBytes()
                    + " bytes per trial");
        }
        String workloadName = n.has("workload") ? n.get("workload").asText() : ipclab.model.Defaults.WORKLOAD;
        var workload = ipclab.bench.Workloads.byName(workloadName).orElseThrow(
                () -> fail(jsonlFile, line, "workload", quote(n.get("workload")) + " is not a workload of this ipclab"));
        String headline = workload.headline().name();
        JsonNode value = n.get(headline);
        boolean failed = !n.get("error").isNull();
        if (failed) {
            if (value != null && !value.isNull()) {
                throw fail(jsonlFile, line, headline, "a failed trial (error is set) has no " + workload.headline().quantity());
            }
            return;
        }
        long elapsed = n.get("elapsed_ns").asLong();
        long bytes = n.get("bytes").asLong();
        if (value == null || value.isNull()) {
            throw fail(jsonlFile, line, headline, "null, but the trial did not fail (error is null)");
        }
        if (elapsed <= 0) {
            throw fail(jsonlFile, line, "elapsed_ns", elapsed + " is not positive");
        }
        // A mechanism that drops (udp) records its drops: what arrived is the total less them.
        JsonNode drops = n.get("drops");
        long arrived = drops == null || drops.isNull() ? total
                : total - drops.asLong() * n.get("buffer_size_bytes").asLong();
        if (bytes != arrived) {
            throw fail(jsonlFile, line, "bytes", bytes + ", but every trial moves exactly total_size_bytes " + total
                    + (arrived == total ? "" : " less its drops' " + (total - arrived)));
        }
        double seconds = n.get("seconds").asDouble();
        if (!close(seconds, elapsed / 1e9)) {
            throw fail(jsonlFile, line, "seconds", seconds + " is not elapsed_ns / 1e9 (" + elapsed / 1e9 + ")");
        }
        if (!headline.equals("kib_per_sec")) {
            return;
        }
        JsonNode kib = value;
        double expected = Blocks.kibPerSec(bytes, elapsed);
        if (!close(kib.asDouble(), expected)) {
            throw fail(jsonlFile, line, "kib_per_sec", kib.asDouble() + " is not bytes / 1024 / seconds ("
                    + expected + ")");
        }
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Checks that CSV row {@code csvLine} (1-based, the header is line 1) says what JSON line {@code jsonLine} says. */
    void checkRow(int csvLine, String row, int jsonLine, JsonNode n) throws ResultsException {
        List<String> cells = cells(csvLine, row);
        if (cells.size() != columns.size()) {
            throw fail(csvFile, csvLine, null, cells.size() + " columns, but the header has " + columns.size());
        }
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            String cell = cells.get(i);
            JsonNode v = n.get(name);
            if (!agrees(cell, v)) {
                throw fail(csvFile, csvLine, name, "'" + cell + "' does not match " + jsonlFile.getFileName()
                        + " line " + jsonLine + " (" + v + ")");
            }
        }
    }

    private static boolean agrees(String cell, JsonNode v) {
        if (v.isNull()) {
            return cell.isEmpty();
        }
        if (v.isBoolean()) {
            return cell.equals(v.asText());
        }
        if (v.isNumber()) {
            if (!DECIMAL.matcher(cell).matches()) {
                return false;
            }
            return new BigDecimal(cell).compareTo(v.decimalValue()) == 0;
        }
        return cell.equals(v.asText().replace('\r', ' ').replace('\n', ' '));
    }

    /** One RFC 4180 record on one line: fields separated by commas, quoted where they hold a comma or quote. */
    private List<String> cells(int line, String row) throws ResultsException {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < row.length() && row.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= row.length()) {
                        throw fail(csvFile, line, null, "a quoted field is not closed");
                    }
                    char c = row.charAt(i++);
                    if (c == '"') {
                        if (i < row.length() && row.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < row.length() && row.charAt(i) != ',') {
                    throw fail(csvFile, line, null, "text after a closing quote, at character " + (i + 1));
                }
            } else {
                while (i < row.length() && row.charAt(i) != ',') {
                    char c = row.charAt(i++);
                    if (c == '"') {
                        throw fail(csvFile, line, null, "a quote inside an unquoted field, at character " + i);
                    }
                    cell.append(c);
                }
            }
            out.add(cell.toString());
            cell.setLength(0);
            if (i >= row.length()) {
                return out;
            }
            i++;  // the comma
        }
    }

    private static String quote(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static ResultsException fail(Path file, int line, String field, String problem) {
        return new ResultsException(ResultsException.Kind.DATA, file + " line " + line
                + (field == null ? "" : ", field " + field) + ": " + problem);
    }
}
