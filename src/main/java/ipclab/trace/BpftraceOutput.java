package ipclab.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ipclab.sys.Errno;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what ipclab's bpftrace scripts print with {@code -f json}: one JSON object a line, of
 * type {@code map} (counts keyed by syscall number, by "number,errno" or by tid) or {@code hist}
 * (power-of-two buckets {min, max, count}). Lines of other types (printf, attached_probes) and
 * blank lines are skipped.
 */
public final class BpftraceOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counts by key, per map name. */
    private final Map<String, Map<String, Long>> maps = new HashMap<>();
    /** Histograms by key ("" for an unkeyed one), per map name. */
    private final Map<String, Map<String, Log2Histogram>> hists = new HashMap<>();

    private BpftraceOutput() {}

    public static BpftraceOutput parse(List<String> lines) {
        BpftraceOutput o = new BpftraceOutput();
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("bpftrace printed a line that is not JSON: " + line, e);
            }
            String type = node.path("type").asText();
            JsonNode data = node.path("data");
            if (type.equals("map")) {
                data.properties().forEach(e -> {
                    Map<String, Long> m = new LinkedHashMap<>();
                    if (e.getValue().isObject()) {
                        e.getValue().properties().forEach(kv -> m.put(kv.getKey(), kv.getValue().asLong()));
                    } else {
                        m.put("", e.getValue().asLong());
                    }
                    o.maps.put(e.getKey(), m);
                });
            } else if (type.equals("hist")) {
                data.properties().forEach(e -> {
                    Map<String, Log2Histogram> m = new LinkedHashMap<>();
                    if (e.getValue().isArray()) {
                        m.put("", buckets(e.getValue()));
                    } else {
                        e.getValue().properties().forEach(kv -> m.put(kv.getKey(), buckets(kv.getValue())));
                    }
                    o.hists.put(e.getKey(), m);
                });
            }
        }
        return o;
    }

    private static Log2Histogram buckets(JsonNode array) {
        Log2Histogram.Builder b = new Log2Histogram.Builder();
        for (JsonNode bucket : array) {
            if (bucket.has("min") && bucket.path("min").asLong() >= 0) {
                b.addBucket(bucket.path("min").asLong(), bucket.path("count").asLong());
            }
        }
        return b.build();
    }

    public Map<String, Long> map(String name) {
        return maps.getOrDefault(name, Map.of());
    }

    public Map<String, Log2Histogram> hist(String name) {
        return hists.getOrDefault(name, Map.of());
    }

    /**
     * Per system call, from {@code @calls}, {@code @errors}, {@code @latency}, {@code @requested}
     * and {@code @returned}. Sizes come either as hist() maps keyed by call, or as count() maps
     * keyed by "call,exact value" (counts.bt); a call missing from {@code @calls} is counted as
     * its returned values plus its errors.
     */
    public Map<String, SyscallStats> syscalls() {
        Map<Integer, Map<String, Long>> errors = new HashMap<>();
        Map<Integer, Long> errorTotals = new HashMap<>();
        map("@errors").forEach((key, n) -> {
            String[] f = key.split(",");
            int nr = Integer.parseInt(f[0].strip());
            errors.computeIfAbsent(nr, k -> new TreeMap<>()).merge(Errno.name(Integer.parseInt(f[1].strip())), n,
                    Long::sum);
            errorTotals.merge(nr, n, Long::sum);
        });
        Map<Integer, Log2Histogram> requested = sizes("@requested");
        Map<Integer, Log2Histogram> returned = sizes("@returned");
        Map<Integer, Long> calls = new TreeMap<>();
        map("@calls").forEach((key, n) -> calls.put(Integer.parseInt(key.strip()), n));
        returned.forEach((nr, h) -> calls.putIfAbsent(nr, h.total() + errorTotals.getOrDefault(nr, 0L)));
        errorTotals.forEach(calls::putIfAbsent);
        boolean withLatency = hists.containsKey("@latency");
        Map<String, SyscallStats> out = new LinkedHashMap<>();
        // Busiest first, as DTrace's aggregations print (ties by number).
        List<Integer> order = new ArrayList<>(calls.keySet());
        order.sort((a, b) -> Long.compare(calls.get(b), calls.get(a)));
        for (int nr : order) {
            String k = Integer.toString(nr);
            boolean sized = nr == Syscalls.READ || nr == Syscalls.WRITE;
            out.put(Syscalls.name(nr), new SyscallStats(Syscalls.name(nr), calls.get(nr),
                    errors.getOrDefault(nr, Map.of()),
                    withLatency ? hist("@latency").getOrDefault(k, Log2Histogram.EMPTY) : null,
                    null,
                    sized ? requested.getOrDefault(nr, Log2Histogram.EMPTY) : null,
                    sized ? returned.getOrDefault(nr, Log2Histogram.EMPTY) : null));
        }
        return out;
    }

    /** A size map in either form (see {@link #syscalls}), as histograms by call number. */
    private Map<Integer, Log2Histogram> sizes(String name) {
        Map<Integer, Log2Histogram> out = new HashMap<>();
        hist(name).forEach((key, h) -> out.put(Integer.parseInt(key.strip()), h));
        Map<Integer, Log2Histogram.Builder> exact = new HashMap<>();
        map(name).forEach((key, n) -> {
            String[] f = key.split(",");
            exact.computeIfAbsent(Integer.parseInt(f[0].strip()), k -> new Log2Histogram.Builder())
                    .add(Long.parseLong(f[1].strip()), n);
        });
        exact.forEach((nr, b) -> out.merge(nr, b.build(), Log2Histogram::plus));
        return out;
    }

    /** The tids that appear in any per-thread map. */
    public TreeSet<Integer> threadIds() {
        TreeSet<Integer> tids = new TreeSet<>();
        for (String name : List.of("@switches", "@preempted", "@wakeups", "@faults")) {
            map(name).keySet().forEach(k -> tids.add(Integer.parseInt(k.strip())));
        }
        hist("@offcpu").keySet().forEach(k -> tids.add(Integer.parseInt(k.strip())));
        return tids;
    }

    public long threadCount(String mapName, int tid) {
        return map(mapName).getOrDefault(Integer.toString(tid), 0L);
    }
}
