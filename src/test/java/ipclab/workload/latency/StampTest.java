package ipclab.workload.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The round's stamp as an eventfd sees it: the 8-byte message (first and last byte the stamp, the
 * rest the buffer's 1s) is never 0, which an eventfd write would take without waking anyone, and
 * two messages added into one counter never pass the check of either round.
 */
class StampTest {
    private static long value(long round) {
        byte[] m = new byte[8];
        Arrays.fill(m, (byte) 1); // RoundTrips fills the message with 1s
        m[0] = RoundTripLoop.stamp(round);
        m[7] = RoundTripLoop.stamp(round);
        return ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static boolean passes(long value, long round) {
        byte[] m = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        return m[0] == RoundTripLoop.stamp(round) && m[7] == RoundTripLoop.stamp(round);
    }

    @Test
    void neverZeroAndASumOfTwoFailsTheCheck() {
        for (long round = 0; round < 10_000; round++) {
            assertThat(RoundTripLoop.stamp(round)).isNotZero();
            assertThat(value(round)).isNotZero();
            assertThat(passes(value(round), round)).isTrue();
            long merged = value(round) + value(round + 1); // the counter adds
            assertThat(passes(merged, round)).as("round %d merged with the next", round).isFalse();
            assertThat(passes(merged, round + 1)).isFalse();
        }
    }
}
