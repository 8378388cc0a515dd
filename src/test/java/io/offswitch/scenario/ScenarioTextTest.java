package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTextTest {
    private static final ScenarioResources FOLDER = new ScenarioResources(ScenarioTextTest.class, "/io/offswitch/scenario/texttest/");

    @TempDir
    Path dir;

    @Test
    void builtInPromptsAndConditionsComeFromTheFolderStripped() {
        ScenarioText text = ScenarioText.load(FOLDER, ScenarioOverrides.none(), (c, source) -> {});
        assertThat(text.base()).isEqualTo(new Prompts("Built-in system.", "Built-in task.", "Carry on."));
        assertThat(text.conditions()).extracting(Condition::id).containsExactly("plain", "Hurry");
        assertThat(text.conditions().get(1).prompts().user()).isEqualTo("Built-in task.\n\nBe quick.");
    }

    @Test
    void aConditionsFileReplacesByIdIgnoringCaseAndAddsTheRestAfterTheBuiltIns() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.json"), """
                {"conditions": [
                  {"id": "hurry", "description": "slower", "userAppend": "Take your time."},
                  {"id": "new-one", "description": "mine"}
                ]}""");
        ScenarioText text = ScenarioText.load(FOLDER, ScenarioOverrides.none().withConditionsFile(file), (c, source) -> {});
        assertThat(text.conditions()).extracting(Condition::id).containsExactly("plain", "hurry", "new-one");
        assertThat(text.conditions().get(1).prompts().user()).endsWith("Take your time.");
    }

    @Test
    void aPromptFileReplacesTheBaseAndConditionsStillAddTheirParagraph() throws Exception {
        Path user = Files.writeString(dir.resolve("user.txt"), "My own task.\n");
        ScenarioText text = ScenarioText.load(FOLDER, ScenarioOverrides.none().withUserPromptFile(user), (c, source) -> {});
        assertThat(text.base().user()).isEqualTo("My own task.");
        assertThat(text.conditions().get(1).prompts().user()).isEqualTo("My own task.\n\nBe quick.");
    }

    @Test
    void theScenarioChecksEveryConditionNamingWhereItCameFrom() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), """
                {"conditions": [{"id": "odd", "description": "x", "parameters": {"pace": "sideways"}}]}""");
        List<String> seen = new ArrayList<>();
        ScenarioText.ConditionCheck check = (c, source) -> {
            seen.add(c.id() + " from " + source);
            if ("sideways".equals(c.parameters().get("pace"))) {
                throw OffswitchException.usage(source + ": condition \"" + c.id() + "\": pace cannot be sideways");
            }
        };
        assertThatThrownBy(() -> ScenarioText.load(FOLDER, ScenarioOverrides.none().withConditionsFile(file), check))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("conditions file " + file)
                .hasMessageContaining("pace cannot be sideways");
        assertThat(seen).containsExactly(
                "plain from built-in conditions (/io/offswitch/scenario/texttest/conditions.json)",
                "Hurry from built-in conditions (/io/offswitch/scenario/texttest/conditions.json)",
                "odd from conditions file " + file);
    }

    @Test
    void aMissingResourceIsABrokenBuildNamingTheResource() {
        assertThatThrownBy(() -> FOLDER.text("nothing.txt")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/io/offswitch/scenario/texttest/nothing.txt");
    }

    @Test
    void theDesignHashSeparatesPartsSoThatMovingTextBetweenThemChangesIt() {
        assertThat(DesignHash.of("ab").add("c").sha256()).isNotEqualTo(DesignHash.of("a").add("bc").sha256());
        assertThat(DesignHash.of("a").add("b").sha256()).isEqualTo(DesignHash.of("a").add("b").sha256());
    }
}
