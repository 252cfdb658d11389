package ipclab.ipc.shm;

import ipclab.ipc.EndpointPair;
import ipclab.ipc.Grants;
import ipclab.ipc.IpcOption;
import ipclab.ipc.IpcSpec;
import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.Mode;
import ipclab.ipc.Settings;
import ipclab.ipc.Transfer;
import ipclab.sys.Fd;
import ipclab.sys.Io;
import ipclab.sys.Memfd;
import ipclab.sys.SysException;
import ipclab.sys.Waits;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code -i shm}: a single-producer single-consumer ring (Agrona's {@code OneToOneRingBuffer}) in
 * a memfd that both ends map MAP_SHARED. While both ends are awake no system call is made at
 * all; when the ring is empty or full an end spins, yields or sleeps on a futex word in the
 * mapping ({@code --wait}). Both ends of a pair are descriptors of the one memfd (the writer a
 * dup of the reader), so the 2proc child gets its end over SCM_RIGHTS like any other and maps it
 * there; a memfd has no name, and is freed when its last descriptor and mapping go.
 *
 * <p>One way per ring, so not duplex: a round trip takes a second ring for the way back.
 */
public final class ShmMechanism implements Mechanism {
    public static final ShmMechanism INSTANCE = new ShmMechanism();
    static final String WAIT = "wait";
    static final String RING_SIZE = "ring-size";
    private static final List<String> WAITS = List.of("spin", "yield", "futex");
    private static final int F_DUPFD_CLOEXEC = 1030;

    private static final List<MechanismSetting> SETTINGS = List.of(
            MechanismSetting.choice(WAIT, "what an end does on an empty or full ring: spin (Thread.onSpinWait), yield "
                    + "(sched_yield(2)) or futex (sleep on a futex word in the ring, woken only when it said it may "
                    + "sleep)", "futex", WAITS),
            MechanismSetting.number(RING_SIZE, "N", "each ring's capacity in bytes, a power of two, at least one "
                    + "message (-b)", 1 << 20, 4096, 1 << 30));

    private ShmMechanism() {}

    @Override
    public String name() {
        return "shm";
    }

    @Override
    public String description() {
        return "a ring in shared memory (memfd, Agrona OneToOneRingBuffer): no system call while both ends are awake";
    }

    @Override
    public Set<String> workloads() {
        return Set.of("stream", "latency");
    }

    @Override
    public Set<IpcOption> options() {
        return Set.of();
    }

    @Override
    public List<MechanismSetting> settings() {
        return SETTINGS;
    }

    static int waitCode(String wait) {
        return switch (wait) {
            case "spin" -> RingEnd.SPIN;
            case "yield" -> RingEnd.YIELD;
            default -> RingEnd.FUTEX;
        };
    }

    @Override
    public void check(Mode mode, String workload, int messageBytes, List<Integer> cpus, Settings settings) {
        long ring = settings.number(RING_SIZE);
        if (Long.bitCount(ring) != 1) {
            throw new IllegalArgumentException("--ring-size must be a power of two (Agrona's ring), not " + ring);
        }
        if (messageBytes > ring) {
            throw new IllegalArgumentException("--ring-size " + ring + " is smaller than one message (-b "
                    + messageBytes + "): give at least --ring-size " + Long.highestOneBit(messageBytes - 1L) * 2);
        }
        if (settings.value(WAIT).equals("spin") && mode != Mode.ONE_THREAD && cpus.size() == 1) {
            throw new IllegalArgumentException("--wait spin with both ends on CPU " + cpus.getFirst()
                    + " spins away the time slice the other end needs: use --wait yield or --wait futex, or one CPU "
                    + "per end (--cpus 0,1)");
        }
    }

    /** A fresh memfd holding an empty ring: the reader is the memfd, the writer a dup of it. */
    @Override
    public EndpointPair open(IpcSpec spec) throws SysException {
        int capacity = (int) spec.settings().number(RING_SIZE);
        long bytes = RingLayout.mappingBytes(capacity);
        Fd reader = new Fd(Memfd.memfd_create("ipclab-shm", Memfd.MFD_CLOEXEC));
        try {
            Memfd.ftruncate(reader.value(), bytes); // pages of zeros: an empty ring
            MemorySegment header = Memfd.mmap(RingLayout.HEADER_BYTES, Memfd.PROT_READ | Memfd.PROT_WRITE,
                    Memfd.MAP_SHARED, reader.value(), 0);
            header.set(ValueLayout.JAVA_LONG, RingLayout.ID_OFFSET, ThreadLocalRandom.current().nextLong());
            header.set(ValueLayout.JAVA_INT, RingLayout.CAPACITY_OFFSET, capacity);
            header.set(ValueLayout.JAVA_INT, RingLayout.PID0, (int) ProcessHandle.current().pid());
            header.set(ValueLayout.JAVA_LONG, RingLayout.MAGIC_OFFSET, RingLayout.MAGIC);
            Memfd.munmap(header);
            Fd writer = new Fd(Io.fcntl(reader.value(), F_DUPFD_CLOEXEC, 0));
            return new EndpointPair(reader, writer, Grants.NONE);
        } catch (SysException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public Transfer transfer(IpcSpec spec, List<Fd> ends) throws SysException {
        return new RingTransfer(spec, ends);
    }

    /** The warm-up's private ring: one thread holds both ends, so it never waits on it. */
    @Override
    public EndpointPair openLoopback(IpcSpec spec) throws SysException {
        return open(spec);
    }

    @Override
    public List<String> grantFields() {
        return List.of();
    }

    @Override
    public List<String> describe(IpcSpec spec, Grants granted) {
        int capacity = (int) spec.settings().number(RING_SIZE);
        String wait = spec.settings().value(WAIT);
        List<String> lines = new ArrayList<>();
        lines.add("ring: " + capacity + " bytes (Agrona OneToOneRingBuffer in a memfd, MAP_SHARED"
                + (spec.exchange() ? ", one per direction" : "") + "); messages up to "
                + RingLayout.maxMessageBytes(capacity) + " bytes, a larger write goes as several");
        lines.add("wait: " + wait + switch (wait) {
            case "spin" -> " (Thread.onSpinWait on an empty or full ring: no system call)";
            case "yield" -> " (sched_yield(2) on an empty or full ring)";
            default -> " (FUTEX_WAIT on a word in the ring; FUTEX_WAKE only when the other end said it may sleep)";
        });
        WaitCounts.Counts c = WaitCounts.last();
        if (c != null) {
            String first = spec.exchange() ? "initiator" : "sender";
            String second = spec.exchange() ? "responder" : "receiver";
            String call = wait.equals("yield") ? "sched_yield" : "futex waits";
            lines.add("waits: " + first + " " + c.firstWaits() + " " + call + ", " + c.firstWakes() + " futex wakes; "
                    + second + " " + c.secondWaits() + " " + call + ", " + c.secondWakes() + " futex wakes");
        }
        return lines;
    }

    /** Only the wait strategy's calls: none at all with spin while both ends keep up. */
    @Override
    public List<String> loopCalls() {
        return List.of("futex", "sched_yield");
    }

    @Override
    public boolean canShutDown() {
        return false;
    }

    @Override
    public void linkSetUp() {
        Memfd.link();
        Waits.link();
    }

    @Override
    public String toString() {
        return name();
    }
}
