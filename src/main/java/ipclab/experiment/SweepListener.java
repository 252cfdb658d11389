package ipclab.experiment;

import ipclab.model.Sample;

/** Told how a sweep goes, so that the command line can show progress; bench and files know nothing of it. */
public interface SweepListener {
    SweepListener NONE = new SweepListener() {};

    /** The sweep is about to run {@code todo}, in that order. */
    default void started(java.util.List<Trial> todo, Plan plan) {}

    /** Something slow that is not a trial (warming the loops, starting the 2proc child). */
    default void phase(String what) {}

    /**
     * A trial was measured and saved.
     *
     * @param done trials finished in this run
     * @param remaining trials this run had to do, {@code done} included
     */
    default void trialDone(Trial trial, Sample sample, int done, int remaining) {}
}
