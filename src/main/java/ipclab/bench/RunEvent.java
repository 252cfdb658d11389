package ipclab.bench;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One run of the benchmark as a JDK Flight Recorder event: its configuration and result. The
 * event spans the whole run (set-up of the endpoint pair to its close); {@code elapsed} is the
 * timed region alone. Committed after the timed region, so it costs the measurement nothing.
 */
@Name("ipclab.Run")
@Label("ipclab run")
@Description("One measured run: configuration, bytes, time and bandwidth")
@Category("ipclab")
@StackTrace(false)
public final class RunEvent extends Event {
    @Label("Mode")
    String mode;

    @Label("IPC type")
    String ipc;

    @Label("Buffer size")
    @DataAmount
    int bufferSize;

    @Label("Total size")
    @DataAmount
    long totalSize;

    @Label("Iteration")
    int iteration;

    @Label("CPUs")
    @Description("CPUs asked for, receiver first; empty when unpinned")
    String cpus;

    @Label("Bytes")
    @DataAmount
    long bytes;

    @Label("Elapsed")
    @Description("The timed region")
    @Timespan(Timespan.NANOSECONDS)
    long elapsed;

    @Label("Bandwidth (KiB/s)")
    double kibPerSec;

    @Label("Error")
    @Description("Why the run failed; null when it succeeded")
    String error;

    /** Fills in what {@code sample} says and commits; the caller began the event before the run. */
    void commit(Sample sample) {
        if (!shouldCommit()) {
            return;
        }
        BenchConfig c = sample.config();
        mode = c.mode().label();
        ipc = c.ipcType().label();
        bufferSize = c.bufferSizeBytes();
        totalSize = c.totalSizeBytes();
        iteration = sample.iteration();
        cpus = c.cpus().isEmpty() ? "" : String.join(",", c.cpus().stream().map(String::valueOf).toList());
        bytes = sample.bytes();
        elapsed = sample.elapsedNanos();
        kibPerSec = sample.failed() ? Double.NaN : sample.kibPerSec();
        error = sample.error();
        commit();
    }
}
