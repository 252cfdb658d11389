package ipclab.run;

/**
 * The kernel's ids of what takes part in a run, for tracers and per-thread accounting.
 *
 * @param pid this process
 * @param receiverTid the thread that reads (in 1thread also the one that writes)
 * @param senderTid the thread that writes; in 2proc a thread of the child process
 * @param childPid the 2proc child process, or -1
 */
public record Participants(int pid, int receiverTid, int senderTid, int childPid) {
    /** The benchmark's threads, receiver first; one id in 1thread, where both are the same thread. */
    public java.util.Set<Integer> threadIds() {
        return new java.util.LinkedHashSet<>(java.util.List.of(receiverTid, senderTid));
    }
}
