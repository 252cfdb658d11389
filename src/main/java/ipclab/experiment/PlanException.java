package ipclab.experiment;

/** A plan that cannot run: a bad value, or a point of the product that is impossible. Named for the user. */
public final class PlanException extends Exception {
    private final boolean noInput;

    public PlanException(String message) {
        this(message, false);
    }

    /** {@code noInput}: the plan file is missing, or not a regular file (exit 66, not 65). */
    public PlanException(String message, boolean noInput) {
        super(message);
        this.noInput = noInput;
    }

    public boolean noInput() {
        return noInput;
    }
}
