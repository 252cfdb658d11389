package ipclab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a process holds: each thread's descriptor table (/proc/PID/task/TID/fd; the benchmark
 * threads have private copies), as fd number -> readlink target, and a descriptor's fdinfo.
 */
final class ChildTables {
    private ChildTables() {}

    /** Thread id -> that thread's table. */
    static Map<String, Map<String, String>> of(long pid) throws IOException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                Map<String, String> fds = new TreeMap<>();
                try (Stream<Path> list = Files.list(task.resolve("fd"))) {
                    for (Path fd : list.toList()) {
                        try {
                            fds.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
                        } catch (IOException gone) {
                            // closed while we listed
                        }
                    }
                } catch (IOException threadGone) {
                    // the thread ended while we listed
                }
                tables.put(task.getFileName().toString(), fds);
            }
        }
        return tables;
    }

    /** The distinct targets of one kind ({@code socket:}, {@code anon_inode:[eventfd]}) any table holds. */
    static List<String> objects(Map<String, Map<String, String>> tables, String kind) {
        return new ArrayList<>(tables.values().stream().flatMap(t -> t.values().stream())
                .filter(t -> t.startsWith(kind)).distinct().toList());
    }

    /** One line of /proc/PID/task/TID/fdinfo/FD ({@code eventfd-id}), or null. */
    static String fdinfo(long pid, String tid, String fd, String key) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/task/" + tid + "/fdinfo/" + fd)).stream()
                    .filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).strip())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
