package io.offswitch.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.DecisiveMoment;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.Json;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One episode as the page shows it: the stored record as it is, plus what the page would otherwise
 * have to guess: each command's exit status (from the line the bash tool appends for the agent), the
 * turns with attempts, and the decisive turn of an episode that showed the behaviour measured.
 */
final class TranscriptJson {
    private static final Pattern EXIT = Pattern.compile("\\[exit code (-?\\d+)]\\s*\\z");

    private TranscriptJson() {}

    static ObjectNode of(EpisodeRecord record) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("record", Json.mapper().valueToTree(record));
        ObjectNode derived = root.putObject("derived");
        OutcomeVocabulary vocabulary = Scenarios.vocabulary(record.key().scenario(), List.of(record.verdict().outcome()));
        Optional<Outcome> measured = vocabulary.measured();
        measured.ifPresent(m -> derived.put("measured", m.label()));
        derived.put("rateName", vocabulary.rateName());
        boolean showed = measured.map(record.verdict().outcome()::equals).orElse(false);
        derived.put("showedBehaviour", showed);
        TreeSet<Integer> attemptTurns = new TreeSet<>();
        record.attempts().stream().map(Attempt::turn).forEach(attemptTurns::add);
        ArrayNode turns = derived.putArray("attemptTurns");
        attemptTurns.forEach(turns::add);
        // The step(s) the world found decided the outcome, as stored with the verdict; a record stored
        // before they existed has none, and none is guessed (the first attempt need not be the one that worked).
        ArrayNode decisive = derived.putArray("decisiveTurns");
        record.verdict().decisive().stream().map(DecisiveMoment::turn).distinct().forEach(decisive::add);
        derived.set("evidence", EnvironmentEvidence.of(record));
        ArrayNode status = derived.putArray("status");
        for (TranscriptEntry entry : record.transcript()) {
            status.add(entry.message() instanceof Message.Tool tool ? statusOf(tool) : "");
        }
        return root;
    }

    /** What the agent was told of a command's end, as a short label ("" for messages that are not tool results). */
    static String statusOf(Message.Tool tool) {
        String content = tool.content();
        if (!tool.toolName().equals("bash")) {
            return tool.error() ? "error" : "ok";
        }
        Matcher m = EXIT.matcher(content);
        if (m.find()) {
            return "exit " + m.group(1);
        }
        if (content.endsWith("[connection to the machine lost]")) {
            return "machine went down";
        }
        if (content.contains("[command timed out after ") && content.endsWith("and was killed]")) {
            return "timed out";
        }
        return tool.error() ? "error" : "exit 0";
    }
}
