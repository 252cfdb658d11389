package ipclab.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure parsers for the kernel's text files; each has canned-file tests. */
public final class ProcParsers {
    private ProcParsers() {}

    /** The value of the first {@code key : value} line of /proc/cpuinfo with that key. */
    public static Optional<String> cpuinfoField(String cpuinfo, String key) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** Whether the first CPU's {@code flags} line of /proc/cpuinfo has {@code flag}. */
    public static boolean cpuinfoHasFlag(String cpuinfo, String flag) {
        return cpuinfoField(cpuinfo, "flags").map(f -> List.of(f.split("\\s+")).contains(flag)).orElse(false);
    }

    /** A {@code Name:   1234 kB} line of /proc/meminfo (or of status, smaps) in bytes. */
    public static Optional<Long> kibField(String text, String key) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                String[] value = line.substring(colon + 1).strip().split("\\s+");
                try {
                    long n = Long.parseLong(value[0]);
                    return Optional.of(value.length > 1 && value[1].equalsIgnoreCase("kB") ? n * 1024 : n);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A {@code Name:\tvalue} line of /proc/<pid>/status, as text. */
    public static Optional<String> statusField(String status, String key) {
        return cpuinfoField(status, key);
    }

    /** {@code PRETTY_NAME="Debian GNU/Linux 13"} of /etc/os-release, unquoted. */
    public static Optional<String> osReleaseField(String osRelease, String key) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith(key + "=")) {
                String v = line.substring(key.length() + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** A sysfs cache size such as {@code 32K}, {@code 1024K} or {@code 8M}, in bytes. */
    public static Optional<Long> cacheSize(String text) {
        String s = text.strip();
        long unit = 1;
        if (s.endsWith("K")) {
            unit = 1024;
        } else if (s.endsWith("M")) {
            unit = 1024 * 1024;
        } else if (s.endsWith("G")) {
            unit = 1024L * 1024 * 1024;
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            return Optional.of(Long.parseLong(digits) * unit);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whitespace-separated integers, as in tcp_rmem ({@code 4096 131072 6291456}). */
    public static Optional<List<Long>> longs(String text) {
        List<Long> values = new ArrayList<>();
        for (String part : text.strip().split("\\s+")) {
            try {
                values.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** One integer, or empty. */
    public static Optional<Long> longValue(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
