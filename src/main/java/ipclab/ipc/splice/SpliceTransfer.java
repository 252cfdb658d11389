package ipclab.ipc.splice;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ipclab.ipc.Transfer;
import ipclab.sys.CallState;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Splices;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A zero-copy pipe's hot calls. Sending: vmsplice(2) puts the pages of the block into the pipe by
 * reference, no byte copied. Those pages must not be written while the pipe may still hold them,
 * so blocks alternate between two buffers: the loop's own (at the address it passes) and one of
 * this transfer's (zeros, page-aligned, of the same size; so every second block that arrives is
 * zeros: the stream workload counts bytes and never reads them). The pipe holds no more slots than
 * one block takes ({@link SpliceMechanism}), so once a block has gone in whole, the block before
 * it has left the pipe and its buffer may be used again (the technique of mazzo.li's "fast pipes",
 * whose buffer is twice the pipe, in two halves). A blocking vmsplice that finds room for part of
 * a block moves that part and returns; the send calls again for the rest, so one send is one or
 * more vmsplice calls and always the whole block, as a blocking write is. Non-blocking (the
 * 1thread loop, both ends in one transfer) it makes one call and returns what moved.
 *
 * <p>Receiving: read(2), which copies the bytes once, out of the sender's pages, into the loop's
 * buffer; or, with {@code --splice-receiver}, splice(2) of the pipe's pages to /dev/null (opened
 * here, before timing, closed by {@link #close}), which drops them: nothing is copied, and the
 * loop's buffer receives nothing. One per thread: the iovec and the second buffer are its own.
 */
final class SpliceTransfer implements Transfer {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment iov = arena.allocate(Splices.IOVEC_BYTES, 8);
    private final long iovAddress = iov.address();
    private final long blockBytes;
    private final long second;
    private final int flags;
    private final Fd sink;
    private long sentInBlock;
    private boolean inSecond;

    /**
     * @param blockBytes the size of a block (-b), what each buffer holds
     * @param nonBlocking one call per send, with SPLICE_F_NONBLOCK (the 1thread loop)
     * @param sink /dev/null for a splicing receiver, or null to read(2); owned from here on
     */
    SpliceTransfer(long blockBytes, boolean nonBlocking, Fd sink) {
        this.blockBytes = blockBytes;
        this.second = arena.allocate(Math.max(blockBytes, 1), 4096).address();
        this.flags = nonBlocking ? Splices.SPLICE_F_NONBLOCK : 0;
        this.sink = sink;
    }

    @Override
    public long send(CallState cs, int fd, long address, long count) {
        long from = inSecond ? second + sentInBlock : address;
        long done = 0;
        while (done < count) {
            iov.set(JAVA_LONG, 0, from + done);
            iov.set(JAVA_LONG, 8, count - done);
            long n = Splices.vmsplice(cs, fd, iovAddress, 1, flags);
            if (n <= 0) {
                return done > 0 ? moved(done) : n;
            }
            done += n;
            if (flags != 0) {
                break;
            }
        }
        return moved(done);
    }

    /** Counts {@code n} bytes of the block in, and turns to the other buffer when the block is whole. */
    private long moved(long n) {
        sentInBlock += n;
        if (sentInBlock >= blockBytes) {
            sentInBlock = 0;
            inSecond = !inSecond;
        }
        return n;
    }

    @Override
    public long receive(CallState cs, int fd, long address, long count) {
        return sink == null ? Io.read(cs, fd, address, count) : Splices.splice(cs, fd, sink.value(), count, flags);
    }

    @Override
    public void prime(CallState cs) {
        Io.prime(cs);
        Splices.prime(cs);
    }

    @Override
    public void close() {
        if (sink != null) {
            sink.close();
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
