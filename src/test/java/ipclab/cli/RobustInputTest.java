package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or unlucky input on the command line and in plan files: one escaped line and the documented code. */
class RobustInputTest {
    @TempDir
    Path dir;

    private static void assertRefused(CliRunner r, int code, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).startsWith("ipclab: ").contains(fragments).doesNotContain("\tat ", "Exception");
    }

    @Test
    void onlyAsciiDigitsAreNumbers() {
        assertRefused(CliRunner.run("-b", "٤k", "-B", "2thread"), ExitCodes.USAGE, "'٤k' is not a size");
        assertRefused(CliRunner.run("-n", "٤", "-B", "2thread"), ExitCodes.USAGE, "'٤' is not an int");
        assertRefused(CliRunner.run("-p", "١٠١٤١", "-i", "tcp", "-B", "2thread"), ExitCodes.USAGE, "is not an int");
        assertRefused(CliRunner.run("--cpus", "٠", "-B", "2thread"), ExitCodes.USAGE, "--cpus");
        assertRefused(CliRunner.run("sweep", "--trials", "٣", "--out", "/nonexistent/x"), ExitCodes.USAGE,
                "'٣' is not an int");
        assertRefused(CliRunner.run("sweep", "--buffers", "٤k", "--out", "/nonexistent/x"), ExitCodes.USAGE,
                "--buffers");
    }

    @Test
    void controlCharactersInEchoedValuesAreEscaped() {
        CliRunner r = CliRunner.run("-i", "x\u001b[31m\u0007\u009b", "2thread");
        assertRefused(r, ExitCodes.USAGE, "x\\e[31m\\x07\\x9b");
        assertThat(r.err().chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f))).isEmpty();
        CliRunner nl = CliRunner.run("sweep", "--mode", "two\nlines", "--out", "/nonexistent/x");
        assertRefused(nl, ExitCodes.USAGE, "two\\nlines");
        assertThat(nl.err().lines().findFirst().orElseThrow()).contains("two\\nlines");
        assertThat(Escapes.controls("plain, text\n")).isEqualTo("plain, text\n");
        assertThat(Escapes.oneLine("a\tb\r\nc\u007f")).isEqualTo("a\\tb\\r\\nc\\x7f");
    }

    @Test
    void planFilesThatAreMissingOrNotFilesAreNoInput() throws Exception {
        assertRefused(CliRunner.run("sweep", "--plan", "/nonexistent"), ExitCodes.NO_INPUT, "no such plan file");
        assertRefused(CliRunner.run("sweep", "--plan", "/dev/zero"), ExitCodes.NO_INPUT, "/dev/zero",
                "not a regular file (a character device)");
        assertRefused(CliRunner.run("sweep", "--plan", dir.toString()), ExitCodes.NO_INPUT, "a directory");
        Path fifo = dir.resolve("plan.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertRefused(CliRunner.run("sweep", "--plan", fifo.toString()), ExitCodes.NO_INPUT, "a FIFO");
    }

    @Test
    void aPlanKeyGivenTwiceIsAnError() throws Exception {
        Path yaml = dir.resolve("twice.yaml");
        Files.writeString(yaml, "mode: 2thread\nbuffers: 4k\nmode: 1thread\n");
        assertRefused(CliRunner.run("sweep", "--plan", yaml.toString(), "--out", dir.resolve("o").toString()),
                ExitCodes.DATA, "twice.yaml", "Duplicate field 'mode'");
        Path json = dir.resolve("twice.json");
        Files.writeString(json, "{\"trials\": 3, \"trials\": 4}");
        assertRefused(CliRunner.run("sweep", "--plan", json.toString(), "--out", dir.resolve("o").toString()),
                ExitCodes.DATA, "Duplicate field 'trials'");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void hugePlansAreRefusedAndTheLimitCanBeRaised() {
        String out = dir.resolve("o").toString();
        assertRefused(CliRunner.run("sweep", "--trials", "2147483647", "--out", out), ExitCodes.USAGE,
                "515396075520 trials", "more than --max-trials-total 1000000; raise it");
        assertRefused(CliRunner.run("sweep", "--buffers", "1..4294967296g", "--out", out), ExitCodes.USAGE,
                "larger than the largest allowed, 1073741824");
        assertRefused(CliRunner.run("sweep", "--pipe-size", "4k..4294967296g", "--out", out), ExitCodes.USAGE,
                "--pipe-size");
        assertRefused(CliRunner.run("sweep", "--max-trials-total", "100", "--out", out), ExitCodes.USAGE,
                "the plan has 2640 trials");
        assertRefused(CliRunner.run("sweep", "--max-trials-total", "0", "--out", out), ExitCodes.USAGE,
                "--max-trials-total must be 1..10000000");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void theDescriptorLimitIsReadFromProcLimits() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             95426                95426                processes
                Max open files            32                   1048576              files
                """;
        assertThat(OpenFilesCheck.softLimit(limits)).isEqualTo(OptionalLong.of(32));
        assertThat(OpenFilesCheck.softLimit("Max open files  unlimited  unlimited  files\n")).isEmpty();
        assertThat(OpenFilesCheck.problem(32)).isEqualTo("needs at least 64 open files, the limit is 32"
                + " (RLIMIT_NOFILE; raise it with ulimit -n 64 or more)");
        // this JVM runs with a sane limit
        assertThat(OpenFilesCheck.problem()).isNull();
    }
}
