package ipclab.experiment;

import ipclab.model.ConfigFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An option a sweep can vary, seen as an experimental factor: {@code compare --factor} holds every
 * other option fixed and compares this one's levels inside one folder, where the interleaved
 * schedule ran them side by side, block by block.
 *
 * @param name what {@code --factor} calls it
 * @param field the configuration field ({@link ConfigFields}) whose value is the level
 */
public record Factor(String name, String field) {
    public static final List<Factor> ALL = List.of(
            new Factor("mode", ConfigFields.MODE),
            new Factor("ipc", ConfigFields.IPC),
            new Factor("s", ConfigFields.SOCKET_BUFFERS),
            new Factor("pipe-size", ConfigFields.PIPE_SIZE),
            new Factor("placement", ConfigFields.CPUS),
            new Factor("fd-table", ConfigFields.FD_TABLE),
            new Factor("ipc-settings", ConfigFields.IPC_SETTINGS));

    public static Optional<Factor> byName(String name) {
        return ALL.stream().filter(f -> f.name.equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Factor::name).toList();
    }

    /** The level of {@code key}: its value of this factor's field, as the results files hold it. */
    public String level(ConfigKey key) {
        Object v = ConfigFields.value(key.config(), field);
        String text = String.valueOf(v);
        return field.equals(ConfigFields.CPUS) && text.isEmpty() ? "unpinned" : text;
    }

    /** What {@code key} is apart from this factor: the configuration's other fields, as text. */
    public String rest(ConfigKey key) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(ConfigFields.values(key.config()));
        fields.remove(field);
        fields.remove(ConfigFields.TOTAL_SIZE); // trials are sized per configuration
        return fields.toString();
    }
}
