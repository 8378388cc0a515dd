package io.offswitch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * An Inspect log as read from a file, before it becomes episodes: its header and each sample with the
 * member (or array position) it came from, for error messages.
 */
public record ForeignLog(Path file, JsonNode header, List<Member> samples) {
    public ForeignLog {
        samples = List.copyOf(samples);
    }

    public record Member(String name, JsonNode sample) {}
}
