package ipclab.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * x86_64 system call names by number (bpftrace's raw_syscalls tracepoints give numbers), from the
 * resource {@code syscalls-x86_64.txt}, made from Linux's {@code asm/unistd_64.h}.
 */
public final class Syscalls {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int LSEEK = 8;

    private static final Map<Integer, String> NAMES = load();

    private Syscalls() {}

    /** The call's name, or {@code syscall_N} for a number not in the table. */
    public static String name(int number) {
        return NAMES.getOrDefault(number, "syscall_" + number);
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> m = new HashMap<>();
        try (var in = Syscalls.class.getResourceAsStream("syscalls-x86_64.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                m.put(Integer.parseInt(f[0]), f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
