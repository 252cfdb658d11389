package ipclab.cli;

import ipclab.ipc.Mode;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;

/**
 * Mode and IPC type words, with an error that lists the words that exist. The words are read
 * here, outside the picocli converters: a class that implements picocli's interface cannot be
 * held in the AOT cache, and a lambda in one is linked afresh at every start.
 */
final class ModeConverter {
    private ModeConverter() {}

    @QuickParse("ipclab.cli.ModeConverter.mode")
    static final class Modes implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String text) {
            try {
                return mode(text);
            } catch (IllegalArgumentException e) {
                throw PicocliErrors.conversion(e.getMessage());
            }
        }
    }

    @QuickParse("ipclab.cli.ModeConverter.mechanism")
    static final class IpcTypes implements ITypeConverter<Mechanism> {
        @Override
        public Mechanism convert(String text) {
            try {
                return mechanism(text);
            } catch (IllegalArgumentException e) {
                throw PicocliErrors.conversion(e.getMessage());
            }
        }
    }

    static Mode mode(String text) {
        return Mode.fromLabel(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown mode '" + text + "': use " + words(Mode.values()) + hint(text)));
    }

    static Mechanism mechanism(String text) {
        return Mechanisms.byName(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown mechanism '" + text + "': use " + String.join(", ", Mechanisms.names())
                        + Suggest.nearest(text, Mechanisms.names()).map(t -> " (did you mean " + t + "?)").orElse("")));
    }

    /** An IPC type where a mode belongs is the likeliest slip ("ipclab -b 4k pipe"); else a near mode. */
    private static String hint(String text) {
        if (Mechanisms.byName(text).isPresent()) {
            return " (did you mean -i " + text + "?)";
        }
        List<String> modes = Arrays.stream(Mode.values()).map(Mode::label).toList();
        return Suggest.nearest(text, modes).map(m -> " (did you mean " + m + "?)").orElse("");
    }

    static String words(Object[] values) {
        return Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
    }
}
