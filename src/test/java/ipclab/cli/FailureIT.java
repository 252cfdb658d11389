package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Failures as a user meets them, through the real launcher: the kernel refusing set-up (71), the
 * transfer failing because the 2proc child was killed (74), and no JDK 25 to be found (69).
 * Always one line on stderr, never a stack trace.
 */
class FailureIT {
    private static void assertOneLine(String err, String expected) {
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).startsWith("ipclab: ").contains(expected).doesNotContain("Exception");
    }

    @Test
    void busyPortIsRefusedByTheKernel() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var r = IpclabProcess.run("-B", "-i", "tcp", "-p", String.valueOf(busy.getLocalPort()), "2thread");
            assertThat(r.code()).isEqualTo(ExitCodes.OS_ERROR);
            assertThat(r.out()).isEmpty();
            assertOneLine(r.err(), "bind: Address already in use (EADDRINUSE)");
        }
    }

    /**
     * A seccomp profile that refuses unshare(2) (as some container runtimes have), played by
     * strace's fault injection: 1thread and 2proc (whose child refuses it too) end with 71 and
     * the way out; with --shared-fd-table the same run succeeds.
     */
    @Test
    void refusedUnshareNamesTheCallAndTheWayOut() throws Exception {
        // Looked for on PATH: starting a missing program throws instead of failing.
        boolean present = ipclab.trace.Tools.find("strace").isPresent();
        if (System.getenv("IPCLAB_REQUIRE_TOOLS") != null) {
            assertThat(present).as("strace is required (IPCLAB_REQUIRE_TOOLS) but missing").isTrue();
        }
        org.assertj.core.api.Assumptions.assumeThat(present).as("strace is not installed").isTrue();
        var refuseUnshare = java.util.List.of("strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=unshare",
                "-e", "inject=unshare:error=EPERM");
        for (String mode : new String[] {"1thread", "2proc"}) {
            var r = IpclabProcess.runUnder(refuseUnshare, "-B", "-b", "4k", "-t", "64k", mode);
            assertThat(r.code()).as(mode).isEqualTo(ExitCodes.OS_ERROR);
            assertOneLine(r.err(), "unshare(CLONE_FILES) (--shared-fd-table runs without it): "
                    + "Operation not permitted (EPERM)");
            var shared = IpclabProcess.runUnder(refuseUnshare, "-B", "-b", "4k", "-t", "64k", "--shared-fd-table", mode);
            assertThat(shared.code()).as(mode + " --shared-fd-table").isZero();
            assertThat(shared.out()).endsWith(" KBytes/sec\n");
        }
    }

    @Test
    void pipeLargerThanTheKernelAllowsIsRefused() throws Exception {
        var r = IpclabProcess.run("-B", "--pipe-size", "1g", "-t", "1m", "2thread");
        assertThat(r.code()).isEqualTo(ExitCodes.OS_ERROR);
        assertOneLine(r.err(), "fcntl(F_SETPIPE_SZ, 1073741824): Operation not permitted (EPERM)");
    }

    @Test
    void tooManyOpenFilesNamesTheCall() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle getrlimit = linker.downcallHandle(linker.defaultLookup().findOrThrow("getrlimit"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        MethodHandle setrlimit = linker.downcallHandle(linker.defaultLookup().findOrThrow("setrlimit"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        int rlimitNofile = 7;
        StringWriter err = new StringWriter();
        int code;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment saved = arena.allocate(16);
            MemorySegment low = arena.allocate(16);
            assertThat((int) getrlimit.invokeExact(rlimitNofile, saved)).isZero();
            // Load and link everything first, the failure path included: with no descriptor to
            // spare, the JVM cannot open a library or a class file (the tests run from a folder).
            Cli.run(new String[] {"-B", "-q", "-b", "4k", "-t", "64k", "2thread"}, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                assertThat(Cli.run(new String[] {"-B", "-i", "tcp", "-p", String.valueOf(busy.getLocalPort()),
                    "2thread"}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                        .isEqualTo(ExitCodes.OS_ERROR);
            }
            // The soft limit bounds descriptor numbers: at the lowest free one (which socket(2)
            // returns), no new descriptor can be made.
            int lowestFree = ipclab.sys.Sockets.socket(ipclab.sys.Sockets.AF_UNIX, ipclab.sys.Sockets.SOCK_STREAM, 0);
            ipclab.sys.Io.close(lowestFree);
            low.set(ValueLayout.JAVA_LONG, 0, lowestFree);
            low.set(ValueLayout.JAVA_LONG, 8, saved.get(ValueLayout.JAVA_LONG, 8));
            assertThat((int) setrlimit.invokeExact(rlimitNofile, low)).isZero();
            try {
                code = Cli.run(new String[] {"-B", "-b", "4k", "-t", "64k", "2thread"}, new PrintWriter(new StringWriter()),
                        new PrintWriter(err, true));
            } finally {
                assertThat((int) setrlimit.invokeExact(rlimitNofile, saved)).isZero();
            }
        }
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OS_ERROR);
        assertOneLine(err.toString(), "pipe2: Too many open files (EMFILE)");
    }

    @Test
    void killedChildFailsTheRunAtOnceAndIsReaped() throws Exception {
        Path out = Files.createTempFile("ipclab", ".out");
        Path err = Files.createTempFile("ipclab", ".err");
        // 32-byte writes of 64 GiB: far longer than the test waits.
        Process p = IpclabProcess.start(out, err, "-B", "-b", "32", "-t", "64g", "2proc");
        ProcessHandle child = IpclabProcess.awaitSendingChild(p, 8 << 20);
        child.destroyForcibly();
        long killedAt = System.nanoTime();
        // A hang guard, not a timing assertion: the receiver sees end of file at once.
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("parent ended after the child was killed").isTrue();
        long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertThat(p.exitValue()).isEqualTo(ExitCodes.IO_ERROR);
        String message = Files.readString(err);
        assertOneLine(message, "killed by signal 9");
        assertThat(child.isAlive()).isFalse();
        assertThat(p.descendants().count()).isZero();
        System.err.println("FailureIT: parent ended " + tookMillis + " ms after the child was killed: " + message);
    }

    @Test
    void noJdk25IsOneActionableLine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/ipclab", "2thread");
        pb.environment().put("JAVA_HOME", "/nonexistent");
        pb.environment().put("IPCLAB_JDK_SEARCH", "/nonexistent/*");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(text.lines().toList()).hasSize(1);
        assertThat(text).contains("needs a JDK 25").contains("JAVA_HOME");
    }
}
