package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.cli.Cli;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Strangers on the benchmark's port: two local threads connect to 127.0.0.1:PORT in a loop and
 * write junk while tcp runs use that port. Every run still ends, with exactly its own bytes
 * (ipclab checks the count: a stranger's bytes would make it wrong), because the listener
 * accepts only the connection whose peer port is the benchmark's own client.
 */
class TcpIntruderIT {
    @Test
    void strangersConnectingToThePortNeitherHangNorCount() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong connected = new AtomicLong();
        List<Thread> strangers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            strangers.add(Thread.ofPlatform().daemon().start(() -> {
                byte[] junk = new byte[4096];
                while (!stop.get()) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        connected.incrementAndGet();
                        OutputStream out = s.getOutputStream();
                        out.write(junk);
                        out.flush();
                        Thread.sleep(5);
                    } catch (Exception e) {
                        Thread.onSpinWait(); // nothing listens between runs
                    }
                }
            }));
        }
        try {
            for (int run = 0; run < 10; run++) {
                StringWriter err = new StringWriter();
                long start = System.nanoTime();
                int code = Cli.run(new String[] {"-B", "-q", "-i", "tcp", "-p", String.valueOf(port), "-b", "4k", "-t",
                    "1m", "2thread"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
                assertThat(code).as("run %d: %s", run, err).isZero();
                assertThat((System.nanoTime() - start) / 1_000_000_000L).as("run %d took", run).isLessThan(30);
            }
        } finally {
            stop.set(true);
            for (Thread t : strangers) {
                t.join();
            }
        }
        assertThat(connected.get()).as("strangers that got a connection").isPositive();
    }
}
