package ipclab.cli;

import ipclab.ipc.Mode;
import ipclab.sys.CpuSet;
import ipclab.sys.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * --cpus: one CPU (both ends on it) or two (receiver, then sender), each online and allowed to
 * this process. Parsing is pure; what is usable is read from the kernel by {@link #usableCpus}.
 */
final class CpuOption {
    static final String FORMS = "give one CPU for both ends (e.g. 0) or receiver,sender (e.g. 0,1)";

    private CpuOption() {}

    /**
     * The CPUs of {@code text} for {@code mode}, checked against {@code usable}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static List<Integer> parse(String text, Mode mode, List<Integer> usable) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("--cpus is empty: " + FORMS);
        }
        String[] parts = s.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("--cpus '" + text + "' names " + parts.length + " CPUs: " + FORMS);
        }
        List<Integer> cpus = new ArrayList<>();
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("--cpus '" + text + "' is not a CPU list: " + FORMS);
            }
            int cpu = Integer.parseInt(p);
            if (!usable.contains(cpu)) {
                throw new IllegalArgumentException("--cpus: CPU " + cpu + " is not online and allowed here (usable: "
                        + CpuSet.formatList(usable) + ")");
            }
            cpus.add(cpu);
        }
        if (mode == Mode.ONE_THREAD && cpus.size() > 1) {
            throw new IllegalArgumentException("--cpus '" + text + "': 1thread runs both ends in one thread; give one"
                    + " CPU");
        }
        return List.copyOf(cpus);
    }

    /** CPUs that are online and in this process's affinity mask; empty if neither can be read. */
    static List<Integer> usableCpus() {
        List<Integer> online;
        try {
            online = CpuSet.parseList(Files.readString(Path.of("/sys/devices/system/cpu/online")));
        } catch (IOException | IllegalArgumentException e) {
            online = null;
        }
        List<Integer> allowed;
        try {
            allowed = CpuSet.allowed();
        } catch (SysException e) {
            allowed = null;
        }
        if (online == null) {
            return allowed == null ? List.of() : allowed;
        }
        if (allowed == null) {
            return online;
        }
        List<Integer> both = new ArrayList<>(online);
        both.retainAll(allowed);
        return both;
    }
}
