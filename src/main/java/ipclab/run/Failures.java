package ipclab.run;

import ipclab.model.TransferException;

/** How the failures of a run's sides become the run's failure. */
public final class Failures {
    private Failures() {}

    /**
     * Throws what the two sides threw. When both failed, one failure usually caused the other
     * (a dead sender gives the receiver EOF, a dead receiver gives the sender EPIPE), so both
     * messages are kept.
     */
    public static void rethrow(Throwable receiverFailure, Throwable senderFailure) throws Exception {
        rethrow("receiver", receiverFailure, "sender", senderFailure);
    }

    /** As {@link #rethrow(Throwable, Throwable)}, with the sides' names (initiator, responder). */
    public static void rethrow(String firstSide, Throwable first, String secondSide, Throwable second)
            throws Exception {
        Throwable failure = first != null ? first : second;
        if (first != null && second != null) {
            // a call the kernel refused (EMSGSIZE) stays the cause, and the exit status says so
            boolean refused = first instanceof TransferException t && t.refusedCall()
                    || second instanceof TransferException t2 && t2.refusedCall();
            failure = new TransferException(secondSide + ": " + second.getMessage() + "; " + firstSide + ": "
                    + first.getMessage(), refused);
        }
        // instanceof, not a pattern switch: its type-switch class is made at run time, outside
        // the AOT cache, and every run comes here.
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }
}
