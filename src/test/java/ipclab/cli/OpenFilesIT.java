package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bin/ipclab under a descriptor limit too low to run (ulimit -n in a subshell): one line saying
 * so, exit 71, before anything else can fail with a misleading cause.
 */
class OpenFilesIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"-B -q 2thread", "-B -q 2proc", "sweep --mode 2thread --trials 1", "trace 2thread",
            "report /nonexistent", "describe"})
    void aLowLimitIsDiagnosedFirst(String args) throws Exception {
        Path log = dir.resolve("log");
        String launcher = new File("bin/ipclab").getAbsolutePath();
        Process p = new ProcessBuilder(command(launcher, args))
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isEqualTo(ExitCodes.OS_ERROR);
        assertThat(out.strip()).isEqualTo("ipclab: needs at least 64 open files, the limit is 32 (RLIMIT_NOFILE;"
                + " raise it with ulimit -n 64 or more)");
    }

    private static List<String> command(String launcher, String args) {
        List<String> c = new java.util.ArrayList<>(List.of("sh", "-c", "ulimit -n 32 && exec \"$@\"", "sh", launcher));
        c.addAll(List.of(args.split(" ")));
        return c;
    }
}
