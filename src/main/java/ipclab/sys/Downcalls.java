package ipclab.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * How the bindings of this package are made: libc's symbols through the native linker, errno
 * captured with {@code Linker.Option.captureCallState}, and the one errno-to-exception step of
 * the set-up calls. Each binding class ({@link Io}, {@link Pipes}, {@link Sockets},
 * {@link Processes}, {@link Sched}, {@link Clocks}) holds its handles as {@code static final}
 * fields, so a class is linked when it is first used: a run links only what it calls (linking a
 * downcall spins classes, tens of milliseconds for all of them), and {@code link()} on each class
 * lets the benchmark link ahead what its run will call, outside any timed region.
 */
final class Downcalls {
    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<CallState> SETUP_STATE = ThreadLocal.withInitial(CallState::new);

    private Downcalls() {}

    /** The one native shape of every call that captures errno: six 64-bit arguments, a 64-bit result. */
    private static final FunctionDescriptor WIDE = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    /**
     * A call that captures errno, linked with the one shape {@link #WIDE} and called through
     * {@link #wide} (the loops' calls: {@code invokeExact} with the same arguments), whatever its
     * C signature ({@code result} and {@code args} document it). Linking generates a stub class
     * per native shape, which the AOT cache cannot hold: one shared shape instead of one per C
     * signature took most of what FFM added to start-up (a run from 0.75 to 0.49 s, measured
     * under load). On the x86-64 and AArch64 Linux ABIs
     * integer and pointer arguments travel in registers, so a function reads the ones it takes
     * and ignores the rest, and an int result is the low half of the result register (callers
     * narrow it). The loops' read, write and poll share it too: with their own C types they were
     * two more stub classes, about 20 ms of every run's start-up.
     */
    static MethodHandle downcall(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), WIDE, ERRNO);
    }

    /** Calls a handle from {@link #downcall}: C arguments widened to long, pointers as addresses, unused ones 0. */
    static long wide(MethodHandle h, MemorySegment state, long a, long b, long c, long d, long e, long f)
            throws Throwable {
        return (long) h.invokeExact(state, a, b, c, d, e, f);
    }

    /** A downcall that does not set errno (sync, strerror). */
    static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor);
    }

    /** Looks a libc symbol up, for the calls that only some libc versions have. */
    static Optional<MemorySegment> find(String name) {
        return LIBC.find(name);
    }

    /** The calling thread's errno capture for set-up calls (hot calls bring their own). */
    static CallState setUpState() {
        return SETUP_STATE.get();
    }

    /** A set-up call's downcall, given the calling thread's errno-capture segment. */
    @FunctionalInterface
    interface SetUpCall {
        int invoke(MemorySegment state) throws Throwable;
    }

    /**
     * Makes a set-up call that returns -1 and sets errno on failure: the result, or a
     * {@link SysException} named {@code call}. (The lambda is allocated per call: set-up only.)
     */
    static int setUp(String call, SetUpCall downcall) throws SysException {
        CallState cs = SETUP_STATE.get();
        int r;
        try {
            r = downcall.invoke(cs.segment);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        return fail(call, r, cs);
    }

    /** A call that returns 0 or more, or -errno (never throws): close, shutdown, waitpid, kill. */
    static int raw(SetUpCall downcall) {
        CallState cs = SETUP_STATE.get();
        try {
            int r = downcall.invoke(cs.segment);
            return r >= 0 ? r : -cs.errno();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int fail(String call, int result, CallState cs) throws SysException {
        if (result < 0) {
            throw new SysException(call, cs.errno());
        }
        return result;
    }
}
