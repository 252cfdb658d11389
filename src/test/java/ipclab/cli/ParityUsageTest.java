package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad parity command lines: one line naming the problem, exit 64, before anything is built or run. */
class ParityUsageTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parity 2thread:pipe|'2thread:pipe' is not MODE:IPC:SIZE[:TOTAL]",
        "parity 3thread:pipe:4k|unknown mode '3thread'",
        "parity 2thread:pipe:lots|'lots' is not a size",
        "parity 2thread:fifo:4k|the native stream loops cover pipe, local, tcp, not fifo",
        "parity --workload latency 2thread:pipe:64:1m|is not MODE:IPC:MSGSIZE",
        "parity --workload bandwidth|--workload is stream or latency",
        "parity -n 0|-n must be 1..1000, not 0",
        "parity --placement sideways|--placement is pinned, free or both, not 'sideways'",
    })
    void isOneLineAndExit64(String line, String message) {
        CliRunner r = CliRunner.run(line.split(" "));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("ipclab: ").contains(message);
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(3);
        assertThat(r.out()).isEmpty();
    }
}
