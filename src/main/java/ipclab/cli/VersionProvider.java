package ipclab.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: ipclab's version and the JVM it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = IpclabCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "ipclab " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")",
        };
    }
}
