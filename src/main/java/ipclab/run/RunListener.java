package ipclab.run;

/**
 * Told where a run stands, so that a tracer can attach to exactly the benchmark's threads and
 * processes without bench knowing about tracers. Both calls happen outside the timed region.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /**
     * Every participant exists, is linked, primed and warm, and waits for the start signal. A
     * listener may block here (to attach a tracer and see it attached); the timed region starts
     * after it returns.
     */
    default void ready(Participants participants) throws Exception {}

    /** The receiver has the last byte (or the run failed); the timed region is over. */
    default void finished() {}
}
