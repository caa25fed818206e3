package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UpidTest {

    @Test
    void parsesEveryField() {
        Upid upid = Upid.parse("UPID:pve1:0002F3A1:0A1B2C3D:6740A1B2:qmstart:100:root@pam:");

        assertThat(upid.node()).isEqualTo("pve1");
        assertThat(upid.pid()).isEqualTo(0x2F3A1);
        assertThat(upid.pstart()).isEqualTo(0x0A1B2C3D);
        assertThat(upid.startTime()).isEqualTo(Instant.ofEpochSecond(0x6740A1B2L));
        assertThat(upid.type()).isEqualTo("qmstart");
        assertThat(upid.id()).isEqualTo("100");
        assertThat(upid.vmid()).isEqualTo(100);
        assertThat(upid.user()).isEqualTo("root@pam");
        assertThat(upid.toString()).isEqualTo(upid.value());
    }

    @Test
    void acceptsAnEmptyIdANinDigitPstartAndATokenUser() {
        Upid upid = Upid.parse("UPID:node-2:00001234:1ABCDEF01:6740A1B2:vzdump::ops@pve!backup:");

        assertThat(upid.id()).isEmpty();
        assertThat(upid.vmid()).isNull();
        assertThat(upid.pstart()).isEqualTo(0x1ABCDEF01L);
        assertThat(upid.user()).isEqualTo("ops@pve!backup");
    }

    @Test
    void refusesTextsThatAreNotUpids() {
        assertThat(Upid.isUpid("100-0")).isFalse();
        assertThat(Upid.isUpid(null)).isFalse();
        // no trailing colon, short pid, node ending in '-', slash in the type
        for (String bad : new String[] {"UPID:pve1:0002F3A1:0A1B2C3D:6740A1B2:qmstart:100:root@pam",
                "UPID:pve1:2F3A1:0A1B2C3D:6740A1B2:qmstart:100:root@pam:",
                "UPID:pve-:0002F3A1:0A1B2C3D:6740A1B2:qmstart:100:root@pam:",
                "UPID:pve1:0002F3A1:0A1B2C3D:6740A1B2:qm/start:100:root@pam:"}) {
            assertThat(Upid.isUpid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Upid.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a UPID");
        }
    }
}
