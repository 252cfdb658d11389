package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** sweep --label refuses an empty label, one over 40 characters and one with a newline: one line, exit 64. */
class SweepLabelTest {
    @Test
    void badLabelsAreUsageErrors() {
        for (String bad : new String[] {"", "  ", "x".repeat(41), "two\nlines"}) {
            CliRunner r = CliRunner.run("sweep", "--label", bad, "--mode", "2thread", "--ipc", "pipe", "--buffers",
                    "4k", "--trials", "1", "--out", "/nonexistent-ipclab-label-test");
            assertThat(r.code()).as(bad).isEqualTo(64);
            assertThat(r.err().strip()).as(bad).startsWith("ipclab: --label: ").doesNotContain("\n", "Exception");
        }
        assertThat(SweepCommand.checkLabel("x".repeat(40))).hasSize(40);
    }
}
