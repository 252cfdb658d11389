package ipclab.bench;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ipclab.sys.Fd;
import ipclab.sys.FdPassing;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The parent's and the 2proc child's conversation, over a SOCK_SEQPACKET socket (one message per
 * call, boundaries kept). A message is a fixed header (type, status, three longs) and optional
 * UTF-8 text; a TRIAL message carries the writer descriptor as SCM_RIGHTS.
 *
 * <pre>
 *   parent                              child
 *   TRIAL(buffersize, total, flags)+fd  -&gt;
 *                                       &lt;-  READY(pid, tid)       primed, warm
 *   GO                                  -&gt;
 *                                       &lt;-  DONE(start ns, writes, bytes) status 0, or 1 + text
 * </pre>
 * End of file on either side means the other has gone.
 */
final class ControlChannel implements AutoCloseable {
    static final int TRIAL = 1;
    static final int READY = 2;
    static final int GO = 3;
    static final int DONE = 4;
    static final long FLAG_BARE = 1;
    static final long FLAG_WARM = 2;
    private static final int HEADER_BYTES = 32;
    private static final int MESSAGE_BYTES = 1024;

    private final Fd socket;
    private final MemorySegment message = Arena.ofAuto().allocate(MESSAGE_BYTES, 8);
    private int type;
    private int status;
    private long a;
    private long b;
    private long c;
    private int passedFd = -1;

    ControlChannel(Fd socket) {
        this.socket = socket;
    }

    void send(int type, int status, long a, long b, long c, String text, int fd) throws SysException {
        message.set(JAVA_INT, 0, type);
        message.set(JAVA_INT, 4, status);
        message.set(JAVA_LONG, 8, a);
        message.set(JAVA_LONG, 16, b);
        message.set(JAVA_LONG, 24, c);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, MESSAGE_BYTES - HEADER_BYTES - 1);
        MemorySegment.copy(bytes, 0, message, JAVA_BYTE, HEADER_BYTES, n);
        FdPassing.send(socket.value(), message.asSlice(0, HEADER_BYTES + n), fd);
    }

    /** Waits for the next message; false at end of file (the peer has gone). */
    boolean receive() throws SysException {
        message.fill((byte) 0);
        int fd = FdPassing.receive(socket.value(), message);
        if (fd == -2) {
            return false;
        }
        passedFd = fd;
        type = message.get(JAVA_INT, 0);
        status = message.get(JAVA_INT, 4);
        a = message.get(JAVA_LONG, 8);
        b = message.get(JAVA_LONG, 16);
        c = message.get(JAVA_LONG, 24);
        return true;
    }

    int type() {
        return type;
    }

    int status() {
        return status;
    }

    long a() {
        return a;
    }

    long b() {
        return b;
    }

    long c() {
        return c;
    }

    String text() {
        return message.getString(HEADER_BYTES);
    }

    /** The descriptor the last message carried, or -1. */
    int passedFd() {
        return passedFd;
    }

    @Override
    public void close() {
        socket.close();
    }
}
