package ipclab.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version} for picocli: {@link IpclabCommand#versionLines}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return IpclabCommand.versionLines();
    }
}
