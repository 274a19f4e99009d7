package io.cascade.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePropertiesTest {

    @Test
    void sharedBuffersDefaultToPostgresqlsOwn() {
        assertThat(new DatabaseProperties.Embedded(null, null, false, " ").sharedBuffers()).isEqualTo("128MB");
        assertThat(new DatabaseProperties(null, null, null, null, null).embedded().sharedBuffers()).isEqualTo("128MB");
    }

    @Test
    void sharedBuffersTakeASizeWithItsUnit() {
        assertThat(new DatabaseProperties.Embedded(null, null, false, "2GB").sharedBuffers()).isEqualTo("2GB");
        assertThat(new DatabaseProperties.Embedded(null, null, false, " 256 MB ").sharedBuffers()).isEqualTo("256MB");
        for (String bad : new String[] {"lots", "512", "-1GB", "1TB", "512MB; fsync=off"}) {
            assertThatThrownBy(() -> new DatabaseProperties.Embedded(null, null, false, bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cascade.db.embedded.shared-buffers");
        }
    }
}
