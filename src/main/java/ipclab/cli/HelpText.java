package ipclab.cli;

import ipclab.ipc.IpcOption;
import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import java.util.stream.Collectors;

/**
 * The parts of the help that come from the mechanism registry, published as system properties
 * that picocli interpolates ({@code ${sys:ipclab.mechanisms}}): annotations hold only constants,
 * and the list of mechanisms is not one.
 */
final class HelpText {
    private HelpText() {}

    static void publishMechanisms() {
        System.setProperty("ipclab.mechanisms", String.join("|", Mechanisms.names()));
        System.setProperty("ipclab.mechanismHelp", Mechanisms.all().stream()
                .map(m -> m.name() + ": " + m.description()).collect(Collectors.joining("; ")));
        System.setProperty("ipclab.latencyMechanisms", Mechanisms.all().stream()
                .filter(m -> m.workloads().contains("latency")).map(Mechanism::name).collect(Collectors.joining("|")));
        System.setProperty("ipclab.takesSocketBuffers", takers(IpcOption.SOCKET_BUFFERS));
        System.setProperty("ipclab.takesPipeSize", takers(IpcOption.PIPE_SIZE));
        System.setProperty("ipclab.settingsSynopsis", Mechanisms.all().stream()
                .flatMap(m -> m.settings().stream()).map(s -> "[" + s.flag() + (s.isFlag() ? "" : " " + s.paramLabel())
                        + "]").distinct().collect(Collectors.joining(" ")));
    }

    /** {@code local, tcp only}: the mechanisms an option applies to. */
    private static String takers(IpcOption option) {
        return Mechanisms.taking(option).stream().map(Mechanism::name).collect(Collectors.joining(", ")) + " only";
    }
}
