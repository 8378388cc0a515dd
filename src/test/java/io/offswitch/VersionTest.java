package io.offswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void currentVersionAndCommitComeFromTheBuild() {
        Version v = Version.current();

        assertThat(v.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        if (Files.isDirectory(Path.of(".git"))) {
            assertThat(v.commit()).matches("[0-9a-f]{40}");
        }
    }

    @Test
    void missingResourcesFallBackToUnknown() {
        Version v = Version.from(Optional.empty(), new Properties(), new Properties());

        assertThat(v).isEqualTo(new Version("unknown", "unknown", false));
        assertThat(v.display()).isEqualTo("unknown (unknown)");
    }

    @Test
    void unfilteredPlaceholderCountsAsUnknownAndManifestWins() {
        var file = new Properties();
        file.setProperty("version", "${project.version}");
        var git = new Properties();
        git.setProperty("git.commit.id.full", "0123456789abcdef0123456789abcdef01234567");
        git.setProperty("git.dirty", "true");

        assertThat(Version.from(Optional.empty(), file, git).version()).isEqualTo("unknown");
        Version fromJar = Version.from(Optional.of("1.2.3"), file, git);
        assertThat(fromJar.display()).isEqualTo("1.2.3 (0123456, dirty)");
    }
}
