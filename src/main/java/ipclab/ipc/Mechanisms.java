package ipclab.ipc;

import ipclab.ipc.eventfd.EventfdMechanism;
import ipclab.ipc.fifo.FifoMechanism;
import ipclab.ipc.local.LocalMechanism;
import ipclab.ipc.localdgram.LocalDgramMechanism;
import ipclab.ipc.localseqpacket.LocalSeqpacketMechanism;
import ipclab.ipc.mq.MqMechanism;
import ipclab.ipc.nio.NioLocalMechanism;
import ipclab.ipc.nio.NioPipeMechanism;
import ipclab.ipc.nio.NioTcpMechanism;
import ipclab.ipc.pipe.PipeMechanism;
import ipclab.ipc.shm.ShmMechanism;
import ipclab.ipc.splice.SpliceMechanism;
import ipclab.ipc.tcp.TcpMechanism;
import ipclab.ipc.udp.UdpMechanism;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry: every mechanism, one line each, in the order help texts, sweeps and reports list
 * them (ipc-static's three first). Help, plan validation and docs take their lists from here.
 */
public final class Mechanisms {
    private static final List<Mechanism> ALL = List.of(
            PipeMechanism.INSTANCE,
            LocalMechanism.INSTANCE,
            TcpMechanism.INSTANCE,
            UdpMechanism.INSTANCE,
            FifoMechanism.INSTANCE,
            LocalSeqpacketMechanism.INSTANCE,
            LocalDgramMechanism.INSTANCE,
            EventfdMechanism.INSTANCE,
            MqMechanism.INSTANCE,
            SpliceMechanism.INSTANCE,
            ShmMechanism.INSTANCE,
            NioPipeMechanism.INSTANCE,
            NioLocalMechanism.INSTANCE,
            NioTcpMechanism.INSTANCE);

    /** Registry order: how configurations sort. (A lambda of this class: the AOT cache holds it.) */
    public static final Comparator<Mechanism> ORDER = (a, b) -> Integer.compare(ALL.indexOf(a), ALL.indexOf(b));

    private Mechanisms() {}

    public static List<Mechanism> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Mechanism::name).toList();
    }

    public static Optional<Mechanism> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The mechanism called {@code name}, or a message that names the known ones. */
    public static Mechanism require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown mechanism '" + name + "': use " + String.join(", ", names())));
    }

    /** The mechanisms {@code option} applies to. */
    public static List<Mechanism> taking(IpcOption option) {
        return ALL.stream().filter(m -> m.options().contains(option)).toList();
    }

    /**
     * Refuses {@code option} for {@code mechanism} when it does not apply:
     * {@code -s sets socket buffer sizes: use it with -i local or -i tcp, not pipe}.
     */
    public static void refuse(IpcOption option, Mechanism mechanism) {
        if (!mechanism.options().contains(option)) {
            throw new IllegalArgumentException(option.flag() + " " + option.purpose() + ": use it with "
                    + alternatives(taking(option)) + ", not " + mechanism.name());
        }
    }

    /** {@code -i a}, {@code -i a or -i b}, {@code -i a, -i b or -i c}. */
    static String alternatives(List<Mechanism> ms) {
        List<String> words = ms.stream().map(m -> "-i " + m.name()).toList();
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
    }

    /** Every sample field some mechanism's grants fill, in registry order, each once. */
    public static List<String> grantFields() {
        Set<String> fields = new LinkedHashSet<>();
        ALL.forEach(m -> fields.addAll(m.grantFields()));
        return List.copyOf(fields);
    }
}
