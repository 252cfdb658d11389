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
 * a parent that is killed.
 */
class ChildProcessIT {
    @Test
    void childHoldsOnlyItsEndpointAndStdioAndDiesWithItsParent() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "-B", "-b", "32", "-t", "64g", "2proc");
        try {
            ProcessHandle child = IpclabProcess.awaitSendingChild(parent, 4 << 20);
            Map<String, String> childFds = descriptors(child.pid());
            Map<String, String> parentFds = descriptors(parent.pid());

            List<String> childPipes = kernelObjects(childFds, "pipe:");
            List<String> childSockets = kernelObjects(childFds, "socket:");
            assertThat(childPipes).as("child's pipes: only the benchmark's writer").hasSize(1);
            assertThat(childSockets).as("child's sockets: only the control socket on stdin").hasSize(1);
            assertThat(childFds.get("0")).startsWith("socket:");
            // The same kernel object, not a second one reached by a name.
            assertThat(parentFds.values()).contains(childPipes.getFirst());
            // The parent kept no copy of the writer: the pipe is open once in the parent (its reader).
            assertThat(parentFds.values().stream().filter(childPipes.getFirst()::equals)).hasSize(1);

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

    private static List<String> kernelObjects(Map<String, String> fds, String kind) {
        return new ArrayList<>(fds.values().stream().filter(t -> t.startsWith(kind)).toList());
    }

    /** fd number -> what it points to (readlink of /proc/PID/fd/N). */
    private static Map<String, String> descriptors(long pid) throws IOException {
        Map<String, String> fds = new TreeMap<>();
        try (Stream<Path> list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : list.toList()) {
                try {
                    fds.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    // closed while we listed
                }
            }
        }
        return fds;
    }
}
