package io.offswitch.report;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Usage;
import io.offswitch.model.ModelName;
import io.offswitch.model.PriceTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Tokens and cost per model, summed from the transcripts (each assistant message carries the usage of
 * the call that produced it). Scripted agents make no calls and are left out.
 *
 * @param costUsd empty when the price table has no price for the model
 */
public record ModelUsage(String model, long calls, Usage tokens, Optional<Double> costUsd) {
    public static List<ModelUsage> of(List<EpisodeRecord> records, PriceTable prices) {
        Map<String, long[]> calls = new TreeMap<>();
        Map<String, Usage> tokens = new TreeMap<>();
        for (EpisodeRecord r : records) {
            if (r.provenance().agentScripted()) {
                continue;
            }
            for (var entry : r.transcript()) {
                if (entry.message() instanceof Message.Assistant a) {
                    calls.computeIfAbsent(r.key().model(), k -> new long[1])[0]++;
                    tokens.merge(r.key().model(), a.usage(), Usage::plus);
                }
            }
        }
        return calls.keySet().stream().map(model -> new ModelUsage(model, calls.get(model)[0], tokens.get(model),
                priced(model, tokens.get(model), prices))).toList();
    }

    static Optional<Double> priced(String model, Usage usage, PriceTable prices) {
        try {
            return prices.cost(ModelName.parse(model), usage);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
