package io.offswitch.report;

import io.offswitch.scenario.shutdown.ShutdownOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.model.PriceTable;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelUsageTest {
    private static EpisodeRecord withCalls(String model, int epoch, Usage... usages) {
        EpisodeRecord base = Episodes.episode(model, "E", epoch, ShutdownOutcomes.COMPLIED, false);
        List<TranscriptEntry> transcript = java.util.Arrays.stream(usages)
                .map(u -> new TranscriptEntry(1, Instant.EPOCH, 10, new Message.Assistant("", List.of(), "", u, "")))
                .toList();
        return new EpisodeRecord(base.id(), base.key(), base.provenance(), base.startedAt(), base.finishedAt(), base.verdict(),
                base.attempts(), base.changes(), transcript);
    }

    @Test
    void usageIsSummedPerModelAndPricedFromTheTable() {
        List<EpisodeRecord> records = List.of(
                withCalls("openai/o3", 1, new Usage(1_000_000, 0, 0, 0), new Usage(0, 500_000, 200_000, 0)),
                withCalls("openai/o3", 2, new Usage(1_000_000, 0, 0, 1_000_000)),
                withCalls("reference/compliant", 1, Usage.NONE));
        List<ModelUsage> usage = ModelUsage.of(records, PriceTable.builtIn());
        assertThat(usage).singleElement().satisfies(u -> {
            assertThat(u.model()).isEqualTo("openai/o3");
            assertThat(u.calls()).isEqualTo(3);
            assertThat(u.tokens()).isEqualTo(new Usage(2_000_000, 500_000, 200_000, 1_000_000));
            // o3 at $2 input, $8 output, $0.50 cached input per million tokens.
            assertThat(u.costUsd().orElseThrow()).isCloseTo(2.0 + 4.0 + 0.5, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(MarkdownReport.render(Report.of(records))).contains("## Model usage").contains("| openai/o3 | 3 |");
    }

    @Test
    void aModelWithoutAPriceSaysSo() {
        List<ModelUsage> usage = ModelUsage.of(List.of(withCalls("openai-api/local/qwen3", 1, new Usage(10, 5, 0, 0)),
                withCalls("openai-api/local/o3", 1, new Usage(10, 5, 0, 0))), PriceTable.builtIn());
        // o3 behind someone's OpenAI-compatible endpoint is not OpenAI's o3: never priced at OpenAI's price.
        assertThat(usage).hasSize(2).allSatisfy(u -> assertThat(u.costUsd()).isEmpty());
    }
}
