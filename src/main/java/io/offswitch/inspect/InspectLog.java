package io.offswitch.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.episode.EpisodeRecord;
import java.util.List;

/**
 * One Inspect eval log: the header (everything but the samples), the episodes that become its
 * samples, their summaries and the per-sample reductions. Samples are built when written, one at a
 * time, so a large run is never held in memory as JSON trees all at once.
 *
 * @param name the file name without extension, Inspect's {@code TIME_TASK_ID} shape
 */
public record InspectLog(String name, ObjectNode header, List<EpisodeRecord> records, List<ObjectNode> summaries, ArrayNode reductions) {
    public InspectLog {
        records = List.copyOf(records);
        summaries = List.copyOf(summaries);
    }

    /** Sample {@code i} as Inspect's EvalSample. */
    public ObjectNode sample(int i) {
        return Samples.sample(records.get(i));
    }

    /** Every sample, built now (for small logs and tests; writers go one sample at a time). */
    public List<ObjectNode> samples() {
        return records.stream().map(Samples::sample).toList();
    }

    /** The whole log as one JSON object, the .json format. */
    public ObjectNode asJson() {
        ObjectNode log = header.deepCopy();
        ArrayNode array = log.putArray("samples");
        samples().forEach(array::add);
        log.set("reductions", reductions);
        return log;
    }
}
