package ipclab.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration as versioned text, {@code key=value} lines after a {@link #VERSION} line: what
 * the parent sends the 2proc child for each run, so the child runs exactly the record the CLI
 * built. Extra lines carry what the run adds to the configuration (warm-up, probes).
 */
public final class ConfigText {
    public static final String VERSION = "ipclab-config/1";

    /** A configuration read back, with the extra lines that came with it. */
    public record Parsed(BenchConfig config, Map<String, String> extra) {
        public boolean flag(String key) {
            return Boolean.parseBoolean(extra.getOrDefault(key, "false"));
        }
    }

    private ConfigText() {}

    public static String format(BenchConfig config, Map<String, String> extra) {
        StringBuilder b = new StringBuilder(VERSION).append('\n');
        ConfigFields.values(config).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        extra.forEach((k, v) -> {
            if (v.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(k + " holds a line break");
            }
            b.append(k).append('=').append(v).append('\n');
        });
        return b.toString();
    }

    /** Reads {@link #format}'s text; IllegalArgumentException for another version or a bad field. */
    public static Parsed parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(VERSION)) {
            throw new IllegalArgumentException("not " + VERSION + " text: " + (lines.length == 0 ? "" : lines[0]));
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not key=value: " + lines[i]);
            }
            all.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
        }
        BenchConfig config = ConfigFields.parse(all::get);
        Map<String, String> extra = new LinkedHashMap<>(all);
        ConfigFields.NAMES.forEach(extra::remove);
        return new Parsed(config, extra);
    }
}
