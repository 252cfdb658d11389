package ipclab.machine;

import static org.assertj.core.api.Assertions.assertThat;

import ipclab.machine.NoiseCheck.Finding;
import ipclab.machine.NoiseCheck.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipclab check}'s findings on canned machines: a noisy one (load, a busy compiler, powersave
 * with turbo, SMT siblings, QEMU, hpet, THP always), a quiet one, and one with nothing to read.
 */
class NoiseCheckTest {
    private static Map<String, Finding> byName(List<Finding> findings) {
        return findings.stream().collect(Collectors.toMap(Finding::name, Function.identity(), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    /** The noisy machine, as if a compiler had taken 80% of a CPU during the sample. */
    private static Map<String, Finding> noisy() throws Exception {
        NoiseCheck check = new NoiseCheck(new SysFiles(MachineLoadTest.root("noisy")), 999);
        MachineLoad.Snapshot after = MachineLoad.snapshot(new SysFiles(MachineLoadTest.root("noisy")));
        java.util.Map<Long, MachineLoad.ProcessTicks> fewer = new java.util.LinkedHashMap<>(after.processes());
        fewer.put(4242L, new MachineLoad.ProcessTicks(4242, "cc1 (a) x", 'R', 1000 - 320));
        MachineLoad.CpuTimes c = after.cpu();
        // 800 ticks over 4 CPUs, 40 of them stolen
        MachineLoad.Snapshot before = new MachineLoad.Snapshot(new MachineLoad.CpuTimes(c.busy() - 400,
                c.idle() - 360, c.steal() - 40), fewer);
        return byName(check.findings(new NoiseCheck.Sampled(500, before, after, 2.5)));
    }

    @Test
    void aNoisyMachineWarnsOfEachThingWithWhatToDo() throws Exception {
        Map<String, Finding> f = noisy();
        assertThat(f.keySet()).containsExactly("load", "runnable", "processes", "frequency", "smt", "virtualization",
                "clocksource", "thp");
        assertThat(f.values()).allSatisfy(x -> {
            assertThat(x.status()).as(x.name()).isEqualTo(Status.WARN);
            assertThat(x.advice()).as(x.name()).isNotBlank();
        });
        assertThat(f.get("load").seen()).contains("3.90, 2.10, 1.05", "4 online CPUs", "0.98 per CPU");
        assertThat(f.get("load").advice()).contains("below 1.00");
        assertThat(f.get("runnable").seen()).startsWith("2.5 other threads runnable");
        assertThat(f.get("processes").seen()).contains("cc1 (a) x (pid 4242) 160%");
        assertThat(f.get("frequency").seen()).isEqualTo("governor performance on CPUs 2-3, powersave on CPUs 0-1;"
                + " turbo on");
        assertThat(f.get("frequency").advice()).contains("performance governor", "no_turbo");
        assertThat(f.get("smt").seen()).contains("0,2; 1,3");
        assertThat(f.get("smt").facts().get("sibling_groups")).isEqualTo(List.of("0,2", "1,3"));
        assertThat(f.get("virtualization").seen()).startsWith("a virtual machine (qemu), 5.0% of CPU time stolen");
        assertThat(f.get("clocksource").seen()).startsWith("hpet (available: tsc hpet acpi_pm)");
        assertThat(f.get("clocksource").advice()).contains("echo tsc >");
        assertThat(f.get("thp").seen()).isEqualTo("transparent huge pages always, defrag madvise");
    }

    @Test
    void aQuietMachineIsOkThroughout() throws Exception {
        SysFiles files = new SysFiles(MachineLoadTest.root("quiet"));
        NoiseCheck check = new NoiseCheck(files, 999);
        NoiseCheck.Sampled s = check.sample(0);
        Map<String, Finding> f = byName(check.findings(s));
        assertThat(f.values()).allSatisfy(x -> {
            assertThat(x.status()).as(x.name() + ": " + x.seen()).isEqualTo(Status.OK);
            assertThat(x.advice()).isNull();
        });
        // procs_running 1 is the reading thread itself
        assertThat(s.othersRunnable()).isZero();
        assertThat(f.get("frequency").seen()).isEqualTo("governor performance on CPUs 0-1");
        assertThat(f.get("smt").seen()).startsWith("no SMT siblings among the online CPUs 0-1");
        assertThat(f.get("virtualization").seen()).isEqualTo("no hypervisor visible");
        assertThat(f.get("clocksource").seen()).startsWith("tsc ");
        assertThat(f.get("thp").seen()).isEqualTo("transparent huge pages madvise");
    }

    @Test
    void aMachineWithNothingToReadIsDescribedNotFailed(@TempDir Path empty) throws Exception {
        NoiseCheck check = new NoiseCheck(new SysFiles(empty), 1);
        Map<String, Finding> f = byName(check.findings(check.sample(0)));
        assertThat(f).hasSize(8);
        assertThat(f.values()).allSatisfy(x -> assertThat(x.status()).as(x.name()).isEqualTo(Status.OK));
        assertThat(f.get("load").seen()).contains("cannot be read");
        assertThat(f.get("runnable").seen()).contains("cannot be read");
        assertThat(f.get("frequency").seen()).contains("no cpufreq", "virtual machine");
        assertThat(f.get("smt").seen()).contains("unknown");
        assertThat(f.get("thp").seen()).contains("no transparent huge pages");
    }

    @Test
    void thresholds() {
        var quiet = Optional.of(new MachineLoad.LoadAverage(0.5, 0, 0, 1, 1));
        assertThat(NoiseCheck.load(quiet, 2).status()).isEqualTo(Status.OK);
        assertThat(NoiseCheck.load(quiet, 1).status()).isEqualTo(Status.WARN);
        assertThat(NoiseCheck.runnable(0.5, 500).status()).isEqualTo(Status.OK);
        assertThat(NoiseCheck.runnable(0.6, 500).status()).isEqualTo(Status.WARN);
        assertThat(NoiseCheck.runnable(Double.NaN, 500).status()).isEqualTo(Status.OK);
        var small = List.of(new MachineLoad.Busy(5, "sshd", 0.05), new MachineLoad.Busy(6, "cron", 0.01));
        Finding few = NoiseCheck.processes(small, 0.03, 500);
        assertThat(few.status()).isEqualTo(Status.OK);
        assertThat(few.seen()).contains("sshd (pid 5) 5%").doesNotContain("cron");
        // many small consumers together
        assertThat(NoiseCheck.processes(small, 0.2, 500).status()).isEqualTo(Status.WARN);
        assertThat(NoiseCheck.processes(List.of(new MachineLoad.Busy(5, "x", 0.11)), 0.05, 500).status())
                .isEqualTo(Status.WARN);
    }

    @Test
    void virtualizationFromEachSource() {
        Function<Finding, Object> vm = f -> f.facts().get("hypervisor");
        assertThat(vm.apply(SettingsCheck.virtualization(true, Optional.of("xen"), List.of(), Optional.empty(), "",
                Optional.empty(), 0))).isEqualTo("xen");
        assertThat(vm.apply(SettingsCheck.virtualization(true, Optional.empty(), List.of("Microsoft Corporation",
                "Virtual Machine"), Optional.empty(), "", Optional.empty(), 0))).isEqualTo("microsoft");
        assertThat(vm.apply(SettingsCheck.virtualization(false, Optional.empty(), List.of(), Optional.of("linux,kvm"),
                "", Optional.empty(), 0))).isEqualTo("kvm");
        assertThat(vm.apply(SettingsCheck.virtualization(true, Optional.empty(), List.of(), Optional.empty(),
                "tsc kvm-clock", Optional.empty(), 0))).isEqualTo("kvm");
        assertThat(vm.apply(SettingsCheck.virtualization(true, Optional.empty(), List.of(), Optional.empty(), "tsc",
                Optional.empty(), 0))).asString().startsWith("unnamed");
        Finding none = SettingsCheck.virtualization(false, Optional.empty(), List.of("Dell Inc."), Optional.empty(),
                "tsc hpet", Optional.of("docker"), Double.NaN);
        assertThat(none.status()).isEqualTo(Status.OK);
        assertThat(none.seen()).isEqualTo("no hypervisor visible; in a docker container");
    }

    @Test
    void clockSourcesAndChoices() {
        assertThat(SettingsCheck.clocksource(Optional.of("kvm-clock"), "kvm-clock tsc").status()).isEqualTo(Status.OK);
        Finding acpi = SettingsCheck.clocksource(Optional.of("acpi_pm"), "acpi_pm");
        assertThat(acpi.status()).isEqualTo(Status.WARN);
        assertThat(acpi.advice()).contains("offers no tsc");
        assertThat(SettingsCheck.bracketed("always [madvise] never")).isEqualTo("madvise");
        assertThat(SettingsCheck.bracketed("never")).isEqualTo("never");
        assertThat(SettingsCheck.frequency(Map.of(), Optional.of(true)).status()).isEqualTo(Status.OK);
        assertThat(SettingsCheck.frequency(Map.of("performance", List.of(0, 1)), Optional.of(false)).status())
                .isEqualTo(Status.OK);
    }
}
