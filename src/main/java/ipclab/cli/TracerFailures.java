package ipclab.cli;

import ipclab.trace.TracerException;

/** A tracer's failure as the one line and exit status the user sees. */
final class TracerFailures {
    private TracerFailures() {}

    static UserException toUserException(TracerException e) {
        int code = switch (e.kind()) {
            case MISSING, FAILED -> ExitCodes.UNAVAILABLE;
            case PERMISSION -> ExitCodes.NO_PERMISSION;
            case SCRIPT -> ExitCodes.DATA;
        };
        return new UserException(code, e.getMessage());
    }
}
