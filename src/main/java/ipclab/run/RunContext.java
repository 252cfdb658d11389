package ipclab.run;

import ipclab.ipc.EndpointPair;
import ipclab.model.BenchConfig;
import ipclab.probe.RunProbes;

/**
 * One run, as the machinery hands it to a workload: the configuration, the endpoint pair made for
 * it (owned by the caller), the listener told of the timed region's edges, the probes chosen
 * before timing and, in 2proc, the child that runs the sending side.
 *
 * @param child the 2proc sender child, or null in the other modes
 * @param warmChild whether the child should warm its loops first (its first run without -B)
 */
public record RunContext(BenchConfig config, EndpointPair pair, RunListener listener, RunProbes probes,
        SenderChild child, boolean warmChild) {

    public int bufferSizeBytes() {
        return config.bufferSizeBytes();
    }

    public long totalBytes() {
        return config.totalSizeBytes();
    }
}
