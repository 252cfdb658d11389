package ipclab.machine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JVM that runs the benchmark: vendor, version, collector, heap and the flags it was given. */
public final class JvmDescription {
    private JvmDescription() {}

    public static Map<String, Object> current() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vendor", System.getProperty("java.vendor", MachineDescription.UNKNOWN));
        m.put("version", Runtime.version().toString());
        m.put("vm", System.getProperty("java.vm.name", MachineDescription.UNKNOWN) + " "
                + System.getProperty("java.vm.version", ""));
        m.put("gc", String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList()));
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        m.put("available_processors", (long) Runtime.getRuntime().availableProcessors());
        m.put("flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return m;
    }
}
