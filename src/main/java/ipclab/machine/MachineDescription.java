package ipclab.machine;

import ipclab.sys.CpuSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What a result needs to be believed: the hardware, the OS, the kernel's IPC limits and the JVM
 * ({@code ipclab describe}; the {@code machine} object of every -j document). Sections of named
 * values, in a fixed order; a value that cannot be read is the string {@value #UNKNOWN}, never an
 * error. Everything here is read from files under a {@link SysFiles} root, except the default
 * pipe capacity (measured by making a pipe, supplied by the caller) and the JVM section.
 */
public final class MachineDescription {
    public static final String UNKNOWN = "unknown";
    private static final String CPU = "/sys/devices/system/cpu/";

    private final SysFiles files;
    private final LongSupplier defaultPipeCapacity;

    /**
     * @param files where the kernel's files are read
     * @param defaultPipeCapacity F_GETPIPE_SZ of a fresh pipe, or negative when not known
     */
    public MachineDescription(SysFiles files, LongSupplier defaultPipeCapacity) {
        this.files = files;
        this.defaultPipeCapacity = defaultPipeCapacity;
    }

    /** This machine, this JVM. */
    public static Map<String, Map<String, Object>> describeLive() {
        Map<String, Map<String, Object>> d = new MachineDescription(SysFiles.live(), PipeProbe::defaultCapacity)
                .describe();
        d.put("jvm", JvmDescription.current());
        return d;
    }

    /** The hardware, os and ipc_limits sections (the JVM's is {@link JvmDescription#current}). */
    public Map<String, Map<String, Object>> describe() {
        Map<String, Map<String, Object>> d = new LinkedHashMap<>();
        d.put("hardware", hardware());
        d.put("os", os());
        d.put("ipc_limits", ipcLimits());
        return d;
    }

    Map<String, Object> hardware() {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<String> cpuinfo = files.read("/proc/cpuinfo");
        m.put("cpu_model", known(cpuinfo.flatMap(c -> ProcParsers.cpuinfoField(c, "model name")
                .or(() -> ProcParsers.cpuinfoField(c, "Model")))));
        Optional<List<Integer>> online = files.read(CPU + "online").flatMap(MachineDescription::cpuList);
        m.put("online_cpus", known(online.map(CpuSet::formatList)));
        m.put("online_cpu_count", known(online.map(l -> (long) l.size())));
        m.put("caches", caches());
        m.put("memory_bytes", known(files.read("/proc/meminfo").flatMap(t -> ProcParsers.kibField(t, "MemTotal"))));
        m.put("page_size_bytes", known(files.read("/proc/self/smaps")
                .flatMap(t -> ProcParsers.kibField(t, "KernelPageSize"))));
        return m;
    }

    /** CPU 0's caches as {@code L1d: 49152} and so on, in the kernel's index order. */
    Object caches() {
        Map<String, Object> caches = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            String dir = CPU + "cpu0/cache/index" + i + "/";
            Optional<String> level = files.read(dir + "level");
            if (level.isEmpty()) {
                break;
            }
            String type = files.read(dir + "type").orElse("");
            String name = "L" + level.get() + switch (type) {
                case "Data" -> "d";
                case "Instruction" -> "i";
                default -> "";
            };
            caches.put(name + "_bytes", known(files.read(dir + "size").flatMap(ProcParsers::cacheSize)));
        }
        return caches.isEmpty() ? UNKNOWN : caches;
    }

    Map<String, Object> os() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel_release", known(files.read("/proc/sys/kernel/osrelease")));
        m.put("kernel_version", known(files.read("/proc/sys/kernel/version")));
        m.put("distribution", known(files.read("/etc/os-release")
                .flatMap(t -> ProcParsers.osReleaseField(t, "PRETTY_NAME"))));
        m.put("hostname", known(files.read("/proc/sys/kernel/hostname")));
        m.put("clocksource", known(files.read("/sys/devices/system/clocksource/clocksource0/current_clocksource")));
        m.put("cpufreq_governor", files.read(CPU + "cpu0/cpufreq/scaling_governor").orElse("not visible"));
        m.put("virtualization", virtualization());
        return m;
    }

    /** What the guest can see of a hypervisor: the cpuid flag, the hypervisor type, the DMI vendor. */
    String virtualization() {
        boolean flag = files.read("/proc/cpuinfo").map(c -> ProcParsers.cpuinfoHasFlag(c, "hypervisor")).orElse(false);
        Optional<String> type = files.read("/sys/hypervisor/type");
        Optional<String> vendor = files.read("/sys/class/dmi/id/sys_vendor");
        Optional<String> product = files.read("/sys/class/dmi/id/product_name");
        if (!flag && type.isEmpty()) {
            return files.exists("/proc/cpuinfo") ? "none visible" : UNKNOWN;
        }
        StringBuilder b = new StringBuilder("hypervisor");
        type.ifPresent(t -> b.append(' ').append(t));
        if (vendor.isPresent() || product.isPresent()) {
            b.append(" (").append(vendor.orElse("")).append(vendor.isPresent() && product.isPresent() ? " " : "")
                    .append(product.orElse("")).append(')');
        }
        return b.toString();
    }

    Map<String, Object> ipcLimits() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pipe_max_size_bytes", number("/proc/sys/fs/pipe-max-size"));
        long pipe = defaultPipeCapacity.getAsLong();
        m.put("pipe_default_capacity_bytes", pipe < 0 ? UNKNOWN : pipe);
        for (String name : List.of("rmem_default", "rmem_max", "wmem_default", "wmem_max")) {
            m.put("net_core_" + name + "_bytes", number("/proc/sys/net/core/" + name));
        }
        // A Unix datagram socket's receive queue holds this many datagrams before a sender blocks
        // (local-dgram, local-seqpacket); the send buffer above bounds a message's size.
        m.put("net_unix_max_dgram_qlen", number("/proc/sys/net/unix/max_dgram_qlen"));
        m.put("tcp_rmem_bytes", known(files.read("/proc/sys/net/ipv4/tcp_rmem").flatMap(ProcParsers::longs)));
        m.put("tcp_wmem_bytes", known(files.read("/proc/sys/net/ipv4/tcp_wmem").flatMap(ProcParsers::longs)));
        // -i udp: a socket's receive queue may grow to its SO_RCVBUF (net.core.rmem_default, or -s
        // up to twice rmem_max) before datagrams are dropped; udp_mem (pages) bounds all UDP
        // sockets together, udp_rmem_min/udp_wmem_min each socket's floor under that pressure.
        m.put("udp_mem_pages", known(files.read("/proc/sys/net/ipv4/udp_mem").flatMap(ProcParsers::longs)));
        m.put("udp_rmem_min_bytes", number("/proc/sys/net/ipv4/udp_rmem_min"));
        m.put("udp_wmem_min_bytes", number("/proc/sys/net/ipv4/udp_wmem_min"));
        m.put("loopback_mtu_bytes", number("/sys/class/net/lo/mtu"));
        m.put("tcp_congestion_control", known(files.read("/proc/sys/net/ipv4/tcp_congestion_control")));
        // -i mq: the deepest queue, the largest message and the queues an IPC namespace may have.
        m.put("mqueue_msg_max", number("/proc/sys/fs/mqueue/msg_max"));
        m.put("mqueue_msgsize_max_bytes", number("/proc/sys/fs/mqueue/msgsize_max"));
        m.put("mqueue_queues_max", number("/proc/sys/fs/mqueue/queues_max"));
        return m;
    }

    private Object number(String path) {
        return known(files.read(path).flatMap(ProcParsers::longValue));
    }

    private static Optional<List<Integer>> cpuList(String text) {
        try {
            return Optional.of(CpuSet.parseList(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Object known(Optional<?> value) {
        return value.filter(v -> !(v instanceof String s) || !s.isEmpty()).map(v -> (Object) v).orElse(UNKNOWN);
    }
}
