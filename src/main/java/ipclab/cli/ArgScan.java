package ipclab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A look at the command line before picocli parses it, with the model of the command it is for:
 * which subcommand (if any) was named, so that only that one is built (building picocli's model
 * of every subcommand was most of ipclab's start-up), and the mistakes picocli would report late
 * or in other words (an unknown option, reported after the mode it then failed to convert; a
 * command word after a mode).
 *
 * @param commandIndex where the subcommand's name stands in the arguments, or -1
 * @param error a usage error's one-line message, or null
 */
record ArgScan(int commandIndex, String error) {
    /** Scans {@code args} from {@code from} as options and positionals of {@code spec}. */
    static ArgScan of(CommandSpec spec, String[] args, int from, Set<String> commandWords) {
        String mode = null;
        for (int i = from; i < args.length; i++) {
            String t = args[i];
            if (t.equals("--")) {
                return new ArgScan(-1, null);
            }
            if (t.startsWith("--")) {
                String name = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                OptionSpec o = spec.findOption(name);
                if (o == null) {
                    return new ArgScan(-1, unknownOption(spec, name));
                }
                if (takesValue(o) && !t.contains("=")) {
                    i++;
                }
            } else if (t.startsWith("-") && t.length() > 1) {
                for (int j = 1; j < t.length(); j++) {
                    OptionSpec o = spec.findOption(t.charAt(j));
                    if (o == null) {
                        return new ArgScan(-1, unknownOption(spec, "-" + t.charAt(j)));
                    }
                    if (takesValue(o)) {
                        if (j == t.length() - 1) {
                            i++;
                        }
                        break;
                    }
                }
            } else if (commandWords.contains(t)) {
                if (mode != null) {
                    return new ArgScan(-1, "'" + t + "' is a command and '" + mode + "' a mode: a command comes"
                            + " first (ipclab " + t + " ...), a mode alone runs the benchmark once");
                }
                return new ArgScan(i, null);
            } else if (mode == null) {
                mode = t;
            }
        }
        return new ArgScan(-1, null);
    }

    private static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0;
    }

    /** "unknown option --buffer (did you mean -b?)": the options whose name or value label the word resembles. */
    static String unknownOption(CommandSpec spec, String name) {
        String word = name.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
        List<String> like = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            boolean close = false;
            for (String n : o.names()) {
                String bare = n.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
                close |= bare.length() > 1 && word.length() > 1
                        && (bare.startsWith(word) || word.startsWith(bare) || Suggest.distance(bare, word) <= 2);
            }
            String label = o.paramLabel().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            close |= takesValue(o) && word.length() >= 4 && label.length() >= 4 && (label.contains(word) || word.contains(label));
            if (close) {
                like.add(String.join("/", o.names()));
            }
        }
        return "unknown option " + name + (like.isEmpty() ? "" : " (did you mean " + String.join(" or ", like) + "?)");
    }
}
