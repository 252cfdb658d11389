package ipclab.ipc;

import ipclab.sys.Sockets;
import ipclab.sys.SysException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Unix message sockets' share ({@code local-seqpacket}, {@code local-dgram}): a socketpair
 * whose every write(2) is one message and every read(2) takes one whole, and the one limit that
 * governs their size. unix_dgram_sendmsg (SOCK_SEQPACKET goes through it too) refuses a message
 * longer than the sending socket's sk_sndbuf less 32 bytes with EMSGSIZE; sk_sndbuf starts at
 * net.core.wmem_default, and SO_SNDBUF (-s) sets it to twice the request, capped at
 * net.core.wmem_max (socket(7)). Measured here: 212,960 bytes pass and 212,961 fail at the
 * default 212,992, and with SO_SNDBUF 1 MiB 2,097,120 pass and 2,097,121 fail.
 *
 * <p>Whole messages in the loops: every configuration's total is a multiple of -b, so each
 * write is exactly -b bytes, and the receiver asks for {@code buffersize - (received %
 * buffersize)} = -b bytes while every message so far arrived whole, which a datagram always does
 * when the room offered is at least its size. A read never truncates, and the byte count the
 * loops check stays exact.
 */
public final class UnixMessages {
    static final String WMEM_DEFAULT = "/proc/sys/net/core/wmem_default";
    static final String WMEM_MAX = "/proc/sys/net/core/wmem_max";
    /** What unix_dgram_sendmsg keeps back of sk_sndbuf: {@code len > sk->sk_sndbuf - 32} is EMSGSIZE. */
    static final int SNDBUF_RESERVE = 32;
    /** SOCK_MIN_SNDBUF as granted here for a tiny SO_SNDBUF (4608): a lower bound on any send buffer. */
    static final int MIN_SNDBUF = 4096;

    private UnixMessages() {}

    /** The connected pair of {@code type} (SOCK_SEQPACKET or SOCK_DGRAM), sized by -s, close-on-exec. */
    public static EndpointPair open(int type, IpcSpec spec) throws SysException {
        return EndpointPair.of(
                fds -> Sockets.socketpair(Sockets.AF_UNIX, type | Sockets.SOCK_CLOEXEC, 0, fds),
                (reader, writer) -> SocketBuffers.apply(reader, writer, spec));
    }

    /**
     * Refuses a message larger than the send buffer the pair will have allows, naming the
     * setting it comes from.
     */
    public static void checkLimits(Mechanism mechanism, int messageBytes, IpcSpec spec) {
        long wmemDefault = sysctl(WMEM_DEFAULT);
        long wmemMax = sysctl(WMEM_MAX);
        long sndbuf;
        String where;
        if (spec.socketBufferBytes() > 0) {
            if (wmemMax < 0) {
                return; // unreadable: the kernel's EMSGSIZE will say it at the first write
            }
            sndbuf = Math.max(2 * Math.min(spec.socketBufferBytes(), wmemMax), MIN_SNDBUF);
            where = "-s asks SO_SNDBUF " + spec.socketBufferBytes() + ", which Linux doubles, up to twice"
                    + " net.core.wmem_max " + wmemMax + " (" + WMEM_MAX + ")";
        } else {
            if (wmemDefault < 0) {
                return;
            }
            sndbuf = wmemDefault;
            where = "net.core.wmem_default, " + WMEM_DEFAULT + "; the stream's -s raises it to twice -b, up to"
                    + " twice net.core.wmem_max " + wmemMax;
        }
        long most = sndbuf - SNDBUF_RESERVE;
        if (messageBytes > most) {
            throw new IllegalArgumentException("-i " + mechanism.name() + ": a " + messageBytes + "-byte message"
                    + " is larger than the send buffer allows, " + most + " bytes (sndbuf " + sndbuf + " less 32; "
                    + where + ")");
        }
    }

    /** The verbose block's lines: the socket buffers, and the largest message they allow. */
    public static List<String> describe(IpcSpec spec, Grants granted) {
        List<String> lines = new java.util.ArrayList<>(SocketBuffers.describe(spec, granted));
        long snd = granted.get(SocketBuffers.SNDBUF);
        if (snd > 0) {
            lines.add("largest message: " + (snd - SNDBUF_RESERVE) + " (sndbuf less 32; larger is EMSGSIZE)");
        }
        return lines;
    }

    /** A /proc/sys number, or -1 when it cannot be read (procfs sizes read as 0, so read as a stream). */
    static long sysctl(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
