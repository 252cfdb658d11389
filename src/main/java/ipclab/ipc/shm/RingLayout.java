package ipclab.ipc.shm;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Where things are in the memfd of one ring: a page of ipclab's own words (what the two ends
 * need beside Agrona's ring: the futex words, who may be asleep, who holds the ring, what each
 * side counted), then Agrona's {@code OneToOneRingBuffer}: its capacity, a power of two, then its
 * trailer (head, tail and the rest, each on its own cache lines).
 *
 * <p>The futex words and the flags that say an end may be asleep sit on cache lines of their own,
 * apart from the ones the other end writes on every message.
 */
final class RingLayout {
    static final long MAGIC = 0x6970636c61627368L; // "ipclabsh"
    static final int MAGIC_OFFSET = 0;
    static final int ID_OFFSET = 8;
    static final int CAPACITY_OFFSET = 16;
    /** Bumped by the producer to wake a consumer asleep on an empty ring; the consumer's futex word. */
    static final int DATA_SEQ = 64;
    /** 1 while the consumer may be asleep on {@link #DATA_SEQ}. */
    static final int CONSUMER_WAITING = 68;
    /** Bumped by the consumer to wake a producer asleep on a full ring; the producer's futex word. */
    static final int SPACE_SEQ = 128;
    /** 1 while the producer may be asleep on {@link #SPACE_SEQ}. */
    static final int PRODUCER_WAITING = 132;
    /** Non-zero once an end has closed its transfer: the other end then sees end of file or EPIPE. */
    static final int CLOSED = 192;
    /** Two pids: the processes that hold the ring (the maker, and the 2proc child when it maps it). */
    static final int PID0 = 256;
    static final int PID1 = 260;
    /** What each side has counted, in shared memory so the parent reads the child's: wait calls (futex or sched_yield), futex wakes. */
    static final int PRODUCER_WAITS = 320;
    static final int PRODUCER_WAKES = 328;
    static final int CONSUMER_WAITS = 336;
    static final int CONSUMER_WAKES = 344;
    static final int HEADER_BYTES = 4096;

    private RingLayout() {}

    /** The bytes of a ring of {@code capacity} with its header and trailer, whole pages. */
    static long mappingBytes(int capacity) {
        long bytes = HEADER_BYTES + (long) capacity + RingBufferDescriptor.TRAILER_LENGTH;
        return (bytes + 4095) & ~4095L;
    }

    /** Agrona's buffer: the capacity and its trailer. */
    static int ringBufferBytes(int capacity) {
        return capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /** The longest message Agrona's ring takes in one piece: an eighth of its capacity. */
    static int maxMessageBytes(int capacity) {
        return capacity / 8;
    }
}
