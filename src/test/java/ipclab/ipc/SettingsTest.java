package ipclab.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ipclab.sys.SysException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
    /** A mechanism that declares two settings (it opens nothing: only its declarations are used). */
    private static final Mechanism QUEUE = new Mechanism() {
        @Override
        public String name() {
            return "queue";
        }

        @Override
        public String description() {
            return "a test declaration";
        }

        @Override
        public Set<IpcOption> options() {
            return Set.of();
        }

        @Override
        public EndpointPair open(IpcSpec spec) throws SysException {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> grantFields() {
            return List.of();
        }

        @Override
        public List<String> describe(IpcSpec spec, Grants granted) {
            return List.of();
        }

        @Override
        public boolean canShutDown() {
            return false;
        }

        @Override
        public void linkSetUp() {}

        @Override
        public List<MechanismSetting> settings() {
            return List.of(MechanismSetting.number("depth", "N", "messages the queue holds", 10, 1, 1024),
                    MechanismSetting.choice("wait", "what an end does when it must wait", "spin",
                            List.of("spin", "yield", "futex")));
        }
    };

    @Test
    void missingSettingsTakeTheirDefaultsAndTheTextIsSortedByName() {
        Settings s = Settings.of(QUEUE, Map.of("wait", "futex"));
        assertThat(s.text()).isEqualTo("depth=10;wait=futex");
        assertThat(s.number("depth")).isEqualTo(10);
        assertThat(Settings.parse(QUEUE, s.text())).isEqualTo(s);
        assertThat(Settings.parse(QUEUE, "")).isEqualTo(Settings.of(QUEUE, Map.of()));
    }

    @Test
    void valuesAreNormalisedSoThatOneConfigurationHasOneText() {
        assertThat(Settings.of(QUEUE, Map.of("depth", "1K")).value("depth")).isEqualTo("1024");
        assertThat(Settings.of(QUEUE, Map.of("depth", " 64 ")).text()).isEqualTo("depth=64;wait=spin");
    }

    @Test
    void badValuesAreOneLineNamingTheFlagAndTheLimits() {
        assertThatThrownBy(() -> Settings.of(QUEUE, Map.of("depth", "0")))
                .hasMessage("--depth must be 1..1024, not 0");
        assertThatThrownBy(() -> Settings.of(QUEUE, Map.of("depth", "ten")))
                .hasMessage("--depth: 'ten' is not a whole number");
        assertThatThrownBy(() -> Settings.of(QUEUE, Map.of("wait", "sleep")))
                .hasMessage("--wait is one of spin, yield, futex, not 'sleep'");
    }

    @Test
    void aSettingOfNoRegisteredMechanismIsRefused() {
        assertThatThrownBy(() -> Settings.of(QUEUE, Map.of("colour", "red")))
                .hasMessage("no mechanism has a setting --colour");
        assertThatThrownBy(() -> Settings.parse(QUEUE, "depth"))
                .hasMessageContaining("name=value");
    }

    @Test
    void aMechanismWithoutSettingsHasNone() {
        Mechanism pipe = Mechanisms.require("pipe");
        assertThat(Settings.of(pipe, Map.of())).isSameAs(Settings.NONE);
        assertThat(Settings.NONE.text()).isEmpty();
    }
}
