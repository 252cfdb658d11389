package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's two commands on a machine that lacks things, from a fresh copy of the repository's
 * tracked files in a temporary folder: a PATH without mvn, then without bpftrace, then with a
 * stand-in for Maven and for apt-get (bin/test's install and skip paths, without installing
 * anything or running the suite again). The PATH is a folder of wrappers of the few tools the
 * scripts use, so what is missing is missing whatever this machine has installed.
 */
class FreshCloneIT {
    /** What bin/ipclab, bin/jdk.sh and bin/test call. */
    private static final List<String> BASE_TOOLS = List.of("bash", "sh", "dirname", "readlink", "sed", "find", "rm",
            "id", "cat", "env", "mkdir", "stty", "uname");

    @TempDir
    Path work;

    record Run(int code, String out, String err) {}

    /** The tracked files of this checkout, as a clone has them; no target/. */
    private Path freshClone() throws Exception {
        Path clone = Files.createDirectory(work.resolve("clone"));
        Process ls = new ProcessBuilder("git", "ls-files", "-z").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ls.waitFor()).as("git ls-files").isZero();
        for (String f : files.split("\0")) {
            if (f.isEmpty() || !Files.exists(Path.of(f))) {
                continue;
            }
            Path to = clone.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(Path.of(f), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return clone;
    }

    /** A PATH folder holding wrappers of {@code tools} (those this machine has) and the given scripts. */
    private Path path(String name, List<String> tools, Map<String, String> scripts) throws IOException {
        Path bin = Files.createDirectory(work.resolve(name));
        for (String tool : tools) {
            for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    // a wrapper, not a link: the temporary folder is removed without warnings
                    Path w = bin.resolve(tool);
                    Files.writeString(w, "#!/bin/sh\nexec " + p + " \"$@\"\n");
                    w.toFile().setExecutable(true);
                    break;
                }
            }
        }
        for (var e : scripts.entrySet()) {
            Path s = bin.resolve(e.getKey());
            Files.writeString(s, e.getValue());
            s.toFile().setExecutable(true);
        }
        return bin;
    }

    private static Run run(Path clone, Path pathDir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(clone.toFile());
        b.environment().put("PATH", pathDir.toString());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().remove("IPCLAB_REQUIRE_TOOLS");
        b.environment().remove("IPCLAB_NO_INSTALL");
        b.environment().putAll(env);
        Path out = Files.createTempFile("fresh", ".out");
        Path err = Files.createTempFile("fresh", ".err");
        Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void withoutMavenBothCommandsSayWhichPackageInOneLine() throws Exception {
        Path clone = freshClone();
        Path bin = path("bin-no-mvn", BASE_TOOLS, Map.of());
        Run ipclab = run(clone, bin, Map.of(), "bin/ipclab", "-B", "2thread");
        assertThat(ipclab.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(ipclab.err()).isEqualTo(
                "ipclab: building needs Maven (mvn), which is not on PATH: apt-get install maven\n");
        assertThat(ipclab.out()).isEmpty();
        Run test = run(clone, bin, Map.of(), "bin/test");
        assertThat(test.code()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(test.err()).isEqualTo(
                "bin/test: building needs Maven (mvn), which is not on PATH: apt-get install maven\n");
    }

    @Test
    void withoutBpftraceTraceNamesThePackage() throws Exception {
        Path clone = freshClone();
        // The jar this build made, newer than the sources, so that the launcher does not build.
        Path target = Files.createDirectories(clone.resolve("target/lib"));
        try (var libs = Files.list(Path.of("target/lib"))) {
            for (Path lib : libs.toList()) {
                Files.copy(lib, target.resolve(lib.getFileName()));
            }
        }
        Files.copy(Path.of("target/ipclab.jar"), clone.resolve("target/ipclab.jar"));
        Path bin = path("bin-no-bpftrace", BASE_TOOLS, Map.of());
        Run r = run(clone, bin, Map.of(), "bin/ipclab", "trace", "-B", "2thread");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).isEqualTo("ipclab: bpftrace is not installed: apt-get install bpftrace\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void binTestNamesEachSkippedGroupAndItsPackage() throws Exception {
        Path clone = freshClone();
        Path bin = path("bin-fake-mvn", BASE_TOOLS, Map.of("mvn", "#!/bin/sh\necho \"fake mvn $*\"\n"));
        Run r = run(clone, bin, Map.of("IPCLAB_NO_INSTALL", "1"), "bin/test");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("fake mvn -B --no-transfer-progress -Dstyle.color=never verify");
        String skipped = "bin/test: skipped the bpftrace tracing tests (apt-get install bpftrace); the system-call"
                + " pattern and failure tests (apt-get install strace); the perf tracer tests (apt-get install"
                + " linux-perf); the HTML report rendering tests (apt-get install chromium)";
        assertThat(lines.getLast()).startsWith(skipped);
        assertThat(lines).hasSize(2);
        assertThat(r.err()).doesNotContain("installing");
        // CI: no skip line, the tests themselves fail for a missing tool
        Run ci = run(clone, bin, Map.of("IPCLAB_NO_INSTALL", "1", "IPCLAB_REQUIRE_TOOLS", "1"), "bin/test");
        assertThat(ci.out().lines().toList()).hasSize(1);
    }

    @Test
    void binTestAsRootInstallsWhatIsMissingSayingWhat() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipclab.trace.ToolRequirementAccess.uid() == 0,
                "bin/test installs only as root");
        Path clone = freshClone();
        Path log = work.resolve("apt.log");
        Path bin = path("bin-fake-apt", BASE_TOOLS, Map.of(
                "mvn", "#!/bin/sh\necho \"fake mvn\"\n",
                "apt-get", "#!/bin/sh\necho \"$*\" >> " + log + "\n"));
        Run r = run(clone, bin, Map.of(), "bin/test");
        assertThat(r.code()).as(r.err()).isZero();
        // jupyter-nbconvert is not on the stand-in PATH; the Python modules are looked for in
        // Debian's /usr/bin/python3, so they are missing only where this machine lacks them
        StringBuilder want = new StringBuilder("bpftrace strace linux-perf chromium jupyter-nbconvert");
        for (String module : List.of("ipykernel", "pandas", "matplotlib")) {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                want.append(" python3-").append(module);
            }
        }
        assertThat(r.err()).startsWith("bin/test: installing " + want + " with apt-get, for the"
                + " tests that need them (IPCLAB_NO_INSTALL=1 skips this)\n");
        assertThat(Files.readAllLines(log)).containsExactly("update -qq",
                "install -y -qq --no-install-recommends " + want);
        // the stand-in installed nothing: the groups are still named as skipped
        assertThat(r.out().lines().toList().getLast()).startsWith("bin/test: skipped the bpftrace tracing tests");
    }
}
