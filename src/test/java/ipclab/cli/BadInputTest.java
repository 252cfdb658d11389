package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes on the command line: one line, the usage, exit 64; a file that cannot be made: 73. */
class BadInputTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-n 0|-n must be 1..100000, not 0",
        "-n -3|-n must be 1..100000, not -3",
        "-n 100001|-n must be 1..100000",
        "-n 99999999999|'99999999999' is not an int",
        "--cpus 9999|CPU 9999 is not online",
        "--cpus=|--cpus is empty",
        "--cpus a|is not a CPU list",
        "--cpus 0,0,0|names 3 CPUs",
    })
    void usageErrors(String args, String message) {
        String[] argv = (args + " -B 2thread").split(" ");
        CliRunner r = CliRunner.run(argv);
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("ipclab: ").contains(message);
        assertThat(r.err()).contains("Usage: ipclab").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingModeIsStillAUsageError() {
        CliRunner r = CliRunner.run("-B");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("ipclab: Missing required parameter: 'mode'");
    }

    @Test
    void aJfrFileThatCannotBeCreatedIsExit73AndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.createFile(dir.resolve("plain"));
        for (Path target : new Path[] {dir.resolve("missing/run.jfr"), notAFolder.resolve("run.jfr"), dir}) {
            CliRunner r = CliRunner.run("-B", "-b", "4k", "-t", "64k", "--jfr", target.toString(), "2thread");
            assertThat(r.code()).as(target.toString()).isEqualTo(ExitCodes.CANT_CREATE);
            assertThat(r.err().strip()).startsWith("ipclab: cannot create --jfr file").doesNotContain("\n");
            assertThat(r.out()).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(notAFolder);
        }
    }
}
