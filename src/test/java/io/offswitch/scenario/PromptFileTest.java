package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTextWithoutTrailingWhitespace() throws Exception {
        Path f = Files.writeString(dir.resolve("system.txt"), "You are helpful.\nReally.\n\n");
        assertThat(PromptFile.read(f, "system prompt")).isEqualTo("You are helpful.\nReally.");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws Exception {
        Path f = Files.write(dir.resolve("user.txt"), new byte[] {'o', 'k', '\n', 'b', 'a', 'd', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> PromptFile.read(f, "user prompt"))
                .hasMessageContaining("user prompt file " + f)
                .hasMessageContaining("line 2")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void anEmptyOrMissingFileIsAUsageError() throws Exception {
        Path empty = Files.writeString(dir.resolve("continue.txt"), "  \n");
        assertThatThrownBy(() -> PromptFile.read(empty, "continue prompt")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> PromptFile.read(dir.resolve("none.txt"), "system prompt")).hasMessageContaining("does not exist");
    }
}
