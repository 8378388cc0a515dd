package io.offswitch.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One condition as written in a conditions file, before the base prompts are known. A condition
 * either replaces a base prompt ({@code system}, {@code user}, {@code continue}) or appends a
 * paragraph to it ({@code systemAppend}, {@code userAppend}); an empty or missing field changes
 * nothing. {@code parameters} are world settings the scenario reads. A check that fails here becomes a
 * file error with its line, because Jackson adds the location.
 */
public record ConditionSpec(
        String id,
        String description,
        String system,
        String systemAppend,
        String user,
        String userAppend,
        @JsonProperty("continue") String continueMessage,
        Map<String, String> parameters) {

    public ConditionSpec {
        // '+' joins factors, as the published figures name their conditions (explicit-goal+replacement).
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_+-]{0,39}")) {
            throw new IllegalArgumentException("field \"id\" must be letters, digits, '-', '_' or '+' (at most 40); got "
                    + (id == null ? "nothing" : "\"" + id + "\""));
        }
        description = orEmpty(description);
        system = orEmpty(system);
        systemAppend = orEmpty(systemAppend);
        user = orEmpty(user);
        userAppend = orEmpty(userAppend);
        continueMessage = orEmpty(continueMessage);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The condition with its prompts completed from the base prompts. */
    public Condition resolve(Prompts base) {
        Prompts prompts = new Prompts(
                append(system.isBlank() ? base.system() : system, systemAppend),
                append(user.isBlank() ? base.user() : user, userAppend),
                continueMessage.isBlank() ? base.continueMessage() : continueMessage);
        return new Condition(id, description, prompts, parameters);
    }

    private static String append(String text, String paragraph) {
        return paragraph.isBlank() ? text : text.strip() + "\n\n" + paragraph.strip();
    }
}
