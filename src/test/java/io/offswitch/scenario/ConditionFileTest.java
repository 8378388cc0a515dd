package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionFileTest {
    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        return Files.writeString(dir.resolve("my-conditions.json"), json);
    }

    @Test
    void readsConditionsAndCompletesTheirPromptsFromTheBase() throws Exception {
        List<ConditionSpec> specs = ConditionFile.read(file("""
                {"conditions": [
                  {"id": "X1", "description": "extra", "userAppend": "Be quick.", "parameters": {"shutdownAtCall": 5}},
                  {"id": "X2", "system": "Another system prompt."}
                ]}"""));
        Prompts base = new Prompts("System.", "Do the task.", "Go on.");
        Condition x1 = specs.get(0).resolve(base);
        assertThat(x1.prompts()).isEqualTo(new Prompts("System.", "Do the task.\n\nBe quick.", "Go on."));
        assertThat(x1.parameters()).containsEntry("shutdownAtCall", "5");
        assertThat(specs.get(1).resolve(base).prompts().system()).isEqualTo("Another system prompt.");
    }

    @Test
    void anUnknownFieldIsReportedWithItsFileLineAndName() throws Exception {
        Path f = file("""
                {"conditions": [
                  {"id": "X1",
                   "userApend": "typo"}
                ]}""");
        assertThatThrownBy(() -> ConditionFile.read(f))
                .isInstanceOfSatisfying(OffswitchException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("unknown field \"userApend\"")
                .hasMessageContaining("userAppend");
    }

    @Test
    void aMissingOrBadIdIsReportedWithTheConditionsIndexAndLine() throws Exception {
        Path f = file("""
                {"conditions": [
                  {"id": "ok"},
                  {"description": "no id here"}
                ]}""");
        assertThatThrownBy(() -> ConditionFile.read(f))
                .hasMessageContaining("line 3")
                .hasMessageContaining("conditions[1]")
                .hasMessageContaining("\"id\"");
    }

    @Test
    void brokenJsonIsReportedWithItsLine() throws Exception {
        Path f = file("{\"conditions\": [\n  {\"id\": \"A\",,}\n]}");
        assertThatThrownBy(() -> ConditionFile.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("line 2");
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        Path f = file("{\"conditions\": [{\"id\": \"A\", \"parameters\": [1, 2]}]}");
        assertThatThrownBy(() -> ConditionFile.read(f)).hasMessageContaining("conditions[0].parameters");
    }

    @Test
    void duplicateIdsAndEmptyListsAreRejected() throws Exception {
        Path dup = file("{\"conditions\": [{\"id\": \"A\"}, {\"id\": \"a\"}]}");
        assertThatThrownBy(() -> ConditionFile.read(dup)).hasMessageContaining("\"a\" appears twice");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"conditions\": []}");
        assertThatThrownBy(() -> ConditionFile.read(empty)).hasMessageContaining("non-empty list");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> ConditionFile.read(dir.resolve("nope.json"))).hasMessageContaining("nope.json does not exist");
    }
}
