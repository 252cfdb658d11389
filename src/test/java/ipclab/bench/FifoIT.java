package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ipclab.cli.Cli;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code -i fifo}: the contract, plus what a named pipe adds (a name that must not outlive the run). */
class FifoIT extends IpcContract {
    @Override
    Mechanism type() {
        return Mechanisms.require("fifo");
    }

    @Test
    void pipeSizeAppliesAndTheNameIsGone() throws Exception {
        Set<String> before = leftovers();
        Sample s = runOnce(new BenchConfig(Mode.TWO_PROC, type(), 4096, 1 << 20, 0, false, 1 << 20, true,
                List.of()));
        assertThat(s.bytes()).isEqualTo(1 << 20);
        assertThat(s.granted().get("pipe_capacity_bytes")).isEqualTo(1L << 20);
        assertThat(s.granted().get("sndbuf_bytes")).isEqualTo(-1L);
        // Other ipclab processes (a test run beside this one) make and remove their own names:
        // what this run left would stay, theirs go within moments.
        Set<String> left = new HashSet<>(leftovers());
        left.removeAll(before);
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(20);
            left.retainAll(leftovers());
        }
        assertThat(left).as("FIFO folders left behind").isEmpty();
    }

    @Test
    void socketBuffersAreAUsageError() {
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"-i", "fifo", "-s", "2thread"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(64);
        assertThat(err.toString().lines().findFirst().orElseThrow())
                .isEqualTo("ipclab: -s sets socket buffer sizes: use it with -i local, -i tcp, -i udp, -i local-seqpacket or -i local-dgram, not fifo");
    }

    /** strace: the writer opens the name, and makes exactly total/buffer writes of a buffer each. */
    @Test
    void straceSeesTheNameOpenedAndBufferSizedWrites() throws Exception {
        // Looked for on PATH: starting a missing program throws instead of failing.
        boolean present = ipclab.trace.Tools.find("strace").isPresent();
        if (System.getenv("IPCLAB_REQUIRE_TOOLS") != null) {
            assertThat(present).as("strace is required (IPCLAB_REQUIRE_TOOLS) but missing").isTrue();
        }
        assumeThat(present).as("strace is not installed").isTrue();
        Path out = Files.createTempFile("ipclab-fifo-strace", ".txt");
        Process p = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=openat,write,unlink,unlinkat", "-e", "signal=none",
                "-o", out.toString(), "bin/ipclab", "-B", "-q", "-i", "fifo", "-b", "4096", "-t", "1m", "2thread")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        Matcher opened = lines.stream().map(Pattern.compile("openat\\(AT_FDCWD, \"([^\"]*/fifo)\", O_WRONLY\\|O_CLOEXEC\\) = (\\d+)")::matcher)
                .filter(Matcher::find).reduce((first, last) -> last).orElseThrow(); // the last: a first run also trains the AOT cache
        String fd = opened.group(2);
        // strace -f splits a call that another thread's call interrupts into "<unfinished ...>"
        // and "<... write resumed>": count the calls as they start, each whole or unfinished
        long writes = lines.stream()
                .filter(l -> l.matches(".*write\\(" + fd + ", .*, 4096(\\) += 4096| <unfinished \\.\\.\\.>)")).count();
        assertThat(writes).isEqualTo((1 << 20) / 4096);
        assertThat(lines).anyMatch(l -> l.matches(".*unlink(at)?\\((AT_FDCWD, )?\"" + Pattern.quote(opened.group(1)) + "\".*= 0"));
    }

    private static Set<String> leftovers() {
        String[] left = new File(System.getProperty("java.io.tmpdir")).list((d, n) -> n.startsWith("ipclab-fifo-"));
        return left == null ? Set.of() : Set.of(left);
    }
}
