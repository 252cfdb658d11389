package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A TCP port someone else holds: one line that names the port and the way out, exit 71. */
class PortInUseIT {
    @Test
    void namesThePortAndMinusP0() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRunner r = CliRunner.run("-B", "-i", "tcp", "-p", String.valueOf(port), "-b", "4k", "-t", "64k",
                    "2thread");
            assertThat(r.code()).isEqualTo(ExitCodes.OS_ERROR);
            assertThat(r.err()).isEqualTo("ipclab: port " + port + " is in use: pick another with -p, or -p 0 for"
                    + " any free port (bind: Address already in use (EADDRINUSE))\n");
        }
    }
}
