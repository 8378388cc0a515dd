package io.offswitch.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Inspect eval log in memory: the header (everything but the samples), the samples, their
 * summaries and the per-sample reductions, ready to be written as one .json or as an .eval archive.
 *
 * @param name the file name without extension, Inspect's {@code TIME_TASK_ID} shape
 */
public record InspectLog(String name, ObjectNode header, List<ObjectNode> samples, List<ObjectNode> summaries, ArrayNode reductions) {
    public InspectLog {
        samples = List.copyOf(samples);
        summaries = List.copyOf(summaries);
    }

    /** The whole log as one JSON object, the .json format. */
    public ObjectNode asJson() {
        ObjectNode log = header.deepCopy();
        ArrayNode array = log.putArray("samples");
        samples.forEach(array::add);
        log.set("reductions", reductions);
        return log;
    }
}
