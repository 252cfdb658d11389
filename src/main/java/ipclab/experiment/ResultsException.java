package ipclab.experiment;

/**
 * A results folder that cannot be read or written, with the file (and line) named in the
 * message. {@link Kind} tells the command line which exit status fits.
 */
public final class ResultsException extends Exception {
    /** What went wrong: bad data, a missing input, an output that cannot be made, failed I/O. */
    public enum Kind { DATA, NO_INPUT, CANT_CREATE, IO }

    private final Kind kind;

    public ResultsException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
