package ipclab.ipc;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A setting that belongs to one mechanism ({@code --mq-depth}, {@code --wait}, {@code --ring-size}):
 * declared once, by the mechanism ({@link Mechanism#settings}), and from there a command-line
 * option of every command that runs the benchmark, a plan key, a part of the configuration that
 * results record ({@link Settings}) and the 2proc child receives. Nothing else has to name it.
 *
 * @param name the option without its dashes, also the plan key: {@code mq-depth}
 * @param paramLabel the option's value in the help: {@code N}
 * @param description the help text: what it sets, and its default
 * @param defaultValue the value when none is given, in its normal form
 * @param normaliser checks a value given as text and returns its normal form (so that {@code 4K}
 *     and {@code 4096} are one configuration); throws IllegalArgumentException with one line
 */
public record MechanismSetting(String name, String paramLabel, String description, String defaultValue,
        UnaryOperator<String> normaliser) {

    public MechanismSetting {
        if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a setting's name is lower-case words with dashes: " + name);
        }
    }

    /** The command-line flag: {@code --mq-depth}. */
    public String flag() {
        return "--" + name;
    }

    /** {@code value} in normal form, or IllegalArgumentException naming the flag and what is allowed. */
    public String normalise(String value) {
        return normaliser.apply(value.strip());
    }

    /** A whole number from {@code min} to {@code max} (a size may carry K, M or G). */
    public static MechanismSetting number(String name, String paramLabel, String description, long defaultValue,
            long min, long max) {
        String flag = "--" + name;
        return new MechanismSetting(name, paramLabel, description, Long.toString(defaultValue), text -> {
            long v;
            try {
                v = Sizes.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": '" + text + "' is not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", not " + text);
            }
            return Long.toString(v);
        });
    }

    /** One of {@code choices}. */
    public static MechanismSetting choice(String name, String description, String defaultValue, List<String> choices) {
        String flag = "--" + name;
        return new MechanismSetting(name, String.join("|", choices), description, defaultValue, text -> {
            if (!choices.contains(text)) {
                throw new IllegalArgumentException(flag + " is one of " + String.join(", ", choices) + ", not '"
                        + text + "'");
            }
            return text;
        });
    }

    /** On or off: {@code true} or {@code false} (a flag given alone is {@code true}). */
    public static MechanismSetting flag(String name, String description) {
        String flag = "--" + name;
        return new MechanismSetting(name, "", description, "false", text -> {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException(flag + " is true or false, not '" + text + "'");
            }
            return text;
        });
    }

    /** Whether it is an on/off flag that takes no value on the command line. */
    public boolean isFlag() {
        return paramLabel.isEmpty();
    }

    /** Sizes as ipclab's options take them: digits, optionally K, M or G (powers of 1024). */
    private static final class Sizes {
        static long parse(String text) {
            if (!text.matches("[0-9]{1,15}[kKmMgG]?")) {
                throw new IllegalArgumentException(text);
            }
            char last = text.charAt(text.length() - 1);
            int shift = switch (Character.toUpperCase(last)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                default -> 0;
            };
            String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
            return Long.parseLong(digits) << shift;
        }
    }
}
