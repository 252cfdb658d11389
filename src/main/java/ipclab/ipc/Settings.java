package ipclab.ipc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values of a mechanism's own settings ({@link MechanismSetting}) for one configuration: every
 * setting the mechanism declares, given or defaulted, in normal form, sorted by name. Its text
 * form ({@code mq-depth=10;wait=futex}, empty for none) is the {@code ipc_settings} field of
 * samples and what the 2proc child receives.
 */
public final class Settings {
    public static final Settings NONE = new Settings(Map.of());

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * The settings of {@code mechanism} from {@code given} (name to text, as typed): each checked
     * and normalised, the missing ones at their defaults. A name the mechanism does not declare is
     * an IllegalArgumentException that names the mechanisms it belongs to.
     */
    public static Settings of(Mechanism mechanism, Map<String, String> given) {
        Map<String, String> values = new TreeMap<>();
        for (var e : given.entrySet()) {
            MechanismSetting s = declared(mechanism, e.getKey());
            values.put(s.name(), s.normalise(e.getValue()));
        }
        for (MechanismSetting s : mechanism.settings()) {
            values.putIfAbsent(s.name(), s.defaultValue());
        }
        return values.isEmpty() ? NONE : new Settings(values);
    }

    /** {@link #of} from the text form; an empty text is every default. */
    public static Settings parse(Mechanism mechanism, String text) {
        Map<String, String> given = new TreeMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("ipc settings are name=value;...: " + text);
            }
            given.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return of(mechanism, given);
    }

    /**
     * Every setting the registry declares, by name in registry order, each as its first
     * declaring mechanism has it, with the mechanisms that declare it: what the commands offer
     * as options and a sweep as plan keys.
     */
    public static Map<String, List<Mechanism>> owners() {
        Map<String, List<Mechanism>> names = new java.util.LinkedHashMap<>();
        for (Mechanism m : Mechanisms.all()) {
            for (MechanismSetting s : m.settings()) {
                names.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(m);
            }
        }
        return names;
    }

    /** The setting {@code name} as {@code mechanism} declares it, if it does. */
    public static java.util.Optional<MechanismSetting> find(Mechanism mechanism, String name) {
        return mechanism.settings().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static MechanismSetting declared(Mechanism mechanism, String name) {
        for (MechanismSetting s : mechanism.settings()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        List<String> owners = new ArrayList<>();
        for (Mechanism m : Mechanisms.all()) {
            if (m.settings().stream().anyMatch(s -> s.name().equals(name))) {
                owners.add("-i " + m.name());
            }
        }
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("no mechanism has a setting --" + name);
        }
        throw new IllegalArgumentException("--" + name + " applies to " + String.join(" or ", owners) + ", not -i "
                + mechanism.name());
    }

    /** The value of the setting {@code name}; IllegalArgumentException when there is none. */
    public String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no setting " + name);
        }
        return v;
    }

    /** The whole-number value of {@code name}. */
    public long number(String name) {
        return Long.parseLong(value(name));
    }

    /** The on/off value of {@code name}. */
    public boolean on(String name) {
        return Boolean.parseBoolean(value(name));
    }

    public Map<String, String> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code name=value;...} in name order; empty for none. */
    public String text() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
