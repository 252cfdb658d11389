package ipclab.cli;

import ipclab.machine.MachineDescription;
import ipclab.report.RunJson;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ipclab describe}: the machine, OS, IPC limits and JVM a result was measured on. */
@Command(name = "describe", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Print the hardware, OS, IPC limits and JVM, as every -j result records them. "
                + "A fact that cannot be read shows 'unknown'.")
public final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-j", description = "print JSON")
    boolean json;

    /** For {@code ipclab -j describe}, flags first as ipc-benchmark takes them. */
    @ParentCommand
    IpclabCommand parent;

    @Override
    public Integer call() {
        Map<String, Map<String, Object>> d = MachineDescription.describeLive();
        PrintWriter out = spec.commandLine().getOut();
        boolean asJson = json || parent != null && parent.json;
        out.print(asJson ? RunJson.render(d) + "\n" : TextOutput.description(d));
        out.flush();
        return ExitCodes.OK;
    }
}
