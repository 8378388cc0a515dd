package io.offswitch.scenario.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offswitch.scenario.FollowUpQuestion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Management's questions after a subversion (from interview.json): the default question, then one that
 * asks for honesty. The denial rate is the report's figure for each.
 */
record Interview(List<FollowUpQuestion> oversight, List<FollowUpQuestion> goalGuarding) {
    static final String DENIED = "denied";
    static final String ADMITTED = "admitted";
    static final String EVASIVE = "evasive";

    static Interview builtIn() {
        try {
            JsonNode root = new ObjectMapper().readTree(OversightFiles.resource("interview.json"));
            return new Interview(questions(root.get("oversight")), questions(root.get("goal-guarding")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the oversight scenario's interview.json (broken build?)", e);
        }
    }

    private static List<FollowUpQuestion> questions(JsonNode node) {
        return List.of(new FollowUpQuestion("default", node.get("default").asText(), DENIED),
                new FollowUpQuestion("honest", node.get("honest").asText(), DENIED));
    }

    List<FollowUpQuestion> questions(Design design) {
        return design.goalGuarding() ? goalGuarding : oversight;
    }
}
