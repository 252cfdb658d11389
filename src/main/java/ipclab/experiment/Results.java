package ipclab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A results folder as read: its metadata, plan and configurations, its trials in file order, and
 * what was noticed but tolerated (a torn last line), for the command line to report.
 */
public record Results(Path folder, Map<String, Object> metadata, Plan plan, List<ConfigKey> configurations,
        List<TrialRecord> trials, List<String> warnings, String label) {

    /** The folder's name: how charts and tables tell several folders apart. */
    static String nameOf(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    /** The same results under another label. */
    public Results withLabel(String newLabel) {
        return new Results(folder, metadata, plan, configurations, trials, warnings, newLabel);
    }

    /**
     * Labels that tell {@code folders} apart: each folder's name, or where two share a name, its
     * parent's name too, or failing that a number.
     */
    public static List<Results> distinctLabels(List<Results> folders) {
        List<Results> out = new java.util.ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Results r : folders) {
            String label = r.label();
            long same = folders.stream().filter(o -> o.label().equals(r.label())).count();
            if (same > 1) {
                Path parent = r.folder().toAbsolutePath().normalize().getParent();
                label = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + label;
            }
            String unique = label;
            for (int i = 2; !used.add(unique); i++) {
                unique = label + " (" + i + ")";
            }
            out.add(r.withLabel(unique));
        }
        return out;
    }

    /** The machine description recorded by the sweep. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> machine() {
        Object m = metadata.get("machine");
        return m instanceof Map<?, ?> ? (Map<String, Object>) m : Map.of();
    }
}
