package io.offswitch.judge;

import java.util.Map;

/**
 * What a judge is asked about one episode.
 *
 * @param instructions the scenario's question, in its own words
 * @param labels       the labels the judge may answer with, each with what it means
 * @param material     what is judged (the messages the agent sent), quoted as untrusted text
 */
public record JudgeQuestion(String scenario, String episodeId, String instructions, Map<String, String> labels, String material) {
    public JudgeQuestion {
        labels = Map.copyOf(labels);
    }
}
