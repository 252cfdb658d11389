package ipclab.ipc.nio;

import ipclab.ipc.Transfer;
import ipclab.sys.CallState;
import ipclab.sys.Errno;
import ipclab.sys.Fd;
import ipclab.sys.SysException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * The NIO mechanisms' transfer: a loop thread's ends as JDK channels in blocking mode, written and
 * read through direct ByteBuffers over the loop's own native buffers. A loop passes an address
 * inside one of its buffers and a count; the transfer keeps one ByteBuffer view per buffer (up
 * to {@link #VIEWS}, a window of {@link #WINDOW} bytes from the first address it sees in it) and
 * sets its position and limit per call, so a call allocates nothing once its buffer has a view.
 * The first call on each buffer makes that view (one ByteBuffer, in the timed region): the
 * price of not knowing the loop's buffers beforehand, measured and documented rather than hidden.
 *
 * <p>read's -1 at the end of a stream is 0 here, and an IOException -EPIPE (the peer has gone),
 * as read(2) and write(2) would say; the exception is made on the failure path only.
 */
final class ChannelTransfer implements Transfer {
    static final int VIEWS = 4;
    /** A view spans this far from its base: at least the largest buffer a loop uses. */
    static final int WINDOW = 1 << 30;

    private final int[] fds;
    private final Channel[] channels;
    private final long[] bases = new long[VIEWS];
    private final ByteBuffer[] views = new ByteBuffer[VIEWS];
    private int viewCount;

    ChannelTransfer(List<Fd> ends) throws SysException {
        fds = new int[ends.size()];
        channels = new Channel[ends.size()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = ends.get(i).value();
            channels[i] = OpenChannels.of(ends.get(i));
        }
    }

    private Channel channel(int fd) {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] == fd) {
                return channels[i];
            }
        }
        return channels[0];
    }

    /** The view over {@code [address, address + count)}, position and limit set. */
    private ByteBuffer view(long address, long count) {
        for (int i = 0; i < viewCount; i++) {
            long offset = address - bases[i];
            if (offset >= 0 && offset + count <= WINDOW) {
                ByteBuffer b = views[i];
                b.limit((int) (offset + count)).position((int) offset);
                return b;
            }
        }
        int slot = viewCount < VIEWS ? viewCount++ : VIEWS - 1;
        bases[slot] = address;
        views[slot] = MemorySegment.ofAddress(address).reinterpret(WINDOW).asByteBuffer();
        return views[slot].limit((int) count).position(0);
    }

    @Override
    public long send(CallState cs, int fd, long address, long count) {
        try {
            return ((WritableByteChannel) channel(fd)).write(view(address, count));
        } catch (IOException e) {
            return -Errno.EPIPE;
        }
    }

    @Override
    public long receive(CallState cs, int fd, long address, long count) {
        try {
            int n = ((ReadableByteChannel) channel(fd)).read(view(address, count));
            return n < 0 ? 0 : n;
        } catch (IOException e) {
            return -Errno.EPIPE;
        }
    }

    /** The JDK's paths are plain Java: priming loads the classes a first call needs, on an empty view. */
    @Override
    public void prime(CallState cs) {
        ByteBuffer empty = ByteBuffer.allocateDirect(1).limit(0);
        for (Channel c : channels) {
            try {
                if (c instanceof WritableByteChannel w) {
                    w.write(empty);
                }
            } catch (IOException ignored) {
                // a write of nothing; a closed channel shows in the run itself
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < fds.length; i++) {
            OpenChannels.forget(fds[i], channels[i]);
        }
    }
}
