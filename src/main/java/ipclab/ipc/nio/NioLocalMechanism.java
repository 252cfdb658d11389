package ipclab.ipc.nio;

import ipclab.ipc.IpcSpec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code -i nio-local}: {@code SocketChannel} over a {@code UnixDomainSocketAddress} bound in a
 * private folder (0700, made by {@code Files.createTempDirectory}); the accepted channel reads,
 * the connecting one writes. The name and folder are removed once connected, before timing.
 */
public final class NioLocalMechanism extends NioMechanism {
    public static final NioLocalMechanism INSTANCE = new NioLocalMechanism();

    private NioLocalMechanism() {}

    @Override
    public String name() {
        return "nio-local";
    }

    @Override
    public String description() {
        return "java.nio SocketChannel over a Unix domain socket, 2thread only";
    }

    @Override
    String twin() {
        return "local";
    }

    @Override
    Channels openChannels(IpcSpec spec) throws IOException {
        Path dir = Files.createTempDirectory("ipclab-nio");
        Path name = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(name);
            server.bind(address, 1);
            SocketChannel client = SocketChannel.open(address);
            try {
                return new Channels(server.accept(), client);
            } catch (IOException e) {
                client.close();
                throw e;
            }
        } finally {
            Files.deleteIfExists(name);
            Files.deleteIfExists(dir);
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
