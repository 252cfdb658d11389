package ipclab.model;

import java.util.List;

/**
 * Where a run's threads could run, as each read its own affinity back (sched_getaffinity) after
 * being placed and before the timed region: the placement in force, not merely the one asked for.
 *
 * @param receiverCpus CPUs the receiving thread was allowed (in 1thread the one thread)
 * @param senderCpus CPUs the sending thread was allowed (in 2proc a thread of the child)
 */
public record Placement(List<Integer> receiverCpus, List<Integer> senderCpus) {
    /** Not read (a run that failed before its threads were placed). */
    public static final Placement UNKNOWN = new Placement(List.of(), List.of());

    public Placement {
        receiverCpus = List.copyOf(receiverCpus);
        senderCpus = List.copyOf(senderCpus);
    }
}
