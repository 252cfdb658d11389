package ipclab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
    @Test
    void plainNumbersAndBinarySuffixes() {
        assertThat(SizeConverter.parse("131072")).isEqualTo(131072);
        assertThat(SizeConverter.parse("4k")).isEqualTo(4096);
        assertThat(SizeConverter.parse("4K")).isEqualTo(4096);
        assertThat(SizeConverter.parse("1M")).isEqualTo(1 << 20);
        assertThat(SizeConverter.parse("16MiB")).isEqualTo(16 << 20);
        assertThat(SizeConverter.parse("2g")).isEqualTo(2L << 30);
        assertThat(SizeConverter.parse("32b")).isEqualTo(32);
    }

    @Test
    void refusesWhatIsNotASize() {
        for (String bad : new String[] {"", "abc", "-1", "1.5k", "k", "12q", "0x10"}) {
            assertThatThrownBy(() -> SizeConverter.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void refusesOverflow() {
        assertThatThrownBy(() -> SizeConverter.parse("99999999999999999999"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("too large");
        assertThatThrownBy(() -> SizeConverter.parse("9999999999999g"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("too large");
    }
}
