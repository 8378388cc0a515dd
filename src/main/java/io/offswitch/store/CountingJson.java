package io.offswitch.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.sandbox.FileState;

/** Reads an episode record without its texts (what the agent and the harness said, command output, file contents). */
final class CountingJson {
    @JsonIgnoreProperties({"text", "reasoning", "providerState"})
    private interface NoAssistantText {}

    @JsonIgnoreProperties({"content"})
    private interface NoToolOutput {}

    @JsonIgnoreProperties({"text"})
    private interface NoText {}

    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .addMixIn(Message.Assistant.class, NoAssistantText.class)
            .addMixIn(Message.Tool.class, NoToolOutput.class)
            .addMixIn(Message.System.class, NoText.class)
            .addMixIn(Message.User.class, NoText.class)
            .addMixIn(FileState.class, NoText.class);

    private CountingJson() {}

    static EpisodeRecord read(String json, String origin) {
        try {
            return MAPPER.readValue(json, EpisodeRecord.class);
        } catch (JsonProcessingException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot read EpisodeRecord from " + origin + ": " + e.getOriginalMessage(), e);
        }
    }
}
