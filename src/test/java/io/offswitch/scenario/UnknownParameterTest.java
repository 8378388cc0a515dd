package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario refuses a conditions file whose condition names a parameter it does not read, naming
 * the file, the condition and the parameter: a misspelt parameter silently ignored would run the
 * default world under the condition's name.
 */
class UnknownParameterTest {
    @TempDir
    Path dir;

    static Stream<String> scenarios() {
        return Scenarios.builtIn().stream().map(Scenario::id);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aMisspeltParameterBesideTheRealOnesIsRefused(String id) throws Exception {
        Condition first = Scenarios.builtIn(id).orElseThrow().conditions().getFirst();
        Map<String, String> parameters = new LinkedHashMap<>(first.parameters());
        parameters.put("noSuchSetting", "1");
        String json = parameters.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{\"conditions\": [{\"id\": \"mine\", \"parameters\": {", "}}]}"));
        Path file = Files.writeString(dir.resolve(id + "-conditions.json"), json);
        assertThatThrownBy(() -> Scenarios.resolve(id, ScenarioOverrides.none().withConditionsFile(file)))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("mine").hasMessageContaining("noSuchSetting");
    }
}
