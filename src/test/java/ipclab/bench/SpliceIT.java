package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ipclab.cli.IpclabProcess;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.ipc.Settings;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * {@code -i splice}: the contract (read(2) receiving), the same with {@code --splice-receiver},
 * the pipe sized to the block, the calls strace sees on both sides, the latency workload refused,
 * and a 2proc child that holds its pipe end only (not the receiver's /dev/null).
 */
class SpliceIT extends IpcContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("splice");
    }

    private BenchConfig splicing(Mode mode, int buffer, long total) {
        return config(mode, buffer, total).withSettings(Settings.of(type(), Map.of("splice-receiver", "true")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theSplicingReceiverMovesExactlyTotalBytes(Mode mode) throws Exception {
        for (int buffer : new int[] {32, 4096, 65536, 1 << 20}) {
            long total = 20L * buffer;
            Sample s = runOnce(splicing(mode, buffer, total));
            assertThat(s.bytes()).isEqualTo(total);
            assertThat(s.config().settings().text()).isEqualTo("splice-receiver=true");
            if (mode != Mode.ONE_THREAD) {
                assertThat(s.writes()).as("sends at %d", buffer).isEqualTo(20);
            }
        }
    }

    @Test
    void thePipeIsSizedToTheBlock() throws Exception {
        assertThat(runOnce(config(Mode.TWO_THREAD, 65536, 1 << 20)).granted().get("pipe_capacity_bytes"))
                .isEqualTo(65536L);
        assertThat(runOnce(config(Mode.TWO_THREAD, 3 * 4096, 30 * 4096)).granted().get("pipe_capacity_bytes"))
                .isEqualTo(8192L);
        assertThat(runOnce(config(Mode.TWO_THREAD, 32, 3200)).granted().get("pipe_capacity_bytes")).isEqualTo(4096L);
    }

    @Test
    void latencyAndPipeSizeAreUsageErrors() {
        assertThat(MqIT.usageError("latency", "-i", "splice", "2thread"))
                .isEqualTo("ipclab: -i splice cannot carry the latency workload: it carries stream");
        assertThat(MqIT.usageError("-i", "splice", "--pipe-size", "1m", "2thread"))
                .startsWith("ipclab: --pipe-size sets a pipe's capacity: use it with -i pipe or -i fifo, not splice");
    }

    /** strace: vmsplice of at most a block per call, the whole total in all; read(2) or splice(2) to /dev/null out. */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"TWO_THREAD", "TWO_PROC"})
    void straceSeesVmspliceInAndReadOrSpliceOut(Mode mode) throws Exception {
        boolean present = ipclab.trace.Tools.find("strace").isPresent();
        if (System.getenv("IPCLAB_REQUIRE_TOOLS") != null) {
            assertThat(present).as("strace is required (IPCLAB_REQUIRE_TOOLS) but missing").isTrue();
        }
        assumeThat(present).as("strace is not installed").isTrue();
        for (boolean splices : new boolean[] {false, true}) {
            List<String> lines = strace(mode, splices);
            long total = 1 << 20;
            // A call that blocks shows as "call(<arguments> <unfinished ...>" and its result on a
            // "<... call resumed>" line; the primes (descriptor -1) fail with EBADF and add nothing.
            Pattern entered = Pattern.compile("vmsplice\\((\\d+), \\[\\{iov_base=.*, iov_len=(\\d+)\\}\\], 1, 0");
            Pattern given = Pattern.compile("(vmsplice\\(\\d+, .*, 1, 0|<\\.\\.\\. vmsplice resumed>)\\)\\s+= (\\d+)$");
            long vmspliced = 0;
            for (String l : lines) {
                Matcher e = entered.matcher(l);
                if (e.find() && !e.group(1).equals("-1")) {
                    assertThat(Long.parseLong(e.group(2))).as(l).isLessThanOrEqualTo(65536);
                }
                Matcher m = given.matcher(l);
                if (m.find()) {
                    vmspliced += Long.parseLong(m.group(2));
                }
            }
            assertThat(vmspliced).as("bytes vmspliced").isEqualTo(total);
            Pattern received = splices
                    ? Pattern.compile("(\\ssplice\\(\\d+, NULL, \\d+, NULL, \\d+, 0|<\\.\\.\\. splice resumed>)\\)\\s+= (\\d+)$")
                    : Pattern.compile("(\\sread\\(\\d+, |<\\.\\.\\. read resumed>)\".*\"\\.*, 65536\\)\\s+= (\\d+)$");
            long out = 0;
            for (String l : lines) {
                Matcher m = received.matcher(l);
                if (m.find()) {
                    out += Long.parseLong(m.group(2));
                }
            }
            if (splices) {
                assertThat(out).as("bytes spliced to /dev/null").isEqualTo(total);
                assertThat(lines).anyMatch(l -> l.contains("openat(AT_FDCWD, \"/dev/null\", O_WRONLY|O_CLOEXEC)"));
            } else {
                assertThat(out).as("bytes read into 64 KiB (the pipe's, and any of the JVM's of that size)")
                        .isGreaterThanOrEqualTo(total);
            }
        }
    }

    private static List<String> strace(Mode mode, boolean splices) throws Exception {
        Path out = Files.createTempFile("ipclab-splice-strace", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of("strace", "-f", "-qq", "-e",
                "trace=vmsplice,splice,read,openat", "-e", "signal=none", "-o", out.toString(), "bin/ipclab", "-B", "-q",
                "-i", "splice", "-b", "64k", "-t", "1m", mode.label()));
        if (splices) {
            command.add(command.size() - 1, "--splice-receiver");
        }
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        return lines;
    }

    /** The child holds its pipe end and the control socket, not the receiver's /dev/null. */
    @Test
    void childHoldsOnlyItsEnd() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "-B", "-i", "splice", "--splice-receiver", "-b", "4k", "-t", "64g",
                "2proc");
        try {
            ProcessHandle child = MqIT.awaitSender(parent);
            List<String> links = MqIT.links(child.pid());
            assertThat(links.stream().filter(l -> l.startsWith("pipe:")).distinct()).as("child's pipes").hasSize(1);
            assertThat(links.stream().filter(l -> l.startsWith("socket:")).distinct()).as("child's sockets").hasSize(1);
            List<String> parentLinks = MqIT.links(parent.pid());
            assertThat(parentLinks).as("the receiver's sink").contains("/dev/null");
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
}
