package ipclab.run;

/**
 * The kernel's ids of what takes part in a run, for tracers and per-thread accounting.
 *
 * @param pid this process
 * @param receiverTid the thread that reads (in 1thread also the one that writes)
 * @param senderTid the thread that writes; in 2proc a thread of the child process
 * @param childPid the 2proc child process, or -1
 * @param receiverRole what the workload calls the receiving thread in tracers' tables
 *     ({@code receiver}; the latency workload's {@code initiator})
 * @param senderRole what it calls the sending thread ({@code sender}; latency's {@code responder})
 */
public record Participants(int pid, int receiverTid, int senderTid, int childPid, String receiverRole,
        String senderRole) {
    /** The stream's participants: a receiver and a sender. */
    public Participants(int pid, int receiverTid, int senderTid, int childPid) {
        this(pid, receiverTid, senderTid, childPid, "receiver", "sender");
    }

    /** The same threads under the names {@code receiverRole} and {@code senderRole}. */
    public Participants named(String receiverRole, String senderRole) {
        return new Participants(pid, receiverTid, senderTid, childPid, receiverRole, senderRole);
    }

    /** The role of thread {@code tid}: one of the two names, both joined by '+' in 1thread, or {@code other}. */
    public String role(int tid) {
        if (receiverTid == senderTid) {
            return receiverRole + "+" + senderRole;
        }
        return tid == receiverTid ? receiverRole : tid == senderTid ? senderRole : "other";
    }

    /** The benchmark's threads, receiver first; one id in 1thread, where both are the same thread. */
    public java.util.Set<Integer> threadIds() {
        return new java.util.LinkedHashSet<>(java.util.List.of(receiverTid, senderTid));
    }
}
