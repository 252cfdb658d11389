package ipclab.workload.stream;

import ipclab.ipc.Mode;
import ipclab.probe.ThreadUsage;
import ipclab.run.NativeBuffer;
import ipclab.run.RunContext;

/**
 * One run of the stream workload: the run's context and its user buffers (allocated and touched
 * before timing; the 2proc parent has no write buffer, the child makes its own).
 */
record StreamRun(RunContext context, NativeBuffer readBuffer, NativeBuffer writeBuffer) implements AutoCloseable {

    static StreamRun of(RunContext context) {
        int size = context.bufferSizeBytes();
        NativeBuffer read = new NativeBuffer(size, (byte) 1);
        NativeBuffer write = context.config().mode() == Mode.TWO_PROC ? null : new NativeBuffer(size, (byte) 2);
        return new StreamRun(context, read, write);
    }

    int bufferSizeBytes() {
        return context.bufferSizeBytes();
    }

    long totalBytes() {
        return context.totalBytes();
    }

    /** A -g reading for one side, or null when -g was not asked. */
    ThreadUsage usage() {
        return context.probes().usage() ? new ThreadUsage() : null;
    }

    @Override
    public void close() {
        readBuffer.close();
        if (writeBuffer != null) {
            writeBuffer.close();
        }
    }
}
