package ipclab.experiment;

import ipclab.model.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The machine, OS, kernel and JVM a sweep ran on, for its metadata file and the report. */
public final class Machine {
    private Machine() {}

    /** A description, in fields named for the metadata file. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", Host.name());
        m.put("cpu_model", cpuModel());
        m.put("online_cpus", onlineCpusText());
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("memory_total", firstLine("/proc/meminfo", "MemTotal:"));
        m.put("os", osName());
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.vm.version"));
        m.put("clock", "CLOCK_MONOTONIC (System.nanoTime)");
        return m;
    }

    /** CPUs the kernel has online, from /sys; empty when that cannot be read. */
    public static Set<Integer> onlineCpus() {
        Set<Integer> cpus = new TreeSet<>();
        String text = onlineCpusText();
        if (text.isEmpty()) {
            return cpus;
        }
        for (String part : text.split(",")) {
            String[] ends = part.strip().split("-");
            try {
                int lo = Integer.parseInt(ends[0]);
                int hi = ends.length > 1 ? Integer.parseInt(ends[1]) : lo;
                for (int c = lo; c <= hi; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                return Set.of();
            }
        }
        return cpus;
    }

    public static String onlineCpusText() {
        return read("/sys/devices/system/cpu/online");
    }

    private static String cpuModel() {
        String line = firstLine("/proc/cpuinfo", "model name");
        return line.contains(":") ? line.substring(line.indexOf(':') + 1).strip() : line;
    }

    private static String osName() {
        String pretty = firstLine("/etc/os-release", "PRETTY_NAME=");
        if (!pretty.isEmpty()) {
            return pretty.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String firstLine(String file, String prefix) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().map(String::strip).orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
