package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ipclab.cli.Cli;
import ipclab.cli.IpclabProcess;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.ipc.Settings;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code -i mq}: the contract at sizes a queue takes, plus what a message queue adds: the depth
 * and size it was granted (exactly those asked), its refusals, the calls strace sees, a name that
 * never outlives the run (checked in a private mount of the mqueue file system, where every
 * queue of this IPC namespace is listed), and a 2proc child that holds only its end and does not
 * outlive a parent killed with SIGKILL, though a queue has no end of file to tell it.
 */
class MqIT extends IpcContract {
    private static Path mqueue;

    @Override
    Mechanism type() {
        return Mechanisms.require("mq");
    }

    /** 32 B, 4 KiB, and the largest message the kernel allows (msgsize_max: 8 KiB by default). */
    @Override
    int[] contractSizes() {
        return new int[] {32, 4096, (int) Math.min(65536, type().maxMessageBytes())};
    }

    /** The queues of this IPC namespace, as a mount of the mqueue file system shows them; null where it cannot be mounted. */
    @BeforeAll
    static void mountMqueue() throws Exception {
        Path dir = Files.createTempDirectory("ipclab-mqueue-");
        Process p = new ProcessBuilder("mount", "-t", "mqueue", "none", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
            mqueue = dir;
        } else {
            Files.delete(dir);
        }
    }

    @AfterAll
    static void unmountMqueue() throws Exception {
        if (mqueue != null) {
            new ProcessBuilder("umount", mqueue.toString()).start().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(mqueue);
        }
    }

    private static List<String> queuesOf(long pid) throws IOException {
        try (Stream<Path> names = Files.list(mqueue)) {
            return names.map(n -> n.getFileName().toString()).filter(n -> n.startsWith("ipclab-" + pid + "-")).toList();
        }
    }

    @Test
    void grantsAreWhatWasAskedAndNoQueueIsLeft() throws Exception {
        BenchConfig c = config(Mode.TWO_PROC, 4096, 1 << 20).withSettings(Settings.of(type(), Map.of("mq-depth", "3")));
        Sample s = runOnce(c);
        assertThat(s.bytes()).isEqualTo(1 << 20);
        assertThat(s.writes()).isEqualTo(256);
        assertThat(s.reads()).isEqualTo(256);
        assertThat(s.granted().get("mq_maxmsg")).isEqualTo(3L);
        assertThat(s.granted().get("mq_msgsize_bytes")).isEqualTo(4096L);
        assertThat(s.granted().get("pipe_capacity_bytes")).isEqualTo(-1L);
        assertThat(s.config().settings().text()).isEqualTo("mq-depth=3");
        assumeThat(mqueue).as("the mqueue file system cannot be mounted here").isNotNull();
        assertThat(queuesOf(ProcessHandle.current().pid())).as("queues left by this JVM").isEmpty();
    }

    @Test
    void aMessageOverMsgsizeMaxIsAUsageErrorNamingTheFile() {
        long max = type().maxMessageBytes();
        assertThat(usageError("-i", "mq", "-b", Long.toString(max * 2), "-t", Long.toString(max * 2), "2thread"))
                .isEqualTo("ipclab: -i mq: -b " + max * 2 + " is over /proc/sys/fs/mqueue/msgsize_max (" + max
                        + "), the largest message a queue may take");
    }

    @Test
    void aDepthOverMsgMaxIsAUsageErrorNamingTheFile() throws Exception {
        long max; // read as a stream: Files.readString sizes its read by procfs's size of 0, one byte
        try (var in = Files.newInputStream(Path.of("/proc/sys/fs/mqueue/msg_max"))) {
            max = Long.parseLong(new String(in.readAllBytes()).strip());
        }
        assertThat(usageError("-i", "mq", "-b", "4k", "--mq-depth", Long.toString(max + 1), "2thread"))
                .isEqualTo("ipclab: -i mq: --mq-depth " + (max + 1) + " is over /proc/sys/fs/mqueue/msg_max (" + max
                        + "), the deepest queue allowed");
        assertThat(usageError("-i", "pipe", "--mq-depth", "2", "2thread"))
                .isEqualTo("ipclab: --mq-depth applies to -i mq, not -i pipe");
        assertThat(usageError("-i", "mq", "-b", "4k", "--mq-depth", "0", "2thread"))
                .isEqualTo("ipclab: --mq-depth must be 1..65536, not 0");
    }

    /** RLIMIT_MSGQUEUE below one queue's bytes: mq_open fails with EMFILE, named with what was asked (71). */
    @Test
    void theKernelsRefusalNamesTheCallAndErrno() throws Exception {
        IpclabProcess.Result r = IpclabProcess.runUnder(List.of("prlimit", "--msgqueue=1000"), "-B", "-i", "mq", "-b",
                "4k", "-t", "1m", "2thread");
        assertThat(r.code()).as(r.err()).isEqualTo(71);
        assertThat(r.err().lines().toList()).containsExactly(
                "ipclab: mq_open(O_CREAT, mq_maxmsg 10, mq_msgsize 4096): Too many open files (EMFILE)");
    }

    /** strace: the queue made O_CREAT|O_EXCL and unlinked, then exactly total/buffer sends of a buffer each. */
    @Test
    void straceSeesTheQueueMadeUnlinkedAndOneSendPerMessage() throws Exception {
        boolean present = ipclab.trace.Tools.find("strace").isPresent();
        if (System.getenv("IPCLAB_REQUIRE_TOOLS") != null) {
            assertThat(present).as("strace is required (IPCLAB_REQUIRE_TOOLS) but missing").isTrue();
        }
        assumeThat(present).as("strace is not installed").isTrue();
        Path out = Files.createTempFile("ipclab-mq-strace", ".txt");
        Process p = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=mq_open,mq_unlink,mq_timedsend,mq_timedreceive",
                "-e", "signal=none", "-o", out.toString(), "bin/ipclab", "-B", "-q", "-i", "mq", "-b", "4096", "-t", "1m",
                "2thread").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        Matcher made = lines.stream().map(Pattern.compile(
                "mq_open\\(\"(ipclab-\\d+-[0-9a-f]+)\", O_RDONLY\\|O_CREAT\\|O_EXCL\\|O_CLOEXEC, 0600, \\{mq_flags=0, mq_maxmsg=10, mq_msgsize=4096, mq_curmsgs=0\\}\\) = (\\d+)")::matcher)
                .filter(Matcher::find).reduce((first, last) -> last).orElseThrow();
        String name = made.group(1);
        int at = lines.indexOf(lines.stream().filter(l -> l.contains("mq_open(\"" + name + "\", O_RDONLY")).findFirst()
                .orElseThrow());
        List<String> after = lines.subList(at, lines.size());
        assertThat(after).anyMatch(l -> l.matches(".*mq_open\\(\"" + name + "\", O_WRONLY\\|O_CLOEXEC\\) = \\d+"));
        assertThat(after).anyMatch(l -> l.matches(".*mq_unlink\\(\"" + name + "\"\\) += 0"));
        // Every message of the run (the warm-up is off with -B): 256 sends of 4096 bytes, 256 receives.
        // The primes (on descriptor -1, EBADF) are left out. A call that blocks shows as "mq_...(<arguments known at entry> <unfinished ...>", its
        // result on a "<... mq_... resumed>" line with the arguments known at exit.
        assertThat(after.stream().filter(l -> l.matches(".* mq_timedsend\\(\\d+, .*, 4096, 0, \\{tv_sec=\\d+, tv_nsec=\\d+\\}.*")))
                .hasSize((1 << 20) / 4096);
        assertThat(after.stream().filter(l -> l.matches(".*mq_timedsend.*\\) += 0$"))).hasSize((1 << 20) / 4096);
        assertThat(after.stream().filter(l -> l.contains(" mq_timedreceive(") && !l.contains("(-1,"))).hasSize((1 << 20) / 4096);
        assertThat(after.stream().filter(l -> l.matches(".*mq_timedreceive.*, 4096, NULL, \\{tv_sec=\\d+, tv_nsec=\\d+\\}\\) += 4096$")))
                .hasSize((1 << 20) / 4096);
    }

    /**
     * The child holds one descriptor of the queue (its end) besides its stdio; after SIGKILL of the
     * parent no name is left and the child, blocked on a queue nobody reads, ends within the
     * transfer's quiet deadline.
     */
    @Test
    void childHoldsOnlyItsEndAndNothingSurvivesKillOfTheParent() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        Process parent = IpclabProcess.start(out, err, "-B", "-i", "mq", "-b", "32", "-t", "64g", "2proc");
        try {
            ProcessHandle child = awaitSender(parent);
            String queue = "ipclab-" + parent.pid() + "-";
            List<String> childQueues = links(child.pid()).stream().filter(l -> l.contains(queue)).distinct().toList();
            assertThat(childQueues).as("the child's queue descriptors: its end only").hasSize(1);
            List<String> childSockets = links(child.pid()).stream().filter(l -> l.startsWith("socket:")).distinct().toList();
            assertThat(childSockets).as("the child's sockets: the control socket only").hasSize(1);
            if (mqueue != null) {
                assertThat(queuesOf(parent.pid())).as("the queue's name, while both ends hold it").isEmpty();
            }
            parent.toHandle().destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 600 && child.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(child.isAlive()).as("child outlived its killed parent by 30 s").isFalse();
            if (mqueue != null) {
                assertThat(queuesOf(parent.pid())).as("queues left by the killed run").isEmpty();
            }
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The 2proc child once its ipclab-sender thread runs, and a moment more, so it is mid-transfer. */
    static ProcessHandle awaitSender(Process launcher) throws Exception {
        for (int i = 0; i < 1200; i++) {
            var child = launcher.descendants().filter(h -> h.info().arguments().map(List::of).orElse(List.of())
                    .contains("ipclab.bench.SenderProcess")).findFirst();
            // The run's child, not the child of a training run that builds the AOT cache first.
            if (child.isPresent() && child.get().parent().flatMap(p -> p.info().arguments()).map(List::of)
                    .orElse(List.of()).contains("64g") && threadNames(child.get().pid()).contains("ipclab-sender")) {
                Thread.sleep(500);
                return child.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the 2proc child never started sending");
    }

    private static List<String> threadNames(long pid) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    names.add(Files.readString(t.resolve("comm")).strip());
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return names;
    }

    /** What every descriptor of every thread's table of {@code pid} points to. */
    static List<String> links(long pid) throws IOException {
        List<String> links = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try (Stream<Path> fds = Files.list(task.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        try {
                            links.add(Files.readSymbolicLink(fd).toString());
                        } catch (IOException gone) {
                            // closed while listed
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return links;
    }

    static String usageError(String... args) {
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as(String.join(" ", args) + ": " + err).isEqualTo(64);
        return err.toString().lines().findFirst().orElseThrow();
    }
}
