package ipclab.cli;

import ipclab.model.Mode;
import ipclab.ipc.IpcType;
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

    static final class IpcTypes implements ITypeConverter<IpcType> {
        @Override
        public IpcType convert(String text) {
            return IpcType.fromLabel(text).orElseThrow(() -> new TypeConversionException(
                    "unknown IPC type '" + text + "': use " + words(IpcType.values())));
        }
    }

    static String words(Object[] values) {
        return Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
    }
}
