package ipclab.ipc;

import ipclab.sys.SysException;
import java.util.List;
import java.util.Set;

/**
 * An IPC mechanism: a kernel object two ends can move bytes through. Each lives in a package of
 * its own under {@code ipclab.ipc} and is listed once, in {@link Mechanisms}; nothing outside its
 * package names it. It says what {@code -i} calls it, which modes and workloads it can carry,
 * which mechanism options apply to it, how a connected pair of ends is made, what the kernel
 * granted, which system calls its loops make, and how its set-up calls are linked ahead.
 *
 * <p>How an end reaches the 2proc child is the same for every mechanism so far: the writer is a
 * descriptor, passed over the control socket as SCM_RIGHTS.
 */
public interface Mechanism {
    /** The name {@code -i}, plan files and results use: {@code pipe}, {@code local}... */
    String name();

    /** One line for the help: what the kernel object is. */
    String description();

    /** The modes it can carry; 1thread needs ends that can be made non-blocking. */
    default Set<Mode> modes() {
        return Set.of(Mode.values());
    }

    /** The workloads it can carry, by name. */
    default Set<String> workloads() {
        return Set.of("stream");
    }

    /**
     * Why it carries only {@link #workloads()}, said when another is asked of it; empty when the
     * list says enough.
     */
    default String workloadsReason() {
        return "";
    }

    /**
     * The one message size it carries, when it has one (eventfd: 8, the size of its counter), or
     * 0 when any {@code -b} will do. A configuration of another size is refused
     * ({@code BenchConfig}); a sweep leaves its other sizes out of the mechanism's rows.
     */
    default int fixedMessageBytes() {
        return 0;
    }

    /** Why {@link #fixedMessageBytes()} is the only size, for the refusal of another. */
    default String fixedMessageReason() {
        return "";
    }

    /**
     * Refuses, with one line naming the limit and where it comes from, a message of
     * {@code messageBytes} that this kernel's settings would not let it carry whole (a Unix
     * datagram larger than its socket's send buffer: EMSGSIZE). It reads the running kernel's
     * settings, so it is asked before a run on this machine, never when a configuration is made
     * (a results file of another machine must still read).
     *
     * @throws IllegalArgumentException the user's words for what does not fit
     */
    default void checkLimits(int messageBytes, IpcSpec spec) {}

    /**
     * Whether each end of one pair both reads and writes (a connected socket): a round trip then
     * goes there and back on one pair, the reader's end answering. A one-way object (a pipe, a
     * FIFO) takes a pair per direction.
     */
    default boolean duplex() {
        return false;
    }

    /**
     * Whether it may drop a message instead of blocking its sender (UDP, when the receiver's
     * buffer is full): its stream counts drops, and warms on {@link #openLoopback} rather than on
     * a pair of its own, so that no warm-up waits out a lost message.
     */
    default boolean dropsMessages() {
        return false;
    }

    /** The mechanism options ({@code -s}, {@code --pipe-size}) that apply to it. */
    Set<IpcOption> options();

    /**
     * Makes a connected pair of ends, reader and writer, sized as {@code spec} asks, with every
     * descriptor close-on-exec (a spawned child inherits nothing it is not handed). The pair owns
     * its descriptors; on failure nothing stays open.
     */
    EndpointPair open(IpcSpec spec) throws SysException;

    /** The sample fields its grants fill (snake_case, units in the name), in their order. */
    List<String> grantFields();

    /** The verbose block's lines for what the kernel granted ({@code name: value}), beside what was asked. */
    List<String> describe(IpcSpec spec, Grants granted);

    /** The system calls its stream loops make in the timed region, for the tracers. */
    default List<String> loopCalls() {
        return List.of("read", "write", "poll");
    }

    /**
     * Whether shutdown(2) wakes a blocked end: true for sockets. A pipe or FIFO cannot be shut
     * down, so its last reader must close for a blocked writer to see EPIPE.
     */
    boolean canShutDown();

    /**
     * Whether the last close of one end is the other's end of file (or EPIPE): true for pipes and
     * sockets. An eventfd has none, so a run keeps a descriptor of each of its ends in this
     * process's own table, through which {@link #wake} can reach a blocked reader.
     */
    default boolean endsOnLastClose() {
        return true;
    }

    /** Links the set-up calls {@link #open} makes, outside any timed region. */
    void linkSetUp();

    /**
     * After a failure: wakes every thread blocked on {@code pair}'s open ends, so that a run whose
     * peer has gone, or that is stopped for taking too long, ends instead of waiting for ever.
     * Sockets are shut down (shutdown(2); the default). A pipe needs nothing: the last close of
     * its other end is its end of file. A mechanism with neither (an eventfd) wakes its own way.
     */
    default void wake(EndpointPair pair) {
        pair.shutDown();
    }

    /**
     * The hot calls one loop makes on {@code ends}, the one or two ends of this mechanism it will
     * use (a sender its writer, a 1thread loop both), made before timing, in the 2proc child for
     * the child's end: read(2) and write(2) unless the mechanism moves bytes another way. A
     * transfer that needs per-end state (a mapping of the end, its channel) makes it here.
     */
    default Transfer transfer(IpcSpec spec, List<ipclab.sys.Fd> ends) throws SysException {
        return ReadWrite.INSTANCE;
    }

    /**
     * A private pair one thread can write into and read back from, in order, at least two
     * messages deep: what the latency warm-up's loops talk to themselves through (no peer to wake,
     * so the loops reach C2 in a fraction of a second), with this mechanism's own
     * {@link #transfer}. Any read/write mechanism can warm on a pipe; one that moves bytes
     * another way opens an object of its own kind.
     */
    default EndpointPair openLoopback(IpcSpec spec) throws SysException {
        return EndpointPair.of(fds -> ipclab.sys.Pipes.pipe2(fds, ipclab.sys.Io.O_CLOEXEC),
                (reader, writer) -> Grants.NONE);
    }

    /** The settings of its own ({@code --mq-depth}...), declared once here: see {@link MechanismSetting}. */
    default List<MechanismSetting> settings() {
        return List.of();
    }

    /**
     * The largest message (-b) it can carry on this machine (a message queue's msgsize_max, a
     * datagram's 65,507): sweeps leave larger sizes out of its rows, as they leave out modes it
     * cannot run; a single run over it is refused by {@link #check}.
     */
    default long maxMessageBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * Refuses, with one IllegalArgumentException line naming the limit and where it comes from, a
     * configuration this mechanism cannot run (a message size over its limit, a setting that
     * contradicts another); called when the configuration is made, before anything is opened.
     */
    default void check(Mode mode, String workload, int messageBytes, List<Integer> cpus, Settings settings) {}
}
