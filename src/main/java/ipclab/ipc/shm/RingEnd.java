package ipclab.ipc.shm;

import static ipclab.ipc.shm.RingLayout.CLOSED;
import static ipclab.ipc.shm.RingLayout.CONSUMER_WAITING;
import static ipclab.ipc.shm.RingLayout.DATA_SEQ;
import static ipclab.ipc.shm.RingLayout.PID0;
import static ipclab.ipc.shm.RingLayout.PID1;
import static ipclab.ipc.shm.RingLayout.PRODUCER_WAITING;
import static ipclab.ipc.shm.RingLayout.SPACE_SEQ;

import ipclab.sys.CallState;
import ipclab.sys.Errno;
import ipclab.sys.Io;
import ipclab.sys.Memfd;
import ipclab.sys.SysException;
import ipclab.sys.Waits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * One thread's view of one ring: its own MAP_SHARED mapping of the ring's memfd, Agrona's
 * {@link OneToOneRingBuffer} over it (an {@link UnsafeBuffer} on the mapping's address: no copy),
 * and the wait strategy. {@link #send} copies the caller's bytes into the ring as messages of at
 * most an eighth of its capacity (Agrona's limit); {@link #receive} copies whole messages out, as
 * many as fit. Neither allocates, and neither makes a system call while the ring has room or
 * data: only waiting does (futex(2) or sched_yield(2)), and with futex the other end is woken
 * only when it said it might sleep.
 *
 * <p>A waiting end asks every {@link #QUIET_NANOS} whether its peer is still there (the ring's
 * closed word, and a pidfd of the other process), so a peer that dies ends the run: end of file
 * for a receiver, EPIPE for a sender. An end that holds both sides of the ring (1thread, the
 * latency warm-up's loopback) never waits: an empty or full ring is EAGAIN, as a non-blocking
 * pipe's.
 */
final class RingEnd implements ControlledMessageHandler, AutoCloseable {
    static final int SPIN = 0;
    static final int YIELD = 1;
    static final int FUTEX = 2;
    /** How long an end waits before it checks on its peer; also the futex wait's timeout. */
    static final long QUIET_NANOS = 100_000_000L;
    private static final int MSG_TYPE = 1;
    private static final int EMSGSIZE = 90;

    final long id;
    private final MemorySegment mapping;
    private final UnsafeBuffer header;
    private final OneToOneRingBuffer ring;
    private final int maxMessage;
    private final int wait;
    /** Both ends of the ring are this thread's: never wait. */
    boolean self;
    private final int myPid = (int) ProcessHandle.current().pid();
    private final long dataSeqAddress;
    private final long spaceSeqAddress;
    private final MemorySegment scratch = Arena.ofAuto().allocate(32, 8); // timespec, then a pollfd
    private int peerPidfd = -1;
    private boolean peerEnded;
    // The receive in progress (handler state), made before timing.
    private final UnsafeBuffer from = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer into = new UnsafeBuffer(0, 0);
    private int copied;
    private int room;
    private boolean tooLong;

    RingEnd(int fd, int capacity, int wait) throws SysException {
        this.mapping = Memfd.mmap(RingLayout.mappingBytes(capacity), Memfd.PROT_READ | Memfd.PROT_WRITE,
                Memfd.MAP_SHARED | Memfd.MAP_POPULATE, fd, 0);
        this.header = new UnsafeBuffer(mapping.address(), RingLayout.HEADER_BYTES);
        if (header.getLong(RingLayout.MAGIC_OFFSET) != RingLayout.MAGIC
                || header.getInt(RingLayout.CAPACITY_OFFSET) != capacity) {
            Memfd.munmap(mapping);
            throw new SysException("mmap", "fd " + fd + " is not a shm ring of " + capacity + " bytes");
        }
        this.id = header.getLong(RingLayout.ID_OFFSET);
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(mapping.address() + RingLayout.HEADER_BYTES,
                RingLayout.ringBufferBytes(capacity)));
        this.maxMessage = ring.maxMsgLength();
        this.wait = wait;
        this.dataSeqAddress = mapping.address() + DATA_SEQ;
        this.spaceSeqAddress = mapping.address() + SPACE_SEQ;
        scratch.set(ValueLayout.JAVA_LONG, 0, 0); // tv_sec
        scratch.set(ValueLayout.JAVA_LONG, 8, QUIET_NANOS); // tv_nsec
        register(myPid);
        watchPeer();
        java.util.Objects.requireNonNull(Action.CONTINUE); // loads the enum before timing
    }

    /** Puts this process's pid in the ring's header, once, so the other side can check on it. */
    private void register(int pid) {
        if (header.getIntVolatile(PID0) == pid || header.getIntVolatile(PID1) == pid) {
            return;
        }
        if (!header.compareAndSetInt(PID0, 0, pid)) {
            header.compareAndSetInt(PID1, 0, pid);
        }
    }

    /** Bytes accepted (all of them unless {@link #self} and the ring filled), -EAGAIN, or -EPIPE when the peer has gone. */
    long send(CallState cs, long address, long count) {
        long done = 0;
        while (done < count) {
            int length = (int) Math.min(count - done, maxMessage);
            from.wrap(address + done, length);
            if (!ring.write(MSG_TYPE, from, 0, length)) {
                long head = ring.consumerPosition();
                if (!ring.write(MSG_TYPE, from, 0, length)) {
                    if (self) {
                        return done > 0 ? done : -Errno.EAGAIN;
                    }
                    if (!awaitSpace(cs, head)) {
                        return done > 0 ? done : -Errno.EPIPE;
                    }
                    continue;
                }
            }
            done += length;
            if (wait == FUTEX) {
                wakeConsumer(cs);
            }
        }
        return done;
    }

    /** Bytes received (whole messages, at most {@code count}), 0 when the peer has gone, -EAGAIN, -EMSGSIZE. */
    long receive(CallState cs, long address, long count) {
        long stalledSince = 0;
        while (true) {
            into.wrap(address, (int) count);
            copied = 0;
            room = (int) count;
            tooLong = false;
            ring.controlledRead(this);
            if (copied == 0 && !tooLong) {
                // Agrona reads up to the end of the buffer at most: at the wrap it may only have
                // skipped the padding record, with the next message at the start.
                ring.controlledRead(this);
            }
            if (copied > 0) {
                if (wait == FUTEX) {
                    wakeProducer(cs);
                }
                return copied;
            }
            if (tooLong) {
                return -EMSGSIZE; // a message larger than the reader asked for: the ends disagree on sizes
            }
            if (self) {
                return -Errno.EAGAIN;
            }
            if (empty()) {
                if (!awaitData(cs) && empty()) {
                    return 0;
                }
                continue;
            }
            // A message claimed but not yet committed: its producer is writing it, or died
            // doing so (a killed child leaves one behind), so the peer is checked here too.
            Thread.onSpinWait();
            long now = System.nanoTime();
            if (stalledSince == 0) {
                stalledSince = now;
            } else if (now - stalledSince > QUIET_NANOS) {
                if (peerGone(cs)) {
                    return 0;
                }
                stalledSince = now;
            }
        }
    }

    @Override
    public Action onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (length > room) {
            tooLong = copied == 0;
            return Action.ABORT;
        }
        buffer.getBytes(index, into, copied, length);
        copied += length;
        room -= length;
        return Action.CONTINUE;
    }

    private boolean empty() {
        return ring.producerPosition() == ring.consumerPosition();
    }

    /** Waits until the ring has data: false when the peer has gone first. */
    private boolean awaitData(CallState cs) {
        long since = System.nanoTime();
        long spins = 0;
        while (empty()) {
            if (wait == FUTEX) {
                int seq = header.getIntVolatile(DATA_SEQ);
                header.putIntVolatile(CONSUMER_WAITING, 1);
                if (!empty()) {
                    header.putIntVolatile(CONSUMER_WAITING, 0);
                    return true;
                }
                long r = Waits.futex_wait(cs, dataSeqAddress, seq, scratch.address());
                header.getAndAddLong(RingLayout.CONSUMER_WAITS, 1);
                if (r == -Errno.ETIMEDOUT && peerGone(cs)) {
                    return false;
                }
                continue;
            }
            if (wait == YIELD) {
                Waits.sched_yield(cs);
                header.getAndAddLong(RingLayout.CONSUMER_WAITS, 1);
            } else {
                Thread.onSpinWait();
            }
            if ((++spins & 0xFF) == 0) {
                long now = System.nanoTime();
                if (now - since > QUIET_NANOS) {
                    if (peerGone(cs)) {
                        return false;
                    }
                    since = now;
                }
            }
        }
        return true;
    }

    /** Waits until the consumer has moved on from {@code head}: false when the peer has gone first. */
    private boolean awaitSpace(CallState cs, long head) {
        long since = System.nanoTime();
        long spins = 0;
        while (ring.consumerPosition() == head) {
            if (wait == FUTEX) {
                int seq = header.getIntVolatile(SPACE_SEQ);
                header.putIntVolatile(PRODUCER_WAITING, 1);
                if (ring.consumerPosition() != head) {
                    header.putIntVolatile(PRODUCER_WAITING, 0);
                    return true;
                }
                long r = Waits.futex_wait(cs, spaceSeqAddress, seq, scratch.address());
                header.getAndAddLong(RingLayout.PRODUCER_WAITS, 1);
                if (r == -Errno.ETIMEDOUT && peerGone(cs)) {
                    return false;
                }
                continue;
            }
            if (wait == YIELD) {
                Waits.sched_yield(cs);
                header.getAndAddLong(RingLayout.PRODUCER_WAITS, 1);
            } else {
                Thread.onSpinWait();
            }
            if ((++spins & 0xFF) == 0) {
                long now = System.nanoTime();
                if (now - since > QUIET_NANOS) {
                    if (peerGone(cs)) {
                        return false;
                    }
                    since = now;
                }
            }
        }
        return true;
    }

    /** After a message: wakes the consumer if it said it may sleep (a store-load fence first, Dekker's order). */
    private void wakeConsumer(CallState cs) {
        VarHandle.fullFence();
        if (header.getIntVolatile(CONSUMER_WAITING) != 0 && header.compareAndSetInt(CONSUMER_WAITING, 1, 0)) {
            header.getAndAddInt(DATA_SEQ, 1);
            Waits.futex_wake(cs, dataSeqAddress, 1);
            header.getAndAddLong(RingLayout.PRODUCER_WAKES, 1);
        }
    }

    private void wakeProducer(CallState cs) {
        VarHandle.fullFence();
        if (header.getIntVolatile(PRODUCER_WAITING) != 0 && header.compareAndSetInt(PRODUCER_WAITING, 1, 0)) {
            header.getAndAddInt(SPACE_SEQ, 1);
            Waits.futex_wake(cs, spaceSeqAddress, 1);
            header.getAndAddLong(RingLayout.CONSUMER_WAKES, 1);
        }
    }

    /**
     * Whether the other end has gone: it closed its transfer, or its process has ended (its pidfd
     * polls readable, zombie or not). Called only after a quiet spell, never per message.
     */
    private boolean peerGone(CallState cs) {
        if (header.getIntVolatile(CLOSED) != 0 || peerEnded) {
            return true;
        }
        return peerPidfd >= 0 && Io.poll(cs, scratch.address() + 16, 1, 0) > 0;
    }

    /**
     * Opens a pidfd of the other process holding the ring, if there is one (2proc: the child maps
     * its ends before it reports ready, and the parent made the ring), here in the thread that
     * makes the transfer: a loop thread that takes a private descriptor table later gets a copy.
     */
    private void watchPeer() {
        int other = otherPid();
        if (other == 0) {
            return; // the peer is a thread of this process
        }
        int fd = Waits.pidfd_open(new CallState(), other);
        if (fd < 0) {
            peerEnded = fd == -Errno.ESRCH;
            return;
        }
        peerPidfd = fd;
        scratch.set(ValueLayout.JAVA_INT, 16, fd);
        scratch.set(ValueLayout.JAVA_SHORT, 20, Io.POLLIN);
    }

    private int otherPid() {
        int a = header.getIntVolatile(PID0);
        if (a != 0 && a != myPid) {
            return a;
        }
        int b = header.getIntVolatile(PID1);
        return b != myPid ? b : 0;
    }

    /** Links this end's calls from the calling thread: a futex wake of a word nobody waits on. */
    void prime(CallState cs) {
        Waits.prime(cs, dataSeqAddress);
        if (wait == YIELD) {
            Waits.sched_yield(cs);
        }
        Io.poll(cs, 0, 0, 0);
    }

    /** What the ring's two sides counted so far: producer waits, producer wakes, consumer waits, consumer wakes. */
    long[] counts() {
        return new long[] {header.getLongVolatile(RingLayout.PRODUCER_WAITS),
                header.getLongVolatile(RingLayout.PRODUCER_WAKES), header.getLongVolatile(RingLayout.CONSUMER_WAITS),
                header.getLongVolatile(RingLayout.CONSUMER_WAKES)};
    }

    /** Marks the ring closed and wakes a sleeping peer (which then sees end of file or EPIPE); {@link #unmap} after. */
    @Override
    public void close() {
        if (!self) {
            header.putIntVolatile(CLOSED, 1);
            header.getAndAddInt(DATA_SEQ, 1);
            header.getAndAddInt(SPACE_SEQ, 1);
            CallState cs = new CallState();
            Waits.futex_wake(cs, dataSeqAddress, Integer.MAX_VALUE);
            Waits.futex_wake(cs, spaceSeqAddress, Integer.MAX_VALUE);
        }
        if (peerPidfd >= 0) {
            Io.close(peerPidfd);
            peerPidfd = -1;
        }
    }

    /** Lets go of a view never used (a second mapping of a ring already held): no close mark. */
    void discard() {
        if (peerPidfd >= 0) {
            Io.close(peerPidfd);
            peerPidfd = -1;
        }
        unmap();
    }

    /** Unmaps the ring; after {@link #close}, once the counts have been read. */
    void unmap() {
        Memfd.munmap(mapping);
    }
}
