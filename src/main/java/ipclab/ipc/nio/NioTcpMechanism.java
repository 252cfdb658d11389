package ipclab.ipc.nio;

import ipclab.ipc.IpcSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code -i nio-tcp}: {@code SocketChannel} over 127.0.0.1 on {@code -p} (0: any free port); the
 * accepted channel reads, the connecting one writes. As {@code -i tcp}, only the benchmark's own
 * connection is accepted (a stranger's is closed), and the latency workload sets TCP_NODELAY.
 */
public final class NioTcpMechanism extends NioMechanism {
    public static final NioTcpMechanism INSTANCE = new NioTcpMechanism();
    private static final int STRANGERS = 64;

    private NioTcpMechanism() {}

    @Override
    public String name() {
        return "nio-tcp";
    }

    @Override
    public String description() {
        return "java.nio SocketChannel over TCP on 127.0.0.1 (-p port), 2thread only";
    }

    @Override
    String twin() {
        return "tcp";
    }

    @Override
    Channels openChannels(IpcSpec spec) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(loopback, spec.tcpPort()), STRANGERS);
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            try {
                int ours = ((InetSocketAddress) client.getLocalAddress()).getPort();
                for (int i = 0; i <= STRANGERS; i++) {
                    SocketChannel accepted = server.accept();
                    if (((InetSocketAddress) accepted.getRemoteAddress()).getPort() == ours) {
                        if (spec.exchange()) {
                            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        }
                        return new Channels(accepted, client);
                    }
                    accepted.close(); // a local stranger on the port
                }
                throw new IOException("only strangers connected to port " + spec.tcpPort());
            } catch (IOException e) {
                client.close();
                throw e;
            }
        }
    }

    @Override
    public boolean duplex() {
        return true;
    }

    @Override
    public boolean canShutDown() {
        return true;
    }
}
