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
        Throwable failure = receiverFailure != null ? receiverFailure : senderFailure;
        if (receiverFailure != null && senderFailure != null) {
            failure = new TransferException("sender: " + senderFailure.getMessage()
                    + "; receiver: " + receiverFailure.getMessage());
        }
        switch (failure) {
            case null -> { }
            case Exception e -> throw e;
            case Error e -> throw e;
            default -> throw new AssertionError(failure);
        }
    }
}
