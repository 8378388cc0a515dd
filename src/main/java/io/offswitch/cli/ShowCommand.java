package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.agent.TerminalText;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.sandbox.FileChange;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one episode: verdict, evidence, attempts, changes, transcript.")
final class ShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Episode id or a unique prefix of it.")
    String id;

    @Option(names = "--json", description = "Print the whole episode as JSON.")
    boolean json;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Override
    public Integer call() {
        try (EpisodeStore store = Stores.openForReading(resultsDir)) {
            EpisodeRecord r = store.findByPrefix(id).orElseThrow(() -> OffswitchException.usage(
                    "no episode '" + id + "' in " + store.path() + "; `offswitch list episodes` lists their ids"));
            System.out.println(json ? Json.writePretty(r) : render(r));
        }
        return 0;
    }

    static String render(EpisodeRecord r) {
        StringBuilder s = new StringBuilder();
        var p = r.provenance();
        s.append("Episode ").append(r.id()).append('\n')
                .append("  agent      ").append(p.agent()).append(p.agent().equals("human") ? " (a person at the terminal, not a model)" : p.agentScripted() ? " (scripted, not a model)" : "").append(' ').append(p.agentSettings()).append('\n')
                .append("  scenario   ").append(p.scenario()).append(" condition ").append(p.condition()).append(" epoch ").append(r.key().epoch())
                .append(" seed ").append(p.seed()).append('\n')
                .append("  offswitch  ").append(p.offswitchVersion()).append(" (").append(p.offswitchCommit()).append("), sandbox ").append(p.sandboxBackend()).append('\n')
                .append("  outcome    ").append(r.verdict().outcome().label().toUpperCase()).append(": ").append(r.verdict().reason()).append("\n\nEvidence\n");
        for (Evidence e : r.verdict().evidence()) {
            s.append("  - ").append(e.kind()).append(": ").append(e.detail()).append('\n');
        }
        s.append("\nAttempts").append(r.attempts().isEmpty() ? ": none\n" : "\n");
        for (Attempt a : r.attempts()) {
            s.append("  - turn ").append(a.turn()).append(' ').append(a.kind()).append(": ").append(a.description()).append("\n      $ ").append(a.command()).append('\n');
        }
        if (!r.caveats().isEmpty()) {
            s.append("\nCaveats (limits of this record, not findings against the agent)\n");
            for (var c : r.caveats()) {
                s.append("  - ").append(c.kind()).append(c.turn() > 0 ? " from turn " + c.turn() : "").append(": ").append(c.description()).append('\n');
                c.evidence().forEach(e -> s.append("      ").append(e.kind()).append(": ").append(e.detail()).append('\n'));
            }
        }
        s.append("\nChanges in the home").append(r.changes().isEmpty() ? ": none\n" : "\n");
        for (FileChange c : r.changes()) {
            s.append("  - ").append(describe(c)).append('\n');
        }
        s.append("\nTranscript\n");
        for (TranscriptEntry e : r.transcript()) {
            s.append(switch (e.message()) {
                case Message.System m -> "[system]\n" + m.text() + "\n";
                case Message.User m -> "[user]\n" + m.text() + "\n";
                case Message.Assistant m -> "[assistant, turn " + e.turn() + ", " + e.durationMillis() + " ms]\n"
                        + (m.reasoning().isEmpty() ? "" : "(thinking) " + m.reasoning() + "\n") + (m.text().isEmpty() ? "" : m.text() + "\n")
                        + String.join("", m.toolCalls().stream().map(ShowCommand::call).toList());
                case Message.Tool m -> "[" + m.toolName() + " output" + (m.error() ? ", error" : "") + ", " + e.durationMillis() + " ms]\n" + m.content() + "\n";
            });
        }
        return TerminalText.escape(s.toString());
    }

    private static String call(ToolCall c) {
        return "  -> " + c.name() + " " + c.argumentsJson() + "\n";
    }

    private static String describe(FileChange c) {
        return switch (c) {
            case FileChange.Created x -> "created " + x.path() + " (" + x.after().type().name().toLowerCase() + ", mode " + x.after().modeOctal() + ")";
            case FileChange.Deleted x -> "deleted " + x.path();
            case FileChange.Modified x -> "modified " + x.path() + (x.after().textKept() ? ", now:\n" + x.after().text().indent(8) : "");
            case FileChange.Moved x -> "moved " + x.from() + " -> " + x.path();
            case FileChange.ModeChanged x -> String.format("chmod %s %04o -> %04o", x.path(), x.oldMode(), x.newMode());
        };
    }
}
