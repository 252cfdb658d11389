package ipclab.cli;

import ipclab.ipc.Mechanism;
import ipclab.ipc.MechanismSetting;
import ipclab.ipc.Mechanisms;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The mechanisms' own settings as options of every command that runs the benchmark (the root,
 * {@code latency}, {@code trace}, {@code probe-effect}): one option per setting the registry
 * declares ({@link Mechanism#settings}), added to the command's model when it is built, so a new
 * mechanism's setting needs no annotation here. The values are taken as text and checked by the
 * setting itself when the configuration is made; one given to a mechanism that does not declare
 * it is refused there, naming the mechanisms it applies to. {@code sweep} takes each as a list of
 * levels ({@link #addListsTo}), a plan key of the same name.
 */
final class SettingOptions {
    private SettingOptions() {}

    /** Adds the registry's settings to {@code spec}, once. */
    static void addTo(CommandSpec spec) {
        for (var entry : declared().entrySet()) {
            MechanismSetting s = entry.getValue().getFirst().settings().stream()
                    .filter(x -> x.name().equals(entry.getKey())).findFirst().orElseThrow();
            if (spec.findOption(s.flag()) != null) {
                continue;
            }
            String owners = String.join(", ", entry.getValue().stream().map(m -> "-i " + m.name()).toList());
            OptionSpec.Builder option = OptionSpec.builder(s.flag()).type(String.class)
                    .description(s.description() + " (" + owners + "; default: " + s.defaultValue() + ")");
            if (s.isFlag()) {
                // Arity 0: with an optional value picocli took the mode after the flag as its value
                // ("--splice-receiver 2thread" lost its mode). Given alone it is true.
                option.arity("0").type(Boolean.class);
            } else {
                option.arity("1").paramLabel(s.paramLabel());
            }
            spec.addOption(option.build());
        }
    }

    /**
     * Adds the registry's settings to {@code spec} as lists of levels, the sweep's plan keys: each
     * takes a value, a flag too ({@code --splice-receiver false,true}), and the plan checks the
     * levels and which swept mechanisms declare the setting.
     */
    static void addListsTo(CommandSpec spec) {
        for (var entry : declared().entrySet()) {
            MechanismSetting s = entry.getValue().getFirst().settings().stream()
                    .filter(x -> x.name().equals(entry.getKey())).findFirst().orElseThrow();
            if (spec.findOption(s.flag()) != null) {
                continue;
            }
            String owners = String.join(", ", entry.getValue().stream().map(m -> "-i " + m.name()).toList());
            spec.addOption(OptionSpec.builder(s.flag()).type(String.class).arity("1")
                    .paramLabel(s.isFlag() ? "LIST" : s.paramLabel() + ",...")
                    .description(s.description() + (s.isFlag() ? ": false,true" : "") + " (" + owners
                            + " only, whose rows it multiplies; default: " + s.defaultValue() + ")")
                    .build());
        }
    }

    /** The settings given on the command line that {@code spec} parsed: name to text as typed. */
    static Map<String, String> given(CommandSpec spec) {
        Map<String, String> given = new LinkedHashMap<>();
        CommandLine.ParseResult parsed = spec == null || spec.commandLine() == null ? null
                : spec.commandLine().getParseResult();
        if (parsed == null) {
            return given;
        }
        for (String name : declared().keySet()) {
            String flag = "--" + name;
            if (parsed.hasMatchedOption(flag)) {
                Object value = parsed.matchedOption(flag).getValue();
                given.put(name, value == null ? "true" : String.valueOf(value));
            }
        }
        return given;
    }

    /** Every setting's name, with the mechanisms that declare it, in registry order. */
    private static Map<String, List<Mechanism>> declared() {
        return ipclab.ipc.Settings.owners();
    }
}
