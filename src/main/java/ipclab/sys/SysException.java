package ipclab.sys;

/**
 * The kernel refused a call. The message names the call and gives strerror's text and the errno
 * name, as in {@code bind: Address already in use (EADDRINUSE)}.
 */
public class SysException extends Exception {
    private final String call;
    private final int errno;

    public SysException(String call, int errno) {
        super(call + ": " + Errno.strerror(errno) + " (" + Errno.name(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The C name of the call that failed. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    /** Returns {@code result} when it is not negative, else throws for {@code -result} as errno. */
    public static long check(String call, long result) throws SysException {
        if (result < 0) {
            throw new SysException(call, (int) -result);
        }
        return result;
    }
}
