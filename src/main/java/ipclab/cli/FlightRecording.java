package ipclab.cli;

import ipclab.probe.ReadEvent;
import ipclab.probe.RunEvent;
import ipclab.probe.WriteEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jdk.jfr.Recording;

/**
 * --jfr FILE: a JDK Flight Recorder recording of ipclab's own events only (runs, and with
 * --jfr-calls each read and write), started after the warm-up and dumped when the invocation
 * ends. Nothing is half-written: the recording goes to a temporary file beside FILE, which is
 * moved into place at the end; whether the folder is writable is checked before any run (exit 73).
 * In 2proc with call events the sender is another JVM: it records its own write events, which end
 * up beside FILE as {@code NAME-sender.jfr}. They are not appended to FILE: chunks of two JVMs in
 * one file are counted by {@code jfr summary} but dropped by {@code RecordingFile} (and so by
 * {@code jfr print}) when the two JVMs numbered their event types differently.
 */
final class FlightRecording implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final Path childTemporary;
    private final Recording recording = new Recording();
    private Path childTarget;
    private boolean callEvents;

    private FlightRecording(Path target, Path temporary, Path childTemporary) {
        this.target = target;
        this.temporary = temporary;
        this.childTemporary = childTemporary;
    }

    /** {@code run.jfr} -> {@code run-sender.jfr}: where the 2proc child's events go. */
    static Path senderFile(Path target) {
        String name = target.getFileName().toString();
        String stem = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        return target.resolveSibling(stem + "-sender.jfr");
    }

    /** Checks that {@code target} can be created and prepares the recording; exit 73 if it cannot. */
    static FlightRecording create(Path target, boolean callEvents) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UserException(ExitCodes.CANT_CREATE, "cannot create --jfr file " + target + ": it is a folder");
        }
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            throw new UserException(ExitCodes.CANT_CREATE, "cannot create --jfr file " + target + ": no folder " + dir);
        }
        Path temporary;
        Path child;
        try {
            temporary = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
            child = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".child");
        } catch (IOException | SecurityException e) {
            throw new UserException(ExitCodes.CANT_CREATE, "cannot create --jfr file " + target + ": "
                    + reason(e, dir));
        }
        FlightRecording r = new FlightRecording(absolute, temporary, child);
        r.recording.setName("ipclab");
        r.recording.enable(RunEvent.class);
        r.callEvents = callEvents;
        return r;
    }

    /** Where the 2proc child is to dump its own events. */
    String childRecording() {
        return childTemporary.toString();
    }

    /**
     * Starts recording run events. Called before the warm-up: starting the recorder loads classes,
     * starts its threads and may recompile, which must not happen next to a timed region.
     */
    void start() {
        recording.start();
    }

    /** Turns the call events on (--jfr-calls), after the warm-up, whose calls are not the run's. */
    void startCallEvents() {
        if (callEvents) {
            recording.enable(ReadEvent.class);
            recording.enable(WriteEvent.class);
        }
    }

    /** Stops, dumps and moves the file (and the child's, if it recorded) into place. */
    void finish() throws IOException {
        recording.stop();
        recording.dump(temporary);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (Files.size(childTemporary) > 0) {
            childTarget = senderFile(target);
            Files.move(childTemporary, childTarget, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    Path target() {
        return target;
    }

    /** The 2proc child's recording, once {@link #finish} moved it into place; else null. */
    Path childTarget() {
        return childTarget;
    }

    /** Removes whatever was not moved into place. */
    @Override
    public void close() {
        recording.close();
        try {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(childTemporary);
        } catch (IOException e) {
            // A temporary file left behind is harmless; its name starts with a dot.
        }
    }

    private static String reason(Exception e, Path dir) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileSystemException f -> f.getReason() != null ? f.getReason()
                    : "no file can be made in " + dir;
            default -> String.valueOf(e.getMessage());
        };
    }
}
