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

    /**
     * A refusal that did not come with an errno (the JDK's file API said why): {@code call: why}.
     */
    public SysException(String call, String why) {
        super(call + ": " + why);
        this.call = call;
        this.errno = 0;
    }

    /** The C name of the call that failed. */
    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

}
