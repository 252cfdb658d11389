package ipclab.experiment;

/** A plan that cannot run: a bad value, or a point of the product that is impossible. Named for the user. */
public final class PlanException extends Exception {
    public PlanException(String message) {
        super(message);
    }
}
