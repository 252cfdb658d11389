package ipclab.cli;

/** A failure the user can act on, with its sysexits code; printed as one line. */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
