package ipclab.ipc.udp;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mode;
import ipclab.ipc.ReadWrite;
import ipclab.ipc.Settings;
import ipclab.ipc.SocketBuffers;
import ipclab.ipc.Transfer;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Sockets;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -i udp}: two UDP sockets on 127.0.0.1, the reader bound to {@code -p} (0: any free
 * port), the writer to any port, each connected to the other, so that the kernel hands the reader
 * only our writer's datagrams. Each write(2) is one datagram of -b bytes, each read(2) takes one
 * whole. A datagram that finds the reader's receive buffer full is dropped, not waited for:
 * every read has a deadline ({@link #DEADLINE_MILLIS}, SO_RCVTIMEO, set when the pair is made,
 * so the loops still make one read(2) per datagram), and a stream that meets it counts the
 * datagrams that never came as drops ({@link #transfer}).
 */
public final class UdpMechanism implements Mechanism {
    public static final UdpMechanism INSTANCE = new UdpMechanism();
    /** The port the reader was bound to, as getsockname(2) read it back. */
    public static final String PORT = "udp_port";
    /**
     * The largest UDP payload over IPv4: the IP header's 16-bit total length, 65,535, less 20
     * bytes of IP header and 8 of UDP header (udp(7)); a larger write(2) is EMSGSIZE.
     */
    public static final int MAX_DATAGRAM_BYTES = 65_507;
    /**
     * How long a read waits for a datagram before the run takes the rest as lost: longer than the
     * second ipc-static's sender sleeps before its first write, so that only a sender that has
     * stalled for seconds meets it. A stream run ends before, when the sender has finished
     * ({@code ReceiveLoop.senderFinished} shuts the reader down).
     */
    public static final long DEADLINE_MILLIS = 2_000;

    private UdpMechanism() {}

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public String description() {
        return "UDP datagrams over 127.0.0.1 (-p port); dropped when the receiver's buffer is full";
    }

    /**
     * 2thread and 2proc. Not 1thread: its loop waits in poll(2) with no deadline for the next
     * datagram, and one dropped would leave it waiting for ever.
     */
    @Override
    public Set<Mode> modes() {
        return Set.of(Mode.TWO_THREAD, Mode.TWO_PROC);
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of(IpcOption.SOCKET_BUFFERS);
    }

    @Override
    public long maxMessageBytes() {
        return MAX_DATAGRAM_BYTES;
    }

    @Override
    public void check(Mode mode, String workload, int messageBytes, List<Integer> cpus, Settings settings) {
        if (messageBytes > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("-i udp: -b " + messageBytes + " is over " + MAX_DATAGRAM_BYTES
                    + " bytes, the largest UDP datagram over IPv4 (udp(7): the IP header's 16-bit length 65535 less"
                    + " 20 bytes of IP and 8 of UDP header)");
        }
    }

    @Override
    public boolean dropsMessages() {
        return true;
    }

    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        int type = Sockets.SOCK_DGRAM | Sockets.SOCK_CLOEXEC;
        Fd reader = new Fd(Sockets.socket(Sockets.AF_INET, type, 0));
        Fd writer;
        try {
            writer = new Fd(Sockets.socket(Sockets.AF_INET, type, 0));
        } catch (SysException e) {
            reader.close();
            throw e;
        }
        return EndpointPair.of(reader, writer, (r, w) -> connect(r, w, spec));
    }

    /** Binds both, connects each to the other, sets the deadline and the sizes; the grants. */
    private static Grants connect(Fd reader, Fd writer, IpcSpec spec) throws SysException {
        try (Arena arena = Arena.ofConfined()) {
            // No SO_REUSEADDR: two UDP sockets may then share a port, and a second benchmark's
            // datagrams could reach ours; a port in use is EADDRINUSE, said with the way out.
            Sockets.bind(reader.value(), loopback(arena, spec.tcpPort()));
            Sockets.bind(writer.value(), loopback(arena, 0));
            int readerPort = port(arena, reader);
            int writerPort = port(arena, writer);
            Sockets.connect(writer.value(), loopback(arena, readerPort));
            Sockets.connect(reader.value(), loopback(arena, writerPort));
            for (Fd end : new Fd[] {reader, writer}) {
                Sockets.setsockoptTimeval(end.value(), Sockets.SO_RCVTIMEO, DEADLINE_MILLIS * 1000);
            }
            Map<String, Long> granted = new LinkedHashMap<>(SocketBuffers.apply(reader, writer, spec).values());
            granted.put(PORT, (long) readerPort);
            return new Grants(granted);
        }
    }

    /** The port a socket is bound to, by getsockname(2). */
    private static int port(Arena arena, Fd socket) throws SysException {
        MemorySegment bound = arena.allocate(16);
        Sockets.getsockname(socket.value(), bound, arena.allocateFrom(JAVA_INT, 16));
        return Short.toUnsignedInt(bound.get(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
    }

    /** struct sockaddr_in for 127.0.0.1:port, in network byte order. */
    private static MemorySegment loopback(Arena arena, int port) {
        MemorySegment addr = arena.allocate(16);
        addr.set(JAVA_SHORT_UNALIGNED, 0, (short) Sockets.AF_INET);
        addr.set(JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
        addr.set(JAVA_BYTE, 4, (byte) 127);
        addr.set(JAVA_BYTE, 7, (byte) 1);
        return addr;
    }

    /** The one transfer, read(2) and write(2), carrying the deadline the stream's receiver ends on. */
    private static final ReadWrite TRANSFER = ReadWrite.withReceiveDeadline(DEADLINE_MILLIS * 1_000_000L);

    /** read(2) and write(2), with the deadline the stream's receiver ends on. */
    @Override
    public Transfer transfer(IpcSpec spec, List<Fd> ends) {
        return TRANSFER;
    }

    /**
     * Warm-ups talk through a Unix datagram pair: the same one-datagram-per-call reads and writes
     * through the same transfer, but a full queue blocks the writer instead of dropping, so no
     * warm-up call waits out the deadline.
     */
    @Override
    public EndpointPair openLoopback(IpcSpec spec) throws SysException {
        return EndpointPair.of(
                fds -> Sockets.socketpair(Sockets.AF_UNIX, Sockets.SOCK_DGRAM | Sockets.SOCK_CLOEXEC, 0, fds),
                (reader, writer) -> Grants.NONE);
    }

    @Override
    public List<String> grantFields() {
        return List.of(SocketBuffers.SNDBUF, SocketBuffers.RCVBUF, PORT);
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        List<String> lines = new ArrayList<>(SocketBuffers.describe(spec, granted));
        lines.add("udpport: " + granted.get(PORT));
        lines.add("receive deadline: " + DEADLINE_MILLIS + " ms (SO_RCVTIMEO on both ends; the stream ends when the"
                + " sender has finished, its reader then shut down, and on the deadline only should it never finish)");
        return lines;
    }

    @Override
    public boolean duplex() {
        return true;
    }

    /** shutdown(2) of a connected UDP socket ends a blocked read(2) with 0. */
    @Override
    public boolean canShutDown() {
        return true;
    }

    @Override
    public void linkSetUp() {
        Sockets.link(true);
    }

    @Override
    public String toString() {
        return name();
    }
}
