package ipclab.cli;

import ipclab.ipc.Mode;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Mode and IPC type words, with an error that lists the words that exist. */
final class ModeConverter {
    private ModeConverter() {}

    static final class Modes implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String text) {
            return Mode.fromLabel(text).orElseThrow(() -> new TypeConversionException(
                    "unknown mode '" + text + "': use " + words(Mode.values())));
        }
    }

    static final class IpcTypes implements ITypeConverter<Mechanism> {
        @Override
        public Mechanism convert(String text) {
            return Mechanisms.byName(text).orElseThrow(() -> new TypeConversionException(
                    "unknown mechanism '" + text + "': use " + String.join(", ", Mechanisms.names())));
        }
    }

    static String words(Object[] values) {
        return Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
    }
}
