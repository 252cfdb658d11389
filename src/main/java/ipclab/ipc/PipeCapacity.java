package ipclab.ipc;

import ipclab.sys.Fd;
import ipclab.sys.Pipes;
import ipclab.sys.SysException;
import java.util.List;

/** The pipe mechanisms' share (pipe, FIFO): the capacity {@code --pipe-size} asks, and what was granted. */
public final class PipeCapacity {
    public static final String FIELD = "pipe_capacity_bytes";

    private PipeCapacity() {}

    public static Grants apply(Fd writer, IpcSpec spec) throws SysException {
        return Grants.of(FIELD, Pipes.capacity(writer.value(), spec.pipeSizeBytes()));
    }

    /** {@code pipesize: 65536 (kernel default)} or {@code (granted; N asked)}. */
    public static List<String> describe(IpcSpec spec, Grants granted) {
        return List.of("pipesize: " + granted.get(FIELD) + (spec.pipeSizeBytes() > 0
                ? " (granted; " + spec.pipeSizeBytes() + " asked)" : " (kernel default)"));
    }
}
