package ipclab.ipc.nio;

import ipclab.sys.Fd;
import ipclab.sys.SysException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.Channel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK channels behind the descriptors of this process's NIO pairs. A pair is two
 * {@link Fd}s, as for every mechanism (the loops pass descriptor numbers, the tracers and the
 * failure paths use them), and each is the channel's own descriptor; a {@link ChannelTransfer}
 * finds its channels here by those numbers, before timing. The descriptor number comes from the
 * JDK's {@code sun.nio.ch.SelChImpl.getFDVal()} (exported to ipclab with
 * {@code --add-exports java.base/sun.nio.ch}): the public API gives no way from a channel to its
 * descriptor.
 *
 * <p>The pair closes the descriptors with close(2), as any pair's; the channel objects are then
 * never used again (a later channel on the same number replaces the entry). NIO socket channels
 * have no cleaner that would close the number a second time.
 */
final class OpenChannels {
    private static final ConcurrentHashMap<Integer, Channel> BY_FD = new ConcurrentHashMap<>();
    private static final Method FD_VAL = fdVal();

    private OpenChannels() {}

    private static Method fdVal() {
        try {
            return Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("java.nio: no sun.nio.ch.SelChImpl.getFDVal in this JDK", e);
        }
    }

    /** The channel's descriptor as an {@link Fd} of the pair, the channel kept for its transfer. */
    static Fd adopt(Channel channel) throws SysException {
        int fd;
        try {
            fd = (int) FD_VAL.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            closeQuietly(channel);
            throw new SysException("java.nio", "cannot read the descriptor of a " + channel.getClass().getName()
                    + " (run with --add-exports java.base/sun.nio.ch=ALL-UNNAMED): " + e);
        }
        BY_FD.put(fd, channel);
        return new Fd(fd);
    }

    /** The channel behind {@code end}, or a SysException when it is not one of ours. */
    static Channel of(Fd end) throws SysException {
        Channel c = BY_FD.get(end.value());
        if (c == null) {
            throw new SysException("java.nio", end + " is not an open NIO channel of this process");
        }
        return c;
    }

    /** Forgets {@code end}'s channel once its pair is closed. */
    static void forget(int fd, Channel channel) {
        BY_FD.remove(fd, channel);
    }

    static void closeQuietly(Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // set-up failed already; that failure is the one reported
        }
    }
}
