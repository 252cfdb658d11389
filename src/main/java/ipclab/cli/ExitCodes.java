package ipclab.cli;

import ipclab.model.TransferException;
import ipclab.sys.SysException;

/** sysexits(3) codes, and which failure gets which. The one place that decides an exit status. */
public final class ExitCodes {
    public static final int OK = 0;
    /** EX_USAGE: the command line is wrong. */
    public static final int USAGE = 64;
    /** EX_DATAERR: input data (a plan, a script, a results file) is wrong. */
    public static final int DATA = 65;
    /** EX_NOINPUT: an input file does not exist or cannot be read. */
    public static final int NO_INPUT = 66;
    /** EX_UNAVAILABLE: a tool ipclab needs is missing. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a bug in ipclab. */
    public static final int SOFTWARE = 70;
    /** EX_OSERR: the kernel refused a set-up call. */
    public static final int OS_ERROR = 71;
    /** EX_CANTCREAT: an output file cannot be created. */
    public static final int CANT_CREATE = 73;
    /** EX_IOERR: the transfer (or writing results) failed. */
    public static final int IO_ERROR = 74;
    /** EX_NOPERM: not enough privilege (tracing without root). */
    public static final int NO_PERMISSION = 77;

    private ExitCodes() {}

    /** The exit status for a failure that reached the command line. */
    public static int of(Throwable failure) {
        return switch (failure) {
            case SysException e -> OS_ERROR;
            case TransferException e when e.refusedCall() -> OS_ERROR;
            case TransferException e -> IO_ERROR;
            case UserException e -> e.exitCode();
            default -> SOFTWARE;
        };
    }
}
