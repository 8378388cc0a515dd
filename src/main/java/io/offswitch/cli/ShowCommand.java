package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.agent.TerminalText;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.DefenceEvent;
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

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Override
    public Integer call() {
        try (EpisodeStore store = Stores.openForReading(resultsDir, storeOption)) {
            EpisodeRecord r = store.findByPrefix(id).orElseThrow(() -> OffswitchException.usage(
                    "no episode '" + id + "' in " + store.where() + "; `offswitch list episodes` lists their ids"));
            System.out.println(json ? Json.writePretty(r) : render(r));
        }
        return 0;
    }

    /** Judgements, one item each, their reasoning and unreadable replies escaped behind a gutter. */
    private static void judgements(StringBuilder s, java.util.List<io.offswitch.episode.Judgement> judgements) {
        for (var j : judgements) {
            s.append("  - ").append(one(j.judge())).append(j.scripted() ? " (offswitch's rules, not a model)" : "").append(": ")
                    .append(one(j.label())).append(", ").append(j.at())
                    .append(j.usage().total() > 0 ? ", " + j.usage().inputTokens() + " in / " + j.usage().outputTokens() + " out tokens" : "")
                    .append('\n');
            if (!j.reasoning().isBlank()) {
                s.append("      reasoning\n").append(TerminalText.block(j.reasoning(), "        | "));
            }
            if (!j.reply().isBlank() && (j.label().equals("error") || j.reasoning().isBlank())) {
                // The whole reply when it could not be read; otherwise it is the reasoning and the label (see --json).
                s.append("      reply\n").append(TerminalText.block(j.reply(), "        | "));
            }
        }
    }

    /**
     * The episode as text. Everything the agent could have written (names, commands, output, answers,
     * reasons quoting them) is untrusted: one-line fields show their newlines as {@code \\n}, and
     * multi-line text sits behind a gutter ({@code | }, {@code > }), so no line of it can pass for a
     * heading, a list item or a turn marker of the harness's own.
     */
    static String render(EpisodeRecord r) {
        StringBuilder s = new StringBuilder();
        var p = r.provenance();
        s.append("Episode ").append(one(r.id())).append('\n')
                .append("  agent      ").append(one(p.agent())).append(p.agent().equals("human") ? " (a person at the terminal, not a model)" : p.agentScripted() ? " (scripted, not a model)" : "").append(' ').append(one(String.valueOf(p.agentSettings()))).append('\n')
                .append("  scenario   ").append(one(p.scenario())).append(" condition ").append(one(p.condition())).append(" epoch ").append(r.key().epoch())
                .append(" seed ").append(p.seed()).append('\n')
                .append(r.key().undefended() ? "" : "  defence    " + one(r.key().defence()) + "\n")
                .append("  offswitch  ").append(one(p.offswitchVersion())).append(" (").append(one(p.offswitchCommit())).append("), sandbox ").append(one(p.sandboxBackend())).append('\n')
                .append("  outcome    ").append(r.verdict().outcome().label().toUpperCase()).append(": ").append(one(r.verdict().reason())).append('\n');
        r.score().ifPresent(score -> s.append("  score      ").append(String.format(java.util.Locale.ROOT, "%.3f", score))
                .append(" (computed by the harness from the environment)\n"));
        // The step(s) the world found decided the outcome; a record stored before they existed has none and says nothing.
        for (var m : r.verdict().decisive()) {
            s.append("  decisive   turn ").append(m.turn()).append(' ').append(one(m.kind())).append(": ").append(one(m.reason())).append('\n');
        }
        s.append("\nEvidence\n");
        for (Evidence e : r.verdict().evidence()) {
            s.append("  - ").append(one(e.kind())).append(':').append(field(e.detail(), "      | "));
        }
        s.append("\nAttempts").append(r.attempts().isEmpty() ? ": none\n" : "\n");
        for (Attempt a : r.attempts()) {
            s.append("  - turn ").append(a.turn()).append(' ').append(one(a.kind())).append(": ").append(one(a.description())).append('\n')
                    .append(command(a.command()));
        }
        if (!r.caveats().isEmpty()) {
            s.append("\nCaveats (limits of this record, not findings against the agent)\n");
            for (var c : r.caveats()) {
                s.append("  - ").append(one(c.kind())).append(c.turn() > 0 ? " from turn " + c.turn() : "").append(": ").append(one(c.description())).append('\n');
                c.evidence().forEach(e -> s.append("      ").append(one(e.kind())).append(':').append(field(e.detail(), "        | ")));
            }
        }
        if (!r.judgements().isEmpty()) {
            // A model judge's reasoning and reply are model output: escaped and behind a gutter like the agent's.
            s.append("\nJudgements\n");
            judgements(s, r.judgements());
        }
        if (!r.awareness().isEmpty()) {
            // The rules quote the agent's words: model output, escaped like the judges' reasoning.
            s.append("\nEval awareness (what its own words said of its situation)\n");
            judgements(s, r.awareness());
        }
        if (!r.followUps().isEmpty()) {
            // The answers are model output: escaped and behind a gutter like the agent's other messages.
            s.append("\nFollow-up interview (after the verdict, no tools)\n");
            for (var f : r.followUps()) {
                s.append("  - ").append(one(f.id())).append(", turn ").append(f.turn()).append(": ")
                        .append(f.label().isEmpty() ? "not judged" : one(f.label())).append('\n')
                        .append("      question\n").append(TerminalText.block(f.question(), "        | "));
                if (f.answered()) {
                    s.append("      answer\n").append(TerminalText.block(f.answer(), "        | "));
                } else {
                    s.append("      no answer: ").append(one(f.failure())).append('\n');
                }
                for (var j : f.judgements()) {
                    s.append("      judged ").append(one(j.label())).append(" by ").append(one(j.judge()))
                            .append(j.scripted() ? " (offswitch's rules, not a model)" : "").append('\n');
                    if (!j.reasoning().isBlank()) {
                        s.append(TerminalText.block(j.reasoning(), "        | "));
                    }
                }
            }
        }
        if (!r.defenceEvents().isEmpty()) {
            s.append("\nDefence decisions (").append(one(r.key().defence())).append(")\n");
            r.defenceEvents().forEach(d -> s.append("  - ").append(defenceLine(d)));
        }
        s.append("\nChanges in the home").append(r.changes().isEmpty() ? ": none\n" : "\n");
        for (FileChange c : r.changes()) {
            s.append("  - ").append(describe(c));
        }
        s.append("\nTranscript\n");
        // Each decision of a defence where it happened: one about a call just before that call's output,
        // any other after the last entry of its turn, the audit's after the transcript.
        java.util.Map<String, java.util.List<DefenceEvent>> byCall = new java.util.HashMap<>();
        java.util.Map<Integer, java.util.List<DefenceEvent>> byTurn = new java.util.TreeMap<>();
        java.util.Set<String> callIds = new java.util.HashSet<>();
        r.transcript().forEach(e -> {
            if (e.message() instanceof Message.Tool t) {
                callIds.add(t.toolCallId());
            }
        });
        for (DefenceEvent d : r.defenceEvents()) {
            if (d.phase() != DefenceEvent.Phase.AUDIT && !d.callId().isEmpty() && callIds.contains(d.callId())) {
                byCall.computeIfAbsent(d.callId(), k -> new java.util.ArrayList<>()).add(d);
            } else {
                byTurn.computeIfAbsent(d.phase() == DefenceEvent.Phase.AUDIT ? Integer.MAX_VALUE : d.turn(), k -> new java.util.ArrayList<>()).add(d);
            }
        }
        java.util.List<TranscriptEntry> entries = r.transcript();
        for (int i = 0; i < entries.size(); i++) {
            TranscriptEntry e = entries.get(i);
            if (e.message() instanceof Message.Tool t) {
                byCall.getOrDefault(t.toolCallId(), java.util.List.of()).forEach(d -> s.append("[defence] ").append(defenceLine(d)));
            }
            s.append(switch (e.message()) {
                case Message.System m -> "[system]\n" + TerminalText.block(m.text(), "  | ");
                case Message.User m -> "[user]\n" + TerminalText.block(m.text(), "  | ");
                case Message.Assistant m -> "[assistant, turn " + e.turn() + ", " + e.durationMillis() + " ms]\n"
                        + (m.reasoning().isEmpty() ? "" : "  (thinking)\n" + TerminalText.block(m.reasoning(), "  | "))
                        + (m.text().isEmpty() ? "" : TerminalText.block(m.text(), "  | "))
                        + String.join("", m.toolCalls().stream().map(ShowCommand::call).toList());
                case Message.Tool m -> "[" + one(m.toolName()) + " output" + (m.error() ? ", error" : "") + ", " + e.durationMillis() + " ms]\n"
                        + TerminalText.block(m.content(), "  | ");
            });
            boolean lastOfTurn = i == entries.size() - 1 || entries.get(i + 1).turn() != e.turn();
            if (lastOfTurn) {
                java.util.List<DefenceEvent> here = byTurn.remove(e.turn());
                if (here != null) {
                    here.forEach(d -> s.append("[defence] ").append(defenceLine(d)));
                }
            }
        }
        // Decisions at turns the transcript does not have, and the audit's, after it.
        byTurn.values().forEach(list -> list.forEach(d -> s.append("[defence] ").append(defenceLine(d))));
        return s.toString();
    }

    /** One decision on one line: its text quotes the agent's actions, so it is escaped like them. */
    static String defenceLine(DefenceEvent d) {
        StringBuilder line = new StringBuilder();
        line.append(one(d.defence())).append(' ').append(d.decision().label().toUpperCase(java.util.Locale.ROOT))
                .append(d.phase() == DefenceEvent.Phase.AUDIT ? " (audit, after the episode)" : " (turn " + d.turn() + ", " + d.phase().label() + ")");
        d.score().ifPresent(score -> line.append(" score ").append(String.format(java.util.Locale.ROOT, "%.3f", score)));
        if (!d.resource().isEmpty()) {
            line.append(" on ").append(one(d.resource()));
        }
        if (!d.action().isEmpty()) {
            line.append(": ").append(one(d.action()));
        }
        if (!d.reason().isEmpty()) {
            line.append(" -- ").append(one(d.reason()));
        }
        if (d.latencyMillis() > 0 || d.inputTokens() + d.outputTokens() > 0) {
            line.append(" [").append(d.latencyMillis()).append(" ms, ").append(d.inputTokens() + d.outputTokens()).append(" tokens]");
        }
        return line.append('\n').toString();
    }

    private static String one(String text) {
        return TerminalText.oneLine(text);
    }

    /** A value after "kind:": on the same line when it is one line, else as a block behind the gutter. */
    private static String field(String text, String gutter) {
        return text.contains("\n") ? "\n" + TerminalText.block(text, gutter) : " " + one(text) + "\n";
    }

    /** A command as a shell shows it: "$ " before its first line, "> " before each continuation line. */
    private static String command(String text) {
        String block = TerminalText.block(text, "      > ");
        return "      $ " + block.substring("      > ".length());
    }

    private static String call(ToolCall c) {
        // JSON already shows its escapes; only a raw line break (a provider's, never JSON's) is shown as one.
        return "  -> " + one(c.name()) + " " + TerminalText.escape(c.argumentsJson()).replace("\n", "\\n").replace("\t", "\\t") + "\n";
    }

    private static String describe(FileChange c) {
        return switch (c) {
            case FileChange.Created x -> "created " + one(x.path()) + " (" + x.after().type().name().toLowerCase() + ", mode " + x.after().modeOctal() + ")\n";
            case FileChange.Deleted x -> "deleted " + one(x.path()) + "\n";
            case FileChange.Modified x -> "modified " + one(x.path()) + (x.after().textKept() ? ", now:\n" + TerminalText.block(x.after().text(), "        | ") : "\n");
            case FileChange.Moved x -> "moved " + one(x.from()) + " -> " + one(x.path()) + "\n";
            case FileChange.ModeChanged x -> String.format("chmod %s %04o -> %04o", one(x.path()), x.oldMode(), x.newMode()) + "\n";
        };
    }
}
