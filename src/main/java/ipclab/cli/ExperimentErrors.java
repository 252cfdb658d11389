package ipclab.cli;

import ipclab.experiment.PlanException;
import ipclab.experiment.Results;
import ipclab.experiment.ResultsException;
import ipclab.experiment.ResultsReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Turns the experiment layer's failures into one-line user errors with their sysexits code. */
final class ExperimentErrors {
    private ExperimentErrors() {}

    static UserException of(ResultsException e) {
        int code = switch (e.kind()) {
            case DATA -> ExitCodes.DATA;
            case NO_INPUT -> ExitCodes.NO_INPUT;
            case CANT_CREATE -> ExitCodes.CANT_CREATE;
            case IO -> ExitCodes.IO_ERROR;
        };
        return new UserException(code, e.getMessage());
    }

    /** A plan from the command line is a usage error; from a plan file, bad data. */
    static UserException of(PlanException e, boolean fromFile) {
        if (e.noInput()) {
            return new UserException(ExitCodes.NO_INPUT, e.getMessage());
        }
        return new UserException(fromFile ? ExitCodes.DATA : ExitCodes.USAGE, e.getMessage());
    }

    /** Reads a results folder, printing what was tolerated (a torn last line) on {@code err}. */
    static Results read(Path folder, PrintWriter err) {
        try {
            Results r = ResultsReader.read(folder);
            r.warnings().forEach(w -> err.println("ipclab: warning: " + Escapes.controls(w)));
            err.flush();
            return r;
        } catch (ResultsException e) {
            throw of(e);
        }
    }
}
