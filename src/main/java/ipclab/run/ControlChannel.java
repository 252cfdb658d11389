package ipclab.run;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ipclab.sys.Fd;
import ipclab.sys.FdPassing;
import ipclab.sys.Io;
import ipclab.sys.SysException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The parent's and the 2proc child's conversation, over a SOCK_SEQPACKET socket (one message per
 * call, boundaries kept). A message is a fixed header (type, status, {@link #WORDS} longs, the
 * first three of which are a, b and c) and optional UTF-8 text; a TRIAL message carries the child's
 * ends as SCM_RIGHTS (the stream's writer; the latency responder's one duplex end, or its two).
 *
 * <pre>
 *   parent                              child
 *   TRIAL(text)+fd                      -&gt;     text: the run's configuration as
 *                                               {@link ipclab.model.ConfigText} (versioned key=value
 *                                               lines) with warm, usage, call_events, recording
 *                                       &lt;-  READY(pid, tid, cpus allowed mask)   placed, primed, warm
 *   GO                                  -&gt;      or CANCEL: nobody will read (a tracer failed to
 *                                                attach); the sender skips the run, no DONE
 *                                       &lt;-  DONE(usage[8], report[4]) status 0, or 1 + text
 *   WARM(text)                          -&gt;     before the first TRIAL, optionally: warm the
 *                                               workload's loops now, while the parent warms its own
 *                                       &lt;-  WARMED                 status 0, or 1 + text
 * </pre>
 * The usage words (-g) are the child thread's RUSAGE_THREAD deltas over its loop, in
 * {@code ResourceUsage}'s order; the report words are the workload's ({@link ChildHalf#report}).
 * End of file on either side means the other has gone.
 */
public final class ControlChannel implements AutoCloseable {
    public static final int TRIAL = 1;
    public static final int READY = 2;
    public static final int GO = 3;
    public static final int DONE = 4;
    public static final int CANCEL = 5;
    public static final int WARM = 6;
    public static final int WARMED = 7;
    public static final int WORDS = 12;
    private static final int HEADER_BYTES = 8 + 8 * WORDS;
    private static final int MESSAGE_BYTES = 8192;

    private final Fd socket;
    private final MemorySegment message = Arena.ofAuto().allocate(MESSAGE_BYTES, 8);
    private int type;
    private int status;
    private final long[] words = new long[WORDS];
    private final int[] passedFds = {-1, -1};

    public ControlChannel(Fd socket) {
        this.socket = socket;
    }

    public void send(int type, int status, long a, long b, long c, String text, int fd) throws SysException {
        send(type, status, new long[] {a, b, c}, text, fd);
    }

    /** Sends {@code values} as the message's first words (the rest are 0), with {@code fd} when not negative. */
    public void send(int type, int status, long[] values, String text, int fd) throws SysException {
        send(type, status, values, text, fd < 0 ? new int[0] : new int[] {fd});
    }

    /** Sends {@code values} as the message's first words (the rest are 0), with {@code fds} attached. */
    public void send(int type, int status, long[] values, String text, int[] fds) throws SysException {
        if (values.length > WORDS) {
            throw new IllegalArgumentException(values.length + " words do not fit a control message");
        }
        message.fill((byte) 0);
        message.set(JAVA_INT, 0, type);
        message.set(JAVA_INT, 4, status);
        for (int i = 0; i < values.length; i++) {
            message.set(JAVA_LONG, 8 + 8L * i, values[i]);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, MESSAGE_BYTES - HEADER_BYTES - 1);
        MemorySegment.copy(bytes, 0, message, JAVA_BYTE, HEADER_BYTES, n);
        FdPassing.send(socket.value(), message.asSlice(0, HEADER_BYTES + n), fds);
    }

    /** Whether a message (or end of file) arrives within {@code timeoutMillis}. */
    public boolean awaitMessage(long timeoutMillis) throws SysException {
        return Io.await(socket.value(), Io.POLLIN, timeoutMillis);
    }

    /** Waits for the next message; false at end of file (the peer has gone). */
    public boolean receive() throws SysException {
        message.fill((byte) 0);
        if (FdPassing.receive(socket.value(), message, passedFds) < 0) {
            return false;
        }
        type = message.get(JAVA_INT, 0);
        status = message.get(JAVA_INT, 4);
        for (int i = 0; i < WORDS; i++) {
            words[i] = message.get(JAVA_LONG, 8 + 8L * i);
        }
        return true;
    }

    public int type() {
        return type;
    }

    public int status() {
        return status;
    }

    public long a() {
        return words[0];
    }

    public long b() {
        return words[1];
    }

    public long c() {
        return words[2];
    }

    /** All the words of the last message received (a copy). */
    public long[] words() {
        return words.clone();
    }

    public String text() {
        return message.getString(HEADER_BYTES);
    }

    /** The first descriptor the last message carried, or -1. */
    public int passedFd() {
        return passedFds[0];
    }

    /** The descriptors the last message carried, in the order they were sent. */
    public int[] passedFds() {
        return java.util.Arrays.stream(passedFds).filter(fd -> fd >= 0).toArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
