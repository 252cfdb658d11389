package ipclab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.ipc.Transfer;
import ipclab.model.BenchConfig;
import ipclab.model.Sample;
import ipclab.sys.CallState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -i nio-pipe}, {@code nio-local}, {@code nio-tcp}: ipc-static's stream in 2thread moves
 * exactly totalsize in one write per block, round trips run, bytes arrive whole and in order
 * through the channels, the other modes and -s are refused in one line, and the Unix socket's
 * name and folder are gone once the pair is made.
 */
class NioIT {
    @ParameterizedTest
    @ValueSource(strings = {"nio-pipe", "nio-local", "nio-tcp"})
    void streamMovesExactlyTotalBytes(String name) throws Exception {
        Mechanism m = Mechanisms.require(name);
        for (int buffer : new int[] {32, 4096, 65536}) {
            long total = 20L * buffer;
            Sample s = IpcContract.runOnce(new BenchConfig(Mode.TWO_THREAD, m, buffer, total, 0, false, 0, true,
                    List.of()));
            assertThat(s.failed()).as(s.error()).isFalse();
            assertThat(s.bytes()).isEqualTo(total);
            assertThat(s.writes()).isEqualTo(20);
            assertThat(s.reads()).isGreaterThanOrEqualTo(20);
        }
        ShmIT.Run warm = ShmIT.cli("-i", name, "-p", "0", "-b", "4k", "-t", "4m", "2thread");
        assertThat(warm.code()).as(warm.err()).isZero();
        assertThat(warm.out()).matches("\\d+\\.\\d{2} KBytes/sec\\R");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio-pipe", "nio-local", "nio-tcp"})
    void roundTrips(String name) {
        ShmIT.Run r = ShmIT.cli("latency", "-v", "-B", "-i", name, "-p", "0", "-b", "100", "--rounds", "2000",
                "2thread");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  channels: blocking, direct ByteBuffers over the loop's buffers (the raw twin "
                + "is -i " + name.substring(4) + ")").contains("reads: 4000 (both ends)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio-pipe", "nio-local", "nio-tcp"})
    void bytesArriveWholeAndInOrder(String name) throws Exception {
        IpcSpec spec = IpcSpec.of(Mechanisms.require(name));
        long total = 2_000_000;
        try (EndpointPair pair = spec.open(); Transfer out = spec.transfer(pair.writer());
                Transfer in = spec.transfer(pair.reader()); Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(1500);
            MemorySegment dst = arena.allocate(1500);
            Thread sender = Thread.ofPlatform().start(() -> {
                CallState cs = new CallState();
                long sent = 0;
                int length = 1;
                while (sent < total) {
                    int n = (int) Math.min(length, total - sent);
                    for (int i = 0; i < n; i++) {
                        src.set(ValueLayout.JAVA_BYTE, i, (byte) (sent + i));
                    }
                    long w = 0;
                    while (w < n) {
                        long r = out.send(cs, pair.writer().value(), src.address() + w, n - w);
                        if (r <= 0) {
                            throw new IllegalStateException("send returned " + r);
                        }
                        w += r;
                    }
                    sent += n;
                    length = length % 1500 + 1;
                }
            });
            CallState cs = new CallState();
            long got = 0;
            long wrong = 0;
            while (got < total) {
                long r = in.receive(cs, pair.reader().value(), dst.address(), Math.min(1500, total - got));
                assertThat(r).as("receive after %d bytes", got).isPositive();
                for (int i = 0; i < r; i++) {
                    if (dst.get(ValueLayout.JAVA_BYTE, i) != (byte) (got + i)) {
                        wrong++;
                    }
                }
                got += r;
            }
            sender.join();
            assertThat(wrong).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio-pipe", "nio-local", "nio-tcp"})
    void otherModesAndSocketBuffersAreRefused(String name) {
        for (String mode : new String[] {"1thread", "2proc"}) {
            ShmIT.Run r = ShmIT.cli("-i", name, mode);
            assertThat(r.code()).isEqualTo(64);
            assertThat(r.err().lines().findFirst().orElseThrow())
                    .isEqualTo("ipclab: -i " + name + " cannot run " + mode + ": it supports 2thread");
        }
        ShmIT.Run s = ShmIT.cli("-i", name, "-s", "2thread");
        assertThat(s.code()).isEqualTo(64);
        assertThat(s.err().lines().findFirst().orElseThrow()).startsWith("ipclab: -s sets socket buffer sizes");
    }

    @org.junit.jupiter.api.Test
    void theUnixSocketsNameIsGone() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> before = Files.list(tmp)) {
            List<Path> had = before.filter(p -> p.getFileName().toString().startsWith("ipclab-nio")).toList();
            try (EndpointPair pair = IpcSpec.of(Mechanisms.require("nio-local")).open()) {
                assertThat(pair.reader().isOpen()).isTrue();
                try (Stream<Path> now = Files.list(tmp)) {
                    assertThat(now.filter(p -> p.getFileName().toString().startsWith("ipclab-nio"))
                            .filter(p -> !had.contains(p))).isEmpty();
                }
            }
        }
    }
}
