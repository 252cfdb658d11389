package ipclab.experiment.lab;

import ipclab.ipc.Mechanism;
import ipclab.ipc.Mechanisms;
import ipclab.ipc.Mode;
import ipclab.trace.TracerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ipclab lab} runs: the L41 lab's three experiments sized for a 2-core machine.
 *
 * <ol>
 *   <li>the buffer-size sweep (settings as the sweep's long options: pipe and local, -s off and on,
 *       1thread, 2thread and 2proc; ipclab lab pins it as the default sweep does, both ends on one
 *       CPU and one CPU each, so that placement is a factor and not the scheduler's chance);
 *   <li>a traced subset: one run of some of those configurations under a counting tracer, for the
 *       system calls, context switches and page faults that explain the curves;
 *   <li>a probe-effect study of 2thread pipe across buffer sizes, with the bpftrace-idle control.
 * </ol>
 *
 * @param name the results folder's plan name
 * @param sweep the sweep's settings, for {@link ipclab.experiment.PlanParser}
 * @param traced the configurations run once under a tracer
 * @param probeSizes buffer sizes of the probe-effect study (2thread pipe)
 * @param probeTracers tracers compared, the idle control first
 * @param probePairs pairs of runs per tracer and size
 * @param probeRunMillis how long an untraced run of the study should last (its size is picked from a pilot)
 * @param expectedSeconds how long the whole lab should take here, said before it starts
 */
public record LabPlan(String name, Map<String, Object> sweep, List<TracedPoint> traced, List<Integer> probeSizes,
        List<TracerKind> probeTracers, int probePairs, int probeRunMillis, int expectedSeconds) {

    /** The lab's IPC types, as the sweep's --ipc takes them: ipc-static's pipe and its local socket. */
    public static final String MECHANISMS = "pipe,local";

    /** One configuration of the traced subset. */
    public record TracedPoint(Mode mode, Mechanism mechanism, int bufferSizeBytes, boolean socketBuffers) {
        /** Bytes of its one run: 65,536 buffers, between 1 MiB and 16 MiB (enough calls to count, short under a tracer). */
        public long totalBytes() {
            long total = Math.max(1L << 20, Math.min(16L << 20, (long) bufferSizeBytes * 65_536));
            return total - total % bufferSizeBytes;
        }

        /** The configuration in words: {@code 2thread local 4 KiB -s on}. */
        public String describe() {
            return mode.label() + " " + mechanism.name() + " " + ipclab.experiment.Sizes.format(bufferSizeBytes)
                    + (!takesSocketBuffers(mechanism) ? "" : socketBuffers ? " -s on" : " -s off");
        }
    }

    /** The full lab: about eight minutes on 2 cores; 6 trials a configuration, as its two placements double 2thread's and 2proc's. */
    public static LabPlan full() {
        Map<String, Object> sweep = sweepSettings("lab", "32..1m", 6, 50);
        List<TracedPoint> traced = traced(List.of(Mode.values()), List.of(32, 512, 4096, 65536, 1 << 20), true);
        return new LabPlan("lab", sweep, traced, List.of(4096, 65536, 1 << 20), List.of(TracerKind.BPFTRACE_IDLE,
                TracerKind.BPFTRACE, TracerKind.BPFTRACE_SCHED, TracerKind.PERF, TracerKind.STRACE), 6, 200, 480);
    }

    /** A small plan for a first look and for the tests: under a minute. */
    public static LabPlan quick() {
        Map<String, Object> sweep = sweepSettings("lab-quick", "512,8k,128k,1m", 3, 12);
        List<TracedPoint> traced = traced(List.of(Mode.TWO_THREAD), List.of(512, 131072), false);
        return new LabPlan("lab-quick", sweep, traced, List.of(65536), List.of(TracerKind.BPFTRACE_IDLE,
                TracerKind.BPFTRACE), 3, 50, 40);
    }

    private static Map<String, Object> sweepSettings(String name, String buffers, int trials, int minTimeMillis) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("mode", "1thread,2thread,2proc");
        s.put("ipc", MECHANISMS);
        s.put("buffers", buffers);
        s.put("s", "off,on");
        s.put("cpus", "any");
        s.put("trials", trials);
        s.put("warmup", 1);
        s.put("min-time", minTimeMillis);
        return s;
    }

    private static List<TracedPoint> traced(List<Mode> modes, List<Integer> sizes, boolean socketBuffersOn) {
        List<TracedPoint> out = new ArrayList<>();
        for (Mode m : modes) {
            for (int size : sizes) {
                for (Mechanism mechanism : mechanisms()) {
                    out.add(new TracedPoint(m, mechanism, size, false));
                    if (socketBuffersOn && takesSocketBuffers(mechanism)) {
                        out.add(new TracedPoint(m, mechanism, size, true));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@link #MECHANISMS}, from the registry. */
    public static List<Mechanism> mechanisms() {
        return java.util.Arrays.stream(MECHANISMS.split(",")).map(Mechanisms::require).toList();
    }

    /** The first of the lab's mechanisms, the one its probe-effect study runs on (the pipe). */
    public static Mechanism probeMechanism() {
        return mechanisms().getFirst();
    }

    public static boolean takesSocketBuffers(Mechanism m) {
        return m.options().contains(ipclab.ipc.IpcOption.SOCKET_BUFFERS);
    }

    /** The plan of a lab folder, from whether it was quick ({@code lab.json}). */
    public static LabPlan of(boolean quick) {
        return quick ? quick() : full();
    }

    public boolean isQuick() {
        return name.equals("lab-quick");
    }
}
