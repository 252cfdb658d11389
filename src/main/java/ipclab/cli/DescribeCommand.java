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

    /** Names the -j document's shape, as ipclab-run/1 names a run's. */
    static final String JSON_FORMAT = "ipclab-describe/1";

    /** The -j document: its format, then the machine as every other document carries it. */
    static Map<String, Object> document(Map<String, Map<String, Object>> machine) {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("format", JSON_FORMAT);
        doc.put("machine", machine);
        return doc;
    }

    @Override
    public Integer call() {
        Map<String, Map<String, Object>> d = MachineDescription.describeLive();
        PrintWriter out = spec.commandLine().getOut();
        boolean asJson = json || parent != null && parent.json;
        out.print(asJson ? RunJson.render(document(d)) + "\n" : TextOutput.description(d));
        out.flush();
        return ExitCodes.OK;
    }
}
