package ipclab.cli;

import ipclab.machine.MachineDescription;
import ipclab.machine.NoiseCheck;
import ipclab.report.RunJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ipclab check}: what on this machine could disturb a measurement, one OK or WARN line
 * each with what to do, as pyperf's {@code system check} prints. It only looks: the exit status
 * is 0 whatever it finds.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        description = {
            "Prints what could disturb a measurement on this machine, one OK or WARN line each, with what to do about"
                    + " a warning: the load average against the online CPUs, threads waiting for a CPU and other busy"
                    + " processes (watched for 0.5 s), the CPU frequency governor, SMT siblings, virtualization (and"
                    + " steal), the clock source and transparent huge pages. Exit status 0 whatever it finds.",
        })
final class CheckCommand implements Callable<Integer> {
    /** Names the -j document's shape. */
    static final String JSON_FORMAT = "ipclab-check/1";

    @Spec
    CommandSpec spec;

    @Option(names = "-j", description = "print JSON (" + JSON_FORMAT + ")")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        NoiseCheck check = NoiseCheck.live();
        NoiseCheck.Sampled sampled = check.sample(NoiseCheck.SAMPLE_MILLIS);
        List<NoiseCheck.Finding> findings = check.findings(sampled);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? RunJson.render(document(MachineDescription.describeLive(), sampled.millis(), findings)) + "\n"
                : text(findings, sampled.millis()));
        out.flush();
        return ExitCodes.OK;
    }

    /** One line per finding, {@code OK   name: seen} or {@code WARN name: seen; what to do}, then a count. */
    static String text(List<NoiseCheck.Finding> findings, long millis) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "ipclab check: what could disturb a"
                + " measurement on this machine (the load watched for %.1f s)%n", millis / 1000.0));
        for (NoiseCheck.Finding f : findings) {
            b.append(String.format(Locale.ROOT, "%-4s  %s: %s", f.status(), f.name(), Escapes.oneLine(f.seen())));
            if (f.advice() != null) {
                b.append("; ").append(Escapes.oneLine(f.advice()));
            }
            b.append('\n');
        }
        long warnings = warnings(findings);
        b.append(warnings == 0 ? "nothing found that would disturb a measurement now\n"
                : warnings + (warnings == 1 ? " warning" : " warnings") + ": a measurement made now includes "
                        + (warnings == 1 ? "it" : "them") + "\n");
        return b.toString();
    }

    /** The -j document: its format first, the machine, then the findings. */
    static Map<String, Object> document(Map<String, ?> machine, long millis, List<NoiseCheck.Finding> findings) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", JSON_FORMAT);
        d.put("machine", machine);
        d.put("sample_ms", millis);
        d.put("warnings", warnings(findings));
        d.put("checks", findings.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("status", f.status().name().toLowerCase(Locale.ROOT));
            m.put("seen", f.seen());
            m.put("advice", f.advice());
            m.put("facts", f.facts());
            return m;
        }).toList());
        return d;
    }

    private static long warnings(List<NoiseCheck.Finding> findings) {
        return findings.stream().filter(f -> f.status() == NoiseCheck.Status.WARN).count();
    }
}
