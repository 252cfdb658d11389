package ipclab.probe;

/**
 * What a run measures besides its time: the probes chosen before any timed region.
 *
 * @param usage -g: resource usage of the timed region, per participating thread
 * @param callEvents --jfr-calls: a JDK Flight Recorder event per read(2)/write(2); the loops
 *     run as an instrumented variant chosen before timing
 * @param childRecording in 2proc with call events, where the child dumps its own flight
 *     recording (its write events) after each run; an opaque name handed to the child, or null
 */
public record RunProbes(boolean usage, boolean callEvents, String childRecording) {
    public static final RunProbes NONE = new RunProbes(false, false, null);
}
