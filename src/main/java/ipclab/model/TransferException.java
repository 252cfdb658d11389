package ipclab.model;

import ipclab.sys.Errno;

/** The transfer itself failed: a read or write error, a short write, or the wrong byte count. */
public class TransferException extends Exception {
    private final boolean refusedCall;

    public TransferException(String message) {
        this(message, false);
    }

    /** A failure whose message says it; {@code refusedCall}: see {@link #refusedCall()}. */
    public TransferException(String message, boolean refusedCall) {
        super(message);
        this.refusedCall = refusedCall;
    }

    /**
     * Whether the kernel refused the call itself rather than the transfer failing: EMSGSIZE, a
     * message larger than the mechanism's limit (a Unix datagram beyond its send buffer), which
     * the limit check before the run should have caught. The command line exits 71 for it.
     */
    public boolean refusedCall() {
        return refusedCall;
    }

    public static TransferException failed(String call, long errno, long doneBytes, long totalBytes) {
        int e = (int) errno;
        // A blocking read's EAGAIN is a receive deadline (SO_RCVTIMEO: -i udp's round trips).
        String why = call.equals("read") && e == Errno.EAGAIN
                ? ": nothing arrived within the receive deadline (SO_RCVTIMEO): a datagram was lost" : "";
        return new TransferException(call + ": " + Errno.strerror(e) + " (" + Errno.name(e) + ") after "
                + doneBytes + " of " + totalBytes + " bytes" + why, e == Errno.EMSGSIZE);
    }

    public static TransferException shortWrite(long written, long asked, long doneBytes, long totalBytes) {
        return new TransferException("write: short write of " + written + " of " + asked
                + " bytes on a blocking descriptor after " + doneBytes + " of " + totalBytes + " bytes");
    }

    /** A lossy mechanism's first receive met its deadline: nothing arrived at all. */
    public static TransferException nothingArrived(long deadlineNanos, long totalBytes) {
        return new TransferException("read: no datagram arrived within the " + deadlineNanos / 1_000_000
                + " ms receive deadline (SO_RCVTIMEO, EAGAIN), 0 of " + totalBytes + " bytes: the sender never sent");
    }

    public static TransferException allDropped(long totalBytes) {
        return new TransferException("read: the sender finished and no datagram arrived, 0 of " + totalBytes
                + " bytes: every one was dropped");
    }

    public static TransferException endOfFile(long doneBytes, long totalBytes) {
        return new TransferException("read: end of file after " + doneBytes + " of " + totalBytes
                + " bytes: the sender stopped early");
    }
}
