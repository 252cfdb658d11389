package ipclab.model;

import ipclab.sys.Errno;
import ipclab.sys.Errno;

/** The transfer itself failed: a read or write error, a short write, or the wrong byte count. */
public class TransferException extends Exception {
    public TransferException(String message) {
        super(message);
    }

    public static TransferException failed(String call, long errno, long doneBytes, long totalBytes) {
        int e = (int) errno;
        return new TransferException(call + ": " + Errno.strerror(e) + " (" + Errno.name(e) + ") after "
                + doneBytes + " of " + totalBytes + " bytes");
    }

    public static TransferException shortWrite(long written, long asked, long doneBytes, long totalBytes) {
        return new TransferException("write: short write of " + written + " of " + asked
                + " bytes on a blocking descriptor after " + doneBytes + " of " + totalBytes + " bytes");
    }

    public static TransferException endOfFile(long doneBytes, long totalBytes) {
        return new TransferException("read: end of file after " + doneBytes + " of " + totalBytes
                + " bytes: the sender stopped early");
    }
}
