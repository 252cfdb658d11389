package ipclab.ipc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the kernel granted for an endpoint pair, read back after set-up, by sample field name
 * ({@code pipe_capacity_bytes}, {@code sndbuf_bytes}...): Linux rounds pipe sizes to pages and
 * doubles socket buffer requests, so the request alone does not say what was measured. A field
 * a mechanism does not fill is absent ({@link #get} gives -1).
 */
public record Grants(Map<String, Long> values) {
    public static final Grants NONE = new Grants(Map.of());

    public Grants {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Grants given as field, value, field, value... */
    public static Grants of(Object... fieldsAndValues) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            m.put((String) fieldsAndValues[i], ((Number) fieldsAndValues[i + 1]).longValue());
        }
        return new Grants(m);
    }

    /** The value of {@code field}, or -1 when this pair has none. */
    public long get(String field) {
        return values.getOrDefault(field, -1L);
    }
}
