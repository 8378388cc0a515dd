package io.offswitch.model;

import io.offswitch.OffswitchException;
import io.offswitch.episode.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per million tokens, by provider and model ({@code openai/o3}, {@code openai-api/local/qwen3}):
 * the same model name served by another provider is another price, so a model is priced only at its
 * own provider's price, and OpenAI-compatible endpoints ({@code openai-api/*}) have none unless the user
 * gives one. The built-in table is a snapshot (each row says when and from where); a user file with the
 * same columns replaces or adds rows ({@code --prices FILE}). A dated snapshot of a listed model
 * ({@code openai/gpt-4o-2024-08-06}) has the listed model's price.
 */
public final class PriceTable {
    record Price(double input, double output, double cachedInput) {}

    private final Map<String, Price> byModel;

    private PriceTable(Map<String, Price> byModel) {
        this.byModel = Map.copyOf(byModel);
    }

    public static PriceTable builtIn() {
        try (Reader r = new InputStreamReader(PriceTable.class.getResourceAsStream("prices.csv"), StandardCharsets.UTF_8)) {
            return new PriceTable(parse(r, "built-in prices.csv"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in price table", e);
        }
    }

    /** The built-in table with a user file's rows on top. */
    public PriceTable withFile(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            Map<String, Price> merged = new HashMap<>(byModel);
            merged.putAll(parse(r, file.toString()));
            return new PriceTable(merged);
        } catch (IOException e) {
            throw OffswitchException.usage("cannot read the price file " + file + ": " + e.getMessage());
        }
    }

    /** Whether the table has a price for this model. */
    public boolean knows(ModelName model) {
        return price(model).isPresent();
    }

    /** What this usage cost in US dollars, if the model has a price. */
    public Optional<Double> cost(ModelName model, Usage usage) {
        return price(model).map(p -> ((usage.inputTokens() - usage.cachedTokens()) * p.input()
                + usage.cachedTokens() * p.cachedInput() + usage.outputTokens() * p.output()) / 1e6);
    }

    /** The key of a model in the table: its provider, its endpoint for openai-api, and its model. */
    static String key(ModelName model) {
        return (model.provider() + "/" + model.endpoint().map(e -> e + "/").orElse("") + model.model()).toLowerCase(Locale.ROOT);
    }

    Optional<Price> price(ModelName model) {
        String name = key(model);
        Price exact = byModel.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        // A dated snapshot of a listed model (o3-2025-04-16, claude-opus-4-1-20250805) or its -latest
        // alias; never a sibling such as o3-pro or gpt-4o-mini, whose prices differ.
        String undated = name.replaceFirst("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$", "");
        return Optional.ofNullable(byModel.get(undated));
    }

    private static String rowKey(String model, String origin, int lineNo) {
        ModelName name;
        try {
            name = model.contains("/") ? ModelName.parse(model) : null;
        } catch (OffswitchException e) {
            name = null;
        }
        if (name == null) {
            throw OffswitchException.usage(origin + ", line " + lineNo + ": '" + model + "' names no provider; prices belong to"
                    + " one provider's model, so write provider/model as in --model, e.g. openai/o3 or openai-api/local/qwen3");
        }
        return key(name);
    }

    private static Map<String, Price> parse(Reader reader, String origin) throws IOException {
        Map<String, Price> rows = new HashMap<>();
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || !header.startsWith("model,input_usd_per_mtok,output_usd_per_mtok,cached_input_usd_per_mtok")) {
            throw OffswitchException.usage(origin + ", line 1: the header must start with"
                    + " model,input_usd_per_mtok,output_usd_per_mtok,cached_input_usd_per_mtok");
        }
        int lineNo = 1;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length < 4 || f[0].isBlank()) {
                    throw new NumberFormatException("expected model and three prices");
                }
                Price p = new Price(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                if (p.input() < 0 || p.output() < 0 || p.cachedInput() < 0) {
                    throw new NumberFormatException("prices cannot be negative");
                }
                rows.put(rowKey(f[0].strip(), origin, lineNo), p);
            } catch (NumberFormatException e) {
                throw OffswitchException.usage(origin + ", line " + lineNo + ": " + e.getMessage() + " in '" + line + "'");
            }
        }
        return rows;
    }
}
