package ipclab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ipclab.model.Defaults;
import ipclab.ipc.Mode;
import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Plan} from settings named like the sweep's long options ({@code mode},
 * {@code ipc}, {@code buffers}, {@code s}, {@code pipe-size}, {@code cpus}, {@code trials},
 * {@code warmup}, {@code total}, {@code min-time}, {@code seed}, {@code quiesce},
 * {@code trial-timeout}), whether they
 * come from the command line or from a plan file (YAML or JSON): one parser, one set of messages.
 * A value is a string (lists comma-separated) or a list; {@code cpus} is a list of CPU sets.
 * Every mechanism's own setting ({@link ipclab.ipc.MechanismSetting}: {@code wait},
 * {@code ring-size}, {@code mq-depth}, ...) is a key too, taken from the registry: a list of
 * levels, each checked and normalised by the setting itself.
 */
public final class PlanParser {
    /** The lab's plan: every mode, pipe and Unix sockets, 32 B to 1 MiB, -s off and on. */
    public static final Map<String, Object> DEFAULTS = defaults();
    public static final Set<String> KEYS = keys();

    /** The plan's own keys, then the registry's settings (a setting named like a plan key would be lost). */
    private static Set<String> keys() {
        Set<String> keys = new java.util.LinkedHashSet<>(List.of("name", "mode", "ipc", "buffers", "s", "pipe-size",
                "cpus", "fd-table", "trials", "warmup", "total", "min-time", "seed", "quiesce", "trial-timeout",
                "workload", "message-sizes", "precision", "max-trials"));
        for (String setting : Settings.owners().keySet()) {
            if (!keys.add(setting)) {
                throw new IllegalStateException("a mechanism's setting is named like a plan key: " + setting);
            }
        }
        return java.util.Collections.unmodifiableSet(keys);
    }

    private PlanParser() {}

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "default");
        d.put("mode", "1thread,2thread,2proc");
        d.put("ipc", "pipe,local");
        d.put("buffers", "32..1M");
        d.put("s", "off,on");
        d.put("pipe-size", "0");
        d.put("cpus", List.of("any"));
        d.put("fd-table", "private");
        d.put("trials", "10");
        d.put("warmup", "1");
        d.put("min-time", "50");
        d.put("quiesce", "0");
        d.put("trial-timeout", "10");
        d.put("workload", "stream");
        d.put("message-sizes", "1..64k");
        return Map.copyOf(d);
    }

    /** The largest plan file read: a plan of many lists is a few MB. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /**
     * Reads a plan file's settings: YAML (or JSON, which YAML reads too), a map of the keys above.
     * A key given twice is an error (YAML and Jackson would let the last one win silently); a
     * missing file, or one that is not a regular file, is {@link PlanException#noInput}.
     */
    public static Map<String, Object> readFile(Path file) throws PlanException {
        try {
            String text = new String(InputFiles.read(file, MAX_FILE_BYTES), java.nio.charset.StandardCharsets.UTF_8);
            YAMLFactory yaml = new YAMLFactory();
            yaml.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            Object tree = new ObjectMapper(yaml).readValue(text, Object.class);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new PlanException(file + ": a plan file is a map of settings (mode, ipc, buffers, ...)");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            for (var e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!KEYS.contains(key)) {
                    throw new PlanException(file + ": unknown setting '" + key + "' (settings: " + String.join(", ",
                            KEYS.stream().sorted().toList()) + ")");
                }
                settings.put(key, e.getValue());
            }
            if (!settings.containsKey("name")) {
                String base = file.getFileName().toString();
                settings.put("name", base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base);
            }
            return settings;
        } catch (NoSuchFileException e) {
            throw new PlanException(file + ": no such plan file", true);
        } catch (InputFiles.Refused e) {
            throw new PlanException(e.noInput() && !Files.exists(file) ? file + ": no such plan file"
                    : "plan file " + e.getMessage(), e.noInput());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new PlanException(file + ": not a YAML or JSON plan: " + msg);
        }
    }

    /**
     * The plan of {@code settings} over the defaults. Giving {@code total} drops the default
     * {@code min-time}; giving both is an error.
     */
    public static Plan parse(Map<String, Object> settings, long defaultSeed) throws PlanException {
        Map<String, Object> s = new LinkedHashMap<>(DEFAULTS);
        if (settings.containsKey("total") && !settings.containsKey("min-time")) {
            s.remove("min-time");
        }
        s.putAll(settings);
        if (s.get("total") != null && s.get("min-time") != null) {
            throw new PlanException("give --total or --min-time, not both");
        }
        try {
            List<Mode> modes = new ArrayList<>();
            for (String m : items(s.get("mode"))) {
                modes.add(Mode.fromLabel(m).orElseThrow(() -> new PlanException(
                        "--mode: unknown mode '" + m + "' (1thread, 2thread, 2proc)")));
            }
            List<Mechanism> ipcs = new ArrayList<>();
            for (String i : items(s.get("ipc"))) {
                if (i.equals("all")) {
                    ipcs.addAll(Mechanisms.all());
                    continue;
                }
                ipcs.add(Mechanisms.byName(i).orElseThrow(() -> new PlanException(
                        "--ipc: unknown mechanism '" + i + "' (" + String.join(", ", Mechanisms.names()) + " or all)")));
            }
            List<Integer> buffers = new ArrayList<>();
            for (String b : items(s.get("buffers"))) {
                for (long size : sizes("--buffers", b, Defaults.MAX_BUFFER_SIZE_BYTES)) {
                    if (size < 1 || size > Defaults.MAX_BUFFER_SIZE_BYTES) {
                        throw new PlanException("--buffers: " + size + " is not in 1.." + Defaults.MAX_BUFFER_SIZE_BYTES);
                    }
                    buffers.add((int) size);
                }
            }
            List<Boolean> socketBuffers = new ArrayList<>();
            for (String v : items(s.get("s"))) {
                socketBuffers.add(switch (v.toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes" -> true;
                    case "off", "false", "no" -> false;
                    default -> throw new PlanException("-s: '" + v + "' is neither off nor on");
                });
            }
            List<Integer> pipeSizes = new ArrayList<>();
            for (String p : items(s.get("pipe-size"))) {
                for (long size : sizes("--pipe-size", p, Integer.MAX_VALUE)) {
                    if (size > Integer.MAX_VALUE) {
                        throw new PlanException("--pipe-size: " + size + " is too large");
                    }
                    pipeSizes.add((int) size);
                }
            }
            List<Boolean> sharedFdTables = new ArrayList<>();
            for (String v : items(s.get("fd-table"))) {
                sharedFdTables.add(switch (v.toLowerCase(Locale.ROOT)) {
                    case "private" -> false;
                    case "shared" -> true;
                    default -> throw new PlanException("--fd-table: '" + v + "' is neither private nor shared");
                });
            }
            List<String> workloads = new ArrayList<>();
            for (String w : items(s.get("workload"))) {
                if (ipclab.bench.Workloads.byName(w).isEmpty()) {
                    throw new PlanException("--workload: unknown workload '" + w + "' ("
                            + String.join(", ", ipclab.bench.Workloads.names()) + ")");
                }
                workloads.add(w);
            }
            List<Integer> messages = new ArrayList<>();
            for (String b : items(s.get("message-sizes"))) {
                for (long size : sizes("--message-sizes", b, Defaults.MAX_BUFFER_SIZE_BYTES)) {
                    if (size < 1 || size > Defaults.MAX_BUFFER_SIZE_BYTES) {
                        throw new PlanException("--message-sizes: " + size + " is not in 1.."
                                + Defaults.MAX_BUFFER_SIZE_BYTES);
                    }
                    messages.add((int) size);
                }
            }
            List<List<Integer>> cpuSets = new ArrayList<>();
            for (String set : cpuSets(s.get("cpus"))) {
                cpuSets.add(cpus(set));
            }
            long total = s.get("total") == null ? 0 : positive("--total", sizes("--total", one(s.get("total")), Long.MAX_VALUE));
            int minTime = s.get("min-time") == null ? 0 : integer("--min-time", s.get("min-time"));
            if (s.get("min-time") != null && minTime < 1) {
                throw new PlanException("--min-time must be at least 1 ms");
            }
            long seed = s.get("seed") == null ? defaultSeed : longValue("--seed", s.get("seed"));
            boolean custom = settings.keySet().stream()
                    .anyMatch(k -> !Set.of("name", "seed", "quiesce", "trial-timeout").contains(k));
            String name = settings.containsKey("name") ? String.valueOf(settings.get("name"))
                    : custom ? String.join("+", modes.stream().map(Mode::label).toList()) + "-"
                            + String.join("+", ipcs.stream().map(Mechanism::name).toList())
                    : "default";
            int trials = integer("--trials", s.get("trials"));
            double precision = s.get("precision") == null ? 0 : percentage("--precision", one(s.get("precision")));
            int maxTrials = trials;
            if (s.get("max-trials") != null) {
                if (precision <= 0) {
                    throw new PlanException("--max-trials bounds --precision's added trials: give --precision too");
                }
                maxTrials = integer("--max-trials", s.get("max-trials"));
                if (maxTrials < trials) {
                    throw new PlanException("--max-trials " + maxTrials + " is below --trials " + trials);
                }
            } else if (precision > 0) {
                maxTrials = Math.max(trials, DEFAULT_MAX_TRIALS);
            }
            return new Plan(name, modes, ipcs, distinct(buffers), socketBuffers, pipeSizes, cpuSets,
                    distinct(sharedFdTables), trials, integer("--warmup", s.get("warmup")),
                    total,
                    minTime, seed, integer("--quiesce", s.get("quiesce")),
                    integer("--trial-timeout", s.get("trial-timeout")), distinct(workloads), distinct(messages),
                    precision, maxTrials, mechanismSettings(s));
        } catch (IllegalArgumentException e) {
            throw new PlanException(e.getMessage());
        }
    }

    /**
     * The levels of the mechanisms' own settings among {@code s}, each checked and normalised by
     * the setting as its first declaring mechanism has it ({@code 4K} and {@code 4096} are one
     * level). Whether a swept mechanism declares it is the plan's check ({@link Plan#configurations}).
     */
    private static Map<String, List<String>> mechanismSettings(Map<String, Object> s) throws PlanException {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (var owner : Settings.owners().entrySet()) {
            if (!s.containsKey(owner.getKey())) {
                continue;
            }
            MechanismSetting setting = Settings.find(owner.getValue().getFirst(), owner.getKey()).orElseThrow();
            List<String> values = new ArrayList<>();
            for (String v : items(s.get(owner.getKey()))) {
                values.add(setting.normalise(v)); // its IllegalArgumentException names the flag
            }
            if (values.isEmpty()) {
                throw new PlanException(setting.flag() + " is empty");
            }
            levels.put(owner.getKey(), distinct(values));
        }
        return levels;
    }

    /** The plan's settings in canonical form, for the metadata file; {@link #parse} reads them back. */
    public static Map<String, Object> toSettings(Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", plan.name());
        m.put("mode", plan.modes().stream().map(Mode::label).toList());
        m.put("ipc", plan.mechanisms().stream().map(Mechanism::name).toList());
        m.put("buffers", plan.bufferSizes());
        m.put("s", plan.socketBuffers().stream().map(b -> b ? "on" : "off").toList());
        m.put("pipe-size", plan.pipeSizes());
        m.put("cpus", plan.cpuSets().stream().map(c -> c.isEmpty() ? "any"
                : String.join(",", c.stream().map(String::valueOf).toList())).toList());
        m.put("fd-table", plan.sharedFdTables().stream().map(b -> b ? "shared" : "private").toList());
        m.put("trials", plan.trials());
        m.put("warmup", plan.warmup());
        m.put("total", plan.totalBytes() > 0 ? plan.totalBytes() : null);
        m.put("min-time", plan.minTimeMillis() > 0 ? plan.minTimeMillis() : null);
        m.put("seed", plan.seed());
        m.put("quiesce", plan.quiesceMillis());
        m.put("trial-timeout", plan.trialTimeoutSeconds());
        m.put("workload", plan.workloads());
        m.put("message-sizes", plan.messageSizes());
        if (plan.precision() > 0) {
            m.put("precision", percent(plan.precision()));
            m.put("max-trials", plan.maxTrials());
        }
        m.putAll(plan.settings()); // the mechanisms' settings the plan varies, if any
        return m;
    }

    /** A fraction as the percentage people typed: 0.02 is {@code 2%}, 1e-6 {@code 0.0001%}. */
    public static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(fraction * 100).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** --precision's default bound on the trials of a configuration. */
    public static final int DEFAULT_MAX_TRIALS = 50;

    /** {@code 2}, {@code 2.5} or {@code 2%} as a fraction (0.02); more than 0 and below 100. */
    private static double percentage(String option, String text) throws PlanException {
        String t = text.strip();
        t = t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t;
        if (!t.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new PlanException(option + ": '" + text + "' is not a percentage (e.g. 2 or 2.5%)");
        }
        double pct = Double.parseDouble(t);
        if (pct <= 0 || pct >= 100) {
            throw new PlanException(option + ": " + text + " must be more than 0 and below 100 (percent)");
        }
        return pct / 100;
    }

    private static <T> List<T> distinct(List<T> values) {
        return values.stream().distinct().toList();
    }

    private static List<Long> sizes(String option, String item, long max) throws PlanException {
        try {
            return Sizes.parseItem(item, max);
        } catch (IllegalArgumentException e) {
            throw new PlanException(option + ": " + e.getMessage());
        }
    }

    private static long positive(String option, List<Long> values) throws PlanException {
        if (values.size() != 1 || values.getFirst() < 1) {
            throw new PlanException(option + " takes one positive size");
        }
        return values.getFirst();
    }

    private static String one(Object value) throws PlanException {
        List<String> items = items(value);
        if (items.size() != 1) {
            throw new PlanException("expected one value, not " + items);
        }
        return items.getFirst();
    }

    private static int integer(String option, Object value) throws PlanException {
        long v = longValue(option, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new PlanException(option + ": " + v + " is out of range");
        }
        return (int) v;
    }

    private static long longValue(String option, Object value) throws PlanException {
        String text = one(value);
        try {
            return Numbers.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new PlanException(option + ": '" + text + "' is not a whole number (ASCII digits)");
        }
    }

    /** A value as its items: a list's elements, or a string split at commas. */
    static List<String> items(Object value) throws PlanException {
        if (value == null) {
            throw new PlanException("a setting has no value");
        }
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.addAll(items(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?>) {
            throw new PlanException("expected a value or a list, not a map: " + value);
        }
        for (String part : String.valueOf(value).split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static List<String> cpuSets(Object value) throws PlanException {
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(String.valueOf(value));
    }

    /** A CPU set: {@code any} (unpinned), or CPU numbers separated by commas or '+', receiver first. */
    private static List<Integer> cpus(String set) throws PlanException {
        String t = set.strip();
        if (t.isEmpty() || t.equals("any")) {
            return List.of();
        }
        List<Integer> cpus = new ArrayList<>();
        for (String c : t.split("[,+]")) {
            try {
                int cpu = Numbers.parseInt(c.strip());
                if (cpu < 0) {
                    throw new NumberFormatException();
                }
                cpus.add(cpu);
            } catch (NumberFormatException e) {
                throw new PlanException("--cpus: '" + set + "' is not a CPU set (like 0,1 or any)");
            }
        }
        return cpus;
    }
}
