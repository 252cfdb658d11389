package ipclab.probe;

import ipclab.model.BenchConfig;
import ipclab.model.Sample;

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
    public String mode;

    @Label("IPC type")
    public String ipc;

    @Label("Buffer size")
    @DataAmount
    public int bufferSize;

    @Label("Total size")
    @DataAmount
    public long totalSize;

    @Label("Iteration")
    public int iteration;

    @Label("CPUs")
    @Description("CPUs asked for, receiver first; empty when unpinned")
    public String cpus;

    @Label("Bytes")
    @DataAmount
    public long bytes;

    @Label("Elapsed")
    @Description("The timed region")
    @Timespan(Timespan.NANOSECONDS)
    public long elapsed;

    @Label("Bandwidth (KiB/s)")
    public double kibPerSec;

    @Label("Error")
    @Description("Why the run failed; null when it succeeded")
    public String error;

    /** Fills in what {@code sample} says and commits; the caller began the event before the run. */
    public void commit(Sample sample) {
        if (!shouldCommit()) {
            return;
        }
        BenchConfig c = sample.config();
        mode = c.mode().label();
        ipc = c.mechanism().name();
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
