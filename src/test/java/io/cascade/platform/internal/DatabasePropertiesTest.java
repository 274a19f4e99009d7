package io.cascade.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePropertiesTest {
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void sharedBuffersDefaultToAQuarterOfTheMachineFrom128MbTo8Gb() {
        String quarter = DatabaseProperties.Embedded.quarterOf(DatabaseProperties.Machine.memoryBytes());
        assertThat(new DatabaseProperties.Embedded(null, null, false, " ", null).sharedBuffers()).isEqualTo(quarter);
        assertThat(new DatabaseProperties(null, null, null, null, null).embedded().sharedBuffers()).isEqualTo(quarter);
        assertThat(DatabaseProperties.Machine.memoryBytes()).isPositive();
        assertThat(DatabaseProperties.Embedded.quarterOf(24 * GB)).isEqualTo("6144MB");
        assertThat(DatabaseProperties.Embedded.quarterOf(GB / 4)).isEqualTo("128MB");
        assertThat(DatabaseProperties.Embedded.quarterOf(0)).isEqualTo("128MB");
        assertThat(DatabaseProperties.Embedded.quarterOf(256 * GB)).isEqualTo("8192MB");
    }

    @Test
    void aThrowAwayServerKeepsPostgresqlsOwnSharedBuffers() {
        assertThat(new DatabaseProperties.Embedded(null, null, true, null, null).sharedBuffers()).isEqualTo("128MB");
        assertThat(new DatabaseProperties.Embedded(null, null, true, "1GB", null).sharedBuffers()).isEqualTo("1GB");
    }

    @Test
    void maxWalSizeDefaultsTo8Gb() {
        assertThat(new DatabaseProperties.Embedded(null, null, false, null, null).maxWalSize()).isEqualTo("8GB");
        assertThat(new DatabaseProperties.Embedded(null, null, false, null, " 2 GB").maxWalSize()).isEqualTo("2GB");
    }

    @Test
    void sizesTakeANumberWithItsUnit() {
        assertThat(new DatabaseProperties.Embedded(null, null, false, "2GB", null).sharedBuffers()).isEqualTo("2GB");
        assertThat(new DatabaseProperties.Embedded(null, null, false, " 256 MB ", null).sharedBuffers())
                .isEqualTo("256MB");
        for (String bad : new String[] {"lots", "512", "-1GB", "1TB", "512MB; fsync=off"}) {
            assertThatThrownBy(() -> new DatabaseProperties.Embedded(null, null, false, bad, null))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cascade.db.embedded.shared-buffers");
            assertThatThrownBy(() -> new DatabaseProperties.Embedded(null, null, false, null, bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cascade.db.embedded.max-wal-size");
        }
    }
}
