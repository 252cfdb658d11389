package ipclab.sys;

/** errno values ipclab names in its messages (Linux x86_64 / aarch64 numbering). */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int EMSGSIZE = 90;
    public static final int EADDRINUSE = 98;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;
    public static final int EINPROGRESS = 115;

    private static final class Text {
        static final java.lang.invoke.MethodHandle STRERROR = Downcalls.plain("strerror",
                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.ADDRESS,
                        java.lang.foreign.ValueLayout.JAVA_INT));
    }

    private Errno() {}

    /** {@code char *strerror(int errnum)}, strerror(3): the C library's text. Only on failure paths. */
    public static String strerror(int errno) {
        try {
            java.lang.foreign.MemorySegment s = (java.lang.foreign.MemorySegment) Text.STRERROR.invokeExact(errno);
            return s.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The symbolic name, such as {@code EPIPE}, or {@code errno N} when ipclab has no name for it. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case 5 -> "EIO";
            case 7 -> "E2BIG";
            case EBADF -> "EBADF";
            case ECHILD -> "ECHILD";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case 14 -> "EFAULT";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 19 -> "ENODEV";
            case EINVAL -> "EINVAL";
            case 23 -> "ENFILE";
            case EMFILE -> "EMFILE";
            case 28 -> "ENOSPC";
            case EPIPE -> "EPIPE";
            case 38 -> "ENOSYS";
            case 88 -> "ENOTSOCK";
            case EMSGSIZE -> "EMSGSIZE";
            case 92 -> "ENOPROTOOPT";
            case 93 -> "EPROTONOSUPPORT";
            case 95 -> "EOPNOTSUPP";
            case 97 -> "EAFNOSUPPORT";
            case EADDRINUSE -> "EADDRINUSE";
            case 99 -> "EADDRNOTAVAIL";
            case 101 -> "ENETUNREACH";
            case ECONNABORTED -> "ECONNABORTED";
            case ECONNRESET -> "ECONNRESET";
            case 105 -> "ENOBUFS";
            case 107 -> "ENOTCONN";
            case 110 -> "ETIMEDOUT";
            case 111 -> "ECONNREFUSED";
            case EINPROGRESS -> "EINPROGRESS";
            default -> "errno " + errno;
        };
    }
}
