package ipclab.trace;

/** The effective uid, for tests outside the package. */
public final class ToolRequirementAccess {
    private ToolRequirementAccess() {}

    public static int uid() {
        return Tools.effectiveUid();
    }
}
