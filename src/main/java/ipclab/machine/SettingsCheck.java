package ipclab.machine;

import ipclab.machine.NoiseCheck.Finding;
import ipclab.machine.NoiseCheck.Status;
import ipclab.sys.CpuSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settings half of {@code ipclab check}: what the machine is set to, read from /sys and /proc
 * as it stands (no sampling): the frequency governor and turbo, SMT siblings, virtualization, the
 * clock source, transparent huge pages. Each a {@link Finding}, OK or WARN with what to do.
 */
final class SettingsCheck {
    private static final String CPU = "/sys/devices/system/cpu/";
    private static final String CLOCKSOURCE = "/sys/devices/system/clocksource/clocksource0/";
    /** Clock sources read in user space (the vDSO) at tens of nanoseconds. */
    private static final List<String> FAST_CLOCKS = List.of("tsc", "kvm-clock", "arch_sys_counter",
            "hyperv_clocksource_tsc_page", "riscv_clocksource", "timebase");

    private final SysFiles files;

    SettingsCheck(SysFiles files) {
        this.files = files;
    }

    Finding frequency(List<Integer> online) {
        Map<String, List<Integer>> byGovernor = new TreeMap<>();
        for (int cpu : online) {
            files.read(CPU + "cpu" + cpu + "/cpufreq/scaling_governor")
                    .ifPresent(g -> byGovernor.computeIfAbsent(g, k -> new ArrayList<>()).add(cpu));
        }
        Optional<String> noTurbo = files.read(CPU + "intel_pstate/no_turbo");
        Optional<String> boost = files.read(CPU + "cpufreq/boost");
        return frequency(byGovernor, noTurbo.map("0"::equals).or(() -> boost.map("1"::equals)));
    }

    /** {@code turbo}: whether turbo or boost is on, when the kernel says. */
    static Finding frequency(Map<String, List<Integer>> byGovernor, Optional<Boolean> turbo) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, String> governors = new LinkedHashMap<>();
        byGovernor.forEach((g, cpus) -> governors.put(g, CpuSet.formatList(cpus)));
        facts.put("governors", governors);
        facts.put("turbo", turbo.orElse(null));
        if (byGovernor.isEmpty()) {
            return new Finding("frequency", Status.OK, "no cpufreq in /sys: the CPU frequency is not this kernel's"
                    + " to set (usual in a virtual machine, where the host decides it)", null, facts);
        }
        List<String> words = new ArrayList<>();
        governors.forEach((g, cpus) -> words.add(g + " on CPUs " + cpus));
        String seen = "governor " + String.join(", ", words) + turbo.map(t -> t ? "; turbo on" : "; turbo off")
                .orElse("");
        List<String> advice = new ArrayList<>();
        if (!governors.keySet().equals(java.util.Set.of("performance"))) {
            advice.add("the frequency follows the load: set the performance governor (cpupower frequency-set -g"
                    + " performance, root)");
        }
        if (turbo.orElse(false)) {
            advice.add("turbo makes the frequency depend on temperature and the other cores: turn it off (echo 1 >"
                    + " " + CPU + "intel_pstate/no_turbo, or echo 0 > " + CPU + "cpufreq/boost, root)");
        }
        return advice.isEmpty() ? new Finding("frequency", Status.OK, seen, null, facts)
                : new Finding("frequency", Status.WARN, seen, String.join("; ", advice), facts);
    }

    Finding smt(List<Integer> online) {
        Map<Integer, String> siblings = new TreeMap<>();
        for (int cpu : online) {
            files.read(CPU + "cpu" + cpu + "/topology/thread_siblings_list").ifPresent(s -> siblings.put(cpu, s));
        }
        return smt(siblings, online, files.read(CPU + "smt/active"));
    }

    /** {@code siblings}: each online CPU's thread_siblings_list, as the kernel writes it. */
    static Finding smt(Map<Integer, String> siblings, List<Integer> online, Optional<String> smtActive) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("smt_active", smtActive.orElse(null));
        if (siblings.isEmpty()) {
            facts.put("sibling_groups", null);
            return new Finding("smt", Status.OK, "no CPU topology in /sys: SMT siblings unknown", null, facts);
        }
        TreeSet<String> groups = new TreeSet<>();
        for (String list : siblings.values()) {
            try {
                List<Integer> cpus = CpuSet.parseList(list);
                if (cpus.size() > 1) {
                    groups.add(CpuSet.formatList(cpus));
                }
            } catch (IllegalArgumentException e) {
                // an unreadable list says nothing
            }
        }
        facts.put("sibling_groups", List.copyOf(groups));
        if (groups.isEmpty()) {
            return new Finding("smt", Status.OK, "no SMT siblings among the online CPUs " + CpuSet.formatList(online)
                    + " (each is its own core, as far as this kernel sees)", null, facts);
        }
        return new Finding("smt", Status.WARN, "SMT siblings (CPUs sharing one core): " + String.join("; ", groups),
                "two ends on siblings share a core's execution units: pin them (--cpus) to CPUs of different cores,"
                        + " or both to one CPU; or turn SMT off (echo off > " + CPU + "smt/control, root)", facts);
    }

    Finding virtualization(double steal) {
        List<String> dmi = new ArrayList<>();
        for (String f : List.of("sys_vendor", "product_name", "board_vendor", "bios_vendor")) {
            files.read("/sys/class/dmi/id/" + f).filter(v -> !v.isBlank()).ifPresent(dmi::add);
        }
        Optional<String> container = files.read("/run/systemd/container")
                .or(() -> files.exists("/.dockerenv") ? Optional.of("docker") : Optional.empty())
                .or(() -> files.exists("/run/.containerenv") ? Optional.of("podman") : Optional.empty());
        return virtualization(files.read("/proc/cpuinfo").map(c -> ProcParsers.cpuinfoHasFlag(c, "hypervisor"))
                .orElse(false), files.read("/sys/hypervisor/type"), dmi,
                files.read("/proc/device-tree/hypervisor/compatible"),
                files.read(CLOCKSOURCE + "available_clocksource").orElse(""),
                container, steal);
    }

    /**
     * Which hypervisor, in the order systemd-detect-virt trusts its sources: /sys/hypervisor, the
     * DMI vendor strings, the device tree; then what the clock sources give away (kvm-clock,
     * hyperv_clocksource), then the CPU's hypervisor flag alone.
     */
    static Finding virtualization(boolean hypervisorFlag, Optional<String> hypervisorType, List<String> dmi,
            Optional<String> deviceTree, String clocksources, Optional<String> container, double steal) {
        String vm = hypervisorType.filter(t -> !t.isBlank()).orElse(null);
        if (vm == null) {
            vm = dmiHypervisor(String.join(" ", dmi));
        }
        if (vm == null && deviceTree.isPresent()) {
            String dt = deviceTree.get();
            vm = dt.contains("kvm") ? "kvm" : dt.contains("xen") ? "xen" : "hypervisor " + dt.strip();
        }
        List<String> clocks = List.of(clocksources.strip().split("\\s+"));
        if (vm == null && clocks.contains("kvm-clock")) {
            vm = "kvm";
        } else if (vm == null && clocks.stream().anyMatch(c -> c.startsWith("hyperv_clocksource"))) {
            vm = "microsoft";
        } else if (vm == null && hypervisorFlag) {
            vm = "unnamed (the CPU's hypervisor flag)";
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hypervisor", vm);
        facts.put("hypervisor_flag", hypervisorFlag);
        facts.put("container", container.orElse(null));
        facts.put("steal_share", Double.isFinite(steal) ? steal : null);
        String inContainer = container.map(c -> "; in a " + c + " container").orElse("");
        String stolen = Double.isFinite(steal) ? String.format(Locale.ROOT, ", %.1f%% of CPU time stolen by the host"
                + " during the sample", steal * 100) : "";
        if (vm == null) {
            return new Finding("virtualization", Status.OK, "no hypervisor visible" + inContainer, null, facts);
        }
        return new Finding("virtualization", Status.WARN, "a virtual machine (" + vm + ")" + stolen + inContainer,
                "its CPUs are host threads that other guests may share, so results move with the host's load: compare"
                        + " only runs of this VM made close together (better, in one interleaved sweep), pin the ends"
                        + " (--cpus), and read each result's spread", facts);
    }

    private static String dmiHypervisor(String dmi) {
        String[][] known = {{"KVM", "kvm"}, {"OpenStack", "kvm"}, {"KubeVirt", "kvm"}, {"Amazon EC2", "amazon"},
            {"QEMU", "qemu"}, {"VMware", "vmware"}, {"VMW", "vmware"}, {"innotek GmbH", "oracle"},
            {"VirtualBox", "oracle"}, {"Xen", "xen"}, {"Bochs", "bochs"}, {"Parallels", "parallels"},
            {"BHYVE", "bhyve"}, {"Microsoft Corporation Virtual Machine", "microsoft"}, {"Hyper-V", "microsoft"},
            {"Google Compute Engine", "google"}, {"Apple Virtualization", "apple"}, {"Firecracker", "firecracker"}};
        for (String[] k : known) {
            if (dmi.contains(k[0])) {
                return k[1];
            }
        }
        return null;
    }

    Finding clocksource() {
        return clocksource(files.read(CLOCKSOURCE + "current_clocksource"),
                files.read(CLOCKSOURCE + "available_clocksource").orElse(""));
    }

    static Finding clocksource(Optional<String> current, String available) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("current", current.orElse(null));
        facts.put("available", available.isBlank() ? List.of() : List.of(available.strip().split("\\s+")));
        if (current.isEmpty()) {
            return new Finding("clocksource", Status.OK, "the clock source cannot be read", null, facts);
        }
        String c = current.get();
        if (FAST_CLOCKS.contains(c)) {
            return new Finding("clocksource", Status.OK, c + " (System.nanoTime reads it in user space, through the"
                    + " vDSO)", null, facts);
        }
        boolean tsc = List.of(available.strip().split("\\s+")).contains("tsc");
        return new Finding("clocksource", Status.WARN, c + " (available: " + available.strip() + ")",
                "reading " + c + " may take a system call and microseconds, where tsc takes nanoseconds"
                        + (tsc ? ": echo tsc > /sys/devices/system/clocksource/clocksource0/current_clocksource"
                                + " (root), or boot with clocksource=tsc" : "; this machine offers no tsc"), facts);
    }

    Finding thp() {
        return thp(files.read("/sys/kernel/mm/transparent_hugepage/enabled"),
                files.read("/sys/kernel/mm/transparent_hugepage/defrag"));
    }

    static Finding thp(Optional<String> enabled, Optional<String> defrag) {
        Map<String, Object> facts = new LinkedHashMap<>();
        String mode = enabled.map(SettingsCheck::bracketed).orElse(null);
        facts.put("enabled", mode);
        facts.put("defrag", defrag.map(SettingsCheck::bracketed).orElse(null));
        if (mode == null) {
            return new Finding("thp", Status.OK, "no transparent huge pages in this kernel", null, facts);
        }
        String seen = "transparent huge pages " + mode + defrag.map(d -> ", defrag " + bracketed(d)).orElse("");
        return mode.equals("always") ? new Finding("thp", Status.WARN, seen, "the kernel may compact and collapse"
                + " memory (khugepaged) while a run goes on: echo madvise > /sys/kernel/mm/transparent_hugepage/enabled"
                + " (root)", facts) : new Finding("thp", Status.OK, seen, null, facts);
    }

    /** The chosen word of a sysfs choice such as {@code always [madvise] never}; the text itself if none is. */
    static String bracketed(String choices) {
        int open = choices.indexOf('[');
        int close = choices.indexOf(']', open + 1);
        return open >= 0 && close > open ? choices.substring(open + 1, close) : choices.strip();
    }
}
