package ipclab.trace;

/** A tracer could not do its job; {@link #kind} says whose fault, for the exit status. */
public final class TracerException extends Exception {
    /** Why a tracer failed. */
    public enum Kind {
        /** The tool is not installed (or not usable on this kernel). */
        MISSING,
        /** Not enough privilege. */
        PERMISSION,
        /** The user's script does not exist or does not compile. */
        SCRIPT,
        /** It died, never attached in time, or could not be stopped. */
        FAILED
    }

    private final Kind kind;

    public TracerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
