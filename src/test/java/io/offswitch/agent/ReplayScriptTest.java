package io.offswitch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayScriptTest {
    private static final String LS = "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"ls -l\"}}";

    @Test
    void readsBashAndSubmitLinesSkippingBlankOnes() {
        var calls = ReplayScript.parse("f.jsonl", LS + "\n\n  \r\n{\"tool\": \"bash\", \"arguments\": {\"thoughts\": \"look\", \"cmd\": \"cat x\"}}\r\n"
                + "{\"tool\": \"submit\", \"arguments\": {\"answer\": \"42\"}}\n");

        assertThat(calls).containsExactly(new ReplayCall.Bash(1, "", "ls -l"), new ReplayCall.Bash(4, "look", "cat x"),
                new ReplayCall.Submit(5, "42"));
    }

    @Test
    void badJsonReportsTheFileAndItsLineNumber() {
        assertThatThrownBy(() -> ReplayScript.parse("calls.jsonl", LS + "\n\n{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"ls\"}\n"))
                .isInstanceOf(OffswitchException.class)
                .hasMessageStartingWith("replay file calls.jsonl, line 3: not valid JSON")
                .hasMessageContaining("nothing was run");
    }

    @Test
    void anyOtherToolIsKeptWithItsArgumentsForTheScenarioToCheck() {
        List<ReplayCall> calls = ReplayScript.parse("f", LS + "\n{\"tool\": \"send_email\", \"arguments\": {\"to\": \"kai@example.com\", \"n\": 1}}");
        assertThat(calls.get(1)).isEqualTo(new ReplayCall.Other(2, "send_email", "{\"to\":\"kai@example.com\",\"n\":1}"));
    }

    @Test
    void aToolNameThatIsNoNameIsRejectedWithItsLine() {
        assertThatThrownBy(() -> ReplayScript.parse("f", LS + "\n{\"tool\": \"rm -rf /\", \"arguments\": {}}"))
                .hasMessageContaining("line 2: \"rm -rf /\" is not a tool name");
    }

    @Test
    void missingOrNonStringFieldsAreNamed() {
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": \"bash\", \"arguments\": {}}"))
                .hasMessageContaining("line 1: missing field \"cmd\" in bash arguments");
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": \"submit\", \"arguments\": {\"answer\": 42}}"))
                .hasMessageContaining("line 1: field \"answer\" in submit arguments must be a string, got number");
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": 3, \"arguments\": {}}"))
                .hasMessageContaining("field \"tool\" in the line must be a string");
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": \"bash\"}"))
                .hasMessageContaining("field \"arguments\" must be a JSON object, got nothing");
    }

    @Test
    void typosInFieldNamesAreNotSilentlyIgnored() {
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": \"bash\", \"arguments\": {\"command\": \"ls\"}}"))
                .hasMessageContaining("unknown field \"command\" in bash arguments (allowed: cmd, thoughts)");
    }

    @Test
    void arraysTrailingTextAndDuplicateKeysAreMalformed() {
        assertThatThrownBy(() -> ReplayScript.parse("f", "[1]")).hasMessageContaining("expected a JSON object, got array");
        assertThatThrownBy(() -> ReplayScript.parse("f", LS + " x")).hasMessageContaining("line 1: not valid JSON");
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": \"bash\", \"tool\": \"submit\", \"arguments\": {}}"))
                .hasMessageContaining("line 1: not valid JSON");
    }

    @Test
    void linesAfterASubmitCouldNeverRun() {
        assertThatThrownBy(() -> ReplayScript.parse("f", "{\"tool\": \"submit\", \"arguments\": {\"answer\": \"\"}}\n\n" + LS))
                .hasMessageContaining("line 3: comes after the submit on line 1");
    }

    @Test
    void missingFileSaysWhereItLooked(@TempDir Path dir) {
        assertThatThrownBy(() -> ReplayScript.load(dir.resolve("nope.jsonl").toString()))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("replay file not found: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void nonUtf8FileIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, new byte[] {'{', (byte) 0xe9, '}'});

        assertThatThrownBy(() -> ReplayScript.load(file.toString())).hasMessageContaining("is not UTF-8");
    }
}
