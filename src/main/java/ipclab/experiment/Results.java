package ipclab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A results folder as read: its metadata, plan and configurations, its trials in file order, and
 * what was noticed but tolerated (a torn last line), for the command line to report.
 */
public record Results(Path folder, Map<String, Object> metadata, Plan plan, List<ConfigKey> configurations,
        List<TrialRecord> trials, List<String> warnings) {

    /** The folder's name: how charts and tables tell several folders apart. */
    public String label() {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    /** The machine description recorded by the sweep. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> machine() {
        Object m = metadata.get("machine");
        return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }
}
