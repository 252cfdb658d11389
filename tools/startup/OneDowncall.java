import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The floor of any program that calls libc through the FFM API as ipclab does: it links one
 * downcall of ipclab's one shape (six longs, a long, errno captured), calls getpid once and
 * exits. Linking spins hidden classes (the downcall stub, lambda forms) that the AOT cache of
 * JDK 25 cannot hold, so this costs every run, whatever the run does next.
 */
public class OneDowncall {
    public static void main(String[] args) throws Throwable {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor wide = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_LONG);
        MethodHandle getpid = linker.downcallHandle(linker.defaultLookup().findOrThrow("getpid"), wide,
                Linker.Option.captureCallState("errno"));
        MemorySegment state = Arena.global().allocate(Linker.Option.captureStateLayout());
        long pid = (long) getpid.invokeExact(state, 0L, 0L, 0L, 0L, 0L, 0L);
        System.out.println(pid);
    }
}
