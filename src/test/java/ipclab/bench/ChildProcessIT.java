package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.IpclabProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The 2proc child is a second process on the same kernel object: it holds that object's writer
 * and its stdio (stdin being the control socket), nothing else of ours; and it does not outlive
 * a parent that is killed. What a process holds is the union of its threads' tables: the
 * benchmark threads have private copies (/proc/PID/task/TID/fd), the rest share /proc/PID/fd.
 */
class ChildProcessIT {
    @Test
    void childHoldsOnlyItsEndpointAndStdioAndDiesWithItsParent() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "-B", "-b", "32", "-t", "64g", "2proc");
        try {
            ProcessHandle child = IpclabProcess.awaitSendingChild(parent, 4 << 20);
            Map<String, Map<String, String>> childTables = tables(child.pid());
            Map<String, Map<String, String>> parentTables = tables(parent.pid());

            List<String> childPipes = kernelObjects(childTables, "pipe:");
            List<String> childSockets = kernelObjects(childTables, "socket:");
            assertThat(childPipes).as("child's pipes: only the benchmark's writer").hasSize(1);
            assertThat(childSockets).as("child's sockets: only the control socket on stdin").hasSize(1);
            assertThat(childTables.get(String.valueOf(child.pid())).get("0")).startsWith("socket:");
            // The same kernel object, not a second one reached by a name.
            assertThat(kernelObjects(parentTables, "pipe:")).contains(childPipes.getFirst());
            // The parent kept no copy of the writer: no table of the parent holds the pipe twice
            // (reader and writer); only its reader.
            for (Map<String, String> table : parentTables.values()) {
                assertThat(table.values().stream().filter(childPipes.getFirst()::equals).count()).isLessThanOrEqualTo(1);
            }

            parent.toHandle().destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 200 && child.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(child.isAlive()).as("child outlived its killed parent").isFalse();
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The distinct kernel objects of one kind that any of the tables holds. */
    private static List<String> kernelObjects(Map<String, Map<String, String>> tables, String kind) {
        return new ArrayList<>(tables.values().stream().flatMap(t -> t.values().stream())
                .filter(t -> t.startsWith(kind)).distinct().toList());
    }

    /** Thread id -> that thread's table. */
    private static Map<String, Map<String, String>> tables(long pid) throws IOException {
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                tables.put(task.getFileName().toString(), descriptors(task.resolve("fd")));
            }
        }
        return tables;
    }

    /** fd number -> what it points to (readlink of DIR/N). */
    private static Map<String, String> descriptors(Path dir) {
        Map<String, String> fds = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
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
        return fds;
    }
}
