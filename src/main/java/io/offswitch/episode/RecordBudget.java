package io.offswitch.episode;

import io.offswitch.sandbox.FileChange;
import io.offswitch.sandbox.FileState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How much one episode's record may hold, so that an agent cannot make its own record huge (thousands
 * of small files in ~/bin used to give thousands of attempts, each with the whole command and file
 * contents, and a 117 MB episode). What is decisive is never dropped: attempts and changes on the
 * watched paths (the harness's files, the startup files) stay, only their bulky texts may be shortened
 * once the budget is spent. Everything else is kept in turns across kinds (or top-level directories),
 * so one flood cannot push out a different finding. What was cut is said in a {@code record-cut}
 * {@link Caveat}, with counts.
 *
 * @param maxAttempts        attempts kept besides the decisive ones
 * @param maxChanges         file changes kept besides the decisive ones
 * @param maxCommandChars    an attempt's command (the whole command stays in the transcript)
 * @param maxEvidenceChars   one evidence text of a decisive attempt while the evidence budget lasts
 * @param maxMinorEvidenceChars one evidence text otherwise
 * @param maxEvidenceTotal   evidence text over all attempts
 * @param maxFileTextTotal   file contents kept in the changes, decisive paths first
 * @param maxToolOutputTotal tool output kept in the transcript; later outputs are shortened
 * @param maxCutToolOutput   what a shortened tool output keeps
 */
public record RecordBudget(int maxAttempts, int maxChanges, int maxCommandChars, int maxEvidenceChars, int maxMinorEvidenceChars,
        long maxEvidenceTotal, long maxFileTextTotal, long maxToolOutputTotal, int maxCutToolOutput) {
    public static final String CUT_KIND = "record-cut";
    /** Room left for the marker that says what was cut, so a shortened text stays within its bound. */
    private static final int MARKER_ROOM = 160;

    public RecordBudget {
        if (maxCommandChars < 2 * MARKER_ROOM || maxEvidenceChars < 2 * MARKER_ROOM || maxMinorEvidenceChars < 2 * MARKER_ROOM
                || maxCutToolOutput < 2 * MARKER_ROOM || maxAttempts < 0 || maxChanges < 0) {
            throw new IllegalArgumentException("record budget out of range: " + this);
        }
    }

    public static RecordBudget defaults() {
        return new RecordBudget(200, 200, 4_096, 64 * 1024, 2_048, 8L << 20, 2L << 20, 16L << 20, 4_096);
    }

    /**
     * The record within this budget. {@code decisive}: paths relative to the home whose attempts and
     * changes are never dropped (the snapshot's watched files, {@code FileSnapshot#checked}).
     */
    public EpisodeRecord apply(EpisodeRecord r, Set<String> decisive) {
        Cuts cuts = new Cuts();
        List<Attempt> attempts = attempts(r.attempts(), decisive, cuts);
        List<FileChange> changes = changes(r.changes(), decisive, cuts);
        List<TranscriptEntry> transcript = transcript(r.transcript(), cuts);
        List<FollowUp> followUps = r.followUps().stream().map(f -> bounded(f, cuts)).toList();
        List<Caveat> caveats = new ArrayList<>(r.caveats());
        cuts.caveat(r.attempts().size(), attempts.size(), r.changes().size(), changes.size()).ifPresent(caveats::add);
        return new EpisodeRecord(r.id(), r.key(), r.provenance(), r.startedAt(), r.finishedAt(), r.verdict(), attempts, changes, transcript, caveats,
                r.judgements(), r.score(), r.awareness(), followUps, r.defenceEvents());
    }

    /** A follow-up answer is model output: bounded like a tool output (the transcript keeps it too, within its own budget). */
    private FollowUp bounded(FollowUp f, Cuts cuts) {
        if (f.answer().length() <= maxCutToolOutput) {
            return f;
        }
        cuts.toolOutputs++;
        String kept = f.answer().substring(0, maxCutToolOutput - MARKER_ROOM) + "\n[... answer cut: " + f.answer().length() + " characters in all]";
        return new FollowUp(f.id(), f.question(), kept, f.failure(), f.turn(), f.judgements(), f.label(), f.measured());
    }

    /** What was cut, by what. */
    private static final class Cuts {
        final Map<String, Integer> attemptsByKind = new LinkedHashMap<>();
        final Map<String, Integer> changesByDirectory = new LinkedHashMap<>();
        int commands;
        int evidence;
        int fileTexts;
        int toolOutputs;
        long toolOutputChars;

        java.util.Optional<Caveat> caveat(int attemptsBefore, int attemptsAfter, int changesBefore, int changesAfter) {
            List<Evidence> e = new ArrayList<>();
            List<String> said = new ArrayList<>();
            if (attemptsAfter < attemptsBefore) {
                said.add("kept " + attemptsAfter + " of " + attemptsBefore + " attempts");
                e.add(new Evidence("attempts-cut", (attemptsBefore - attemptsAfter) + " (by kind: " + counts(attemptsByKind) + ")"));
            }
            if (changesAfter < changesBefore) {
                said.add("kept " + changesAfter + " of " + changesBefore + " file changes");
                e.add(new Evidence("changes-cut", (changesBefore - changesAfter) + " (by directory: " + counts(changesByDirectory) + ")"));
            }
            if (commands > 0) {
                said.add("shortened " + commands + " attempt command(s)");
                e.add(new Evidence("commands-shortened", commands + "; the whole commands are in the transcript"));
            }
            if (evidence > 0) {
                said.add("shortened " + evidence + " evidence text(s)");
                e.add(new Evidence("evidence-shortened", Integer.toString(evidence)));
            }
            if (fileTexts > 0) {
                said.add("dropped the content of " + fileTexts + " changed file(s), hashes kept");
                e.add(new Evidence("file-texts-dropped", Integer.toString(fileTexts)));
            }
            if (toolOutputs > 0) {
                said.add("shortened " + toolOutputs + " tool output(s) in the transcript by " + toolOutputChars + " characters");
                e.add(new Evidence("tool-outputs-shortened", toolOutputs + " outputs, " + toolOutputChars + " characters"));
            }
            if (said.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Caveat(CUT_KIND, 0, "the record was cut to its storage bounds: " + String.join("; ", said)
                    + ". Attempts and changes on the watched files (the harness's, the shell startup files) were all kept.", e));
        }

        private static String counts(Map<String, Integer> m) {
            return String.join(", ", m.entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).toList());
        }
    }

    private List<Attempt> attempts(List<Attempt> all, Set<String> decisive, Cuts cuts) {
        List<Attempt> kept = keepInTurns(all, a -> decisive.contains(a.target()), Attempt::kind, maxAttempts, cuts.attemptsByKind);
        // Decisive attempts' evidence first, so a flood of minor ones cannot spend the budget.
        long[] evidenceLeft = {maxEvidenceTotal};
        List<Attempt> ordered = new ArrayList<>(kept);
        ordered.sort(Comparator.comparing(a -> decisive.contains(a.target()) ? 0 : 1));
        Map<Attempt, Attempt> bounded = new java.util.IdentityHashMap<>();
        for (Attempt a : ordered) {
            String command = a.command();
            if (command.length() > maxCommandChars) {
                cuts.commands++;
                command = shorten(command, maxCommandChars, "the whole command is in the transcript at turn " + a.turn());
            }
            List<Evidence> evidence = new ArrayList<>();
            for (Evidence e : a.evidence()) {
                int limit = decisive.contains(a.target()) && evidenceLeft[0] > 0 ? maxEvidenceChars : maxMinorEvidenceChars;
                String detail = e.detail();
                if (detail.length() > limit) {
                    cuts.evidence++;
                    detail = shorten(detail, limit, "the record's evidence budget was spent");
                }
                evidenceLeft[0] -= detail.length();
                evidence.add(new Evidence(e.kind(), detail));
            }
            bounded.put(a, new Attempt(a.kind(), a.target(), a.turn(), command, a.description(), evidence));
        }
        return kept.stream().map(bounded::get).toList();
    }

    private List<FileChange> changes(List<FileChange> all, Set<String> decisive, Cuts cuts) {
        Function<FileChange, Boolean> isDecisive = c -> decisive.contains(c.path()) || c instanceof FileChange.Moved m && decisive.contains(m.from());
        List<FileChange> kept = keepInTurns(all, isDecisive::apply, c -> topDirectory(c.path()), maxChanges, cuts.changesByDirectory);
        long[] textLeft = {maxFileTextTotal};
        List<FileChange> ordered = new ArrayList<>(kept);
        ordered.sort(Comparator.comparing(c -> isDecisive.apply(c) ? 0 : 1));
        Map<FileChange, FileChange> bounded = new java.util.IdentityHashMap<>();
        for (FileChange c : ordered) {
            Function<FileState, FileState> fit = s -> {
                if (!s.textKept()) {
                    return s;
                }
                if (s.text().length() > textLeft[0]) {
                    cuts.fileTexts++;
                    return s.withoutText();
                }
                textLeft[0] -= s.text().length();
                return s;
            };
            bounded.put(c, switch (c) {
                case FileChange.Created x -> new FileChange.Created(x.path(), fit.apply(x.after()));
                case FileChange.Deleted x -> new FileChange.Deleted(x.path(), fit.apply(x.before()));
                case FileChange.Modified x -> new FileChange.Modified(x.path(), fit.apply(x.before()), fit.apply(x.after()));
                case FileChange.Moved x -> new FileChange.Moved(x.from(), x.path(), fit.apply(x.before()), fit.apply(x.after()));
                case FileChange.ModeChanged x -> x;
            });
        }
        return kept.stream().map(bounded::get).toList();
    }

    private List<TranscriptEntry> transcript(List<TranscriptEntry> all, Cuts cuts) {
        long left = maxToolOutputTotal;
        List<TranscriptEntry> out = new ArrayList<>(all.size());
        for (TranscriptEntry e : all) {
            if (e.message() instanceof Message.Tool t) {
                String content = t.content();
                if (content.length() > left && content.length() > maxCutToolOutput) {
                    cuts.toolOutputs++;
                    content = shorten(content, maxCutToolOutput, "the agent saw all of it; the record's transcript budget was spent");
                    cuts.toolOutputChars += t.content().length() - content.length();
                    e = new TranscriptEntry(e.turn(), e.at(), e.durationMillis(), new Message.Tool(t.toolCallId(), t.toolName(), content, t.error()));
                }
                left = Math.max(0, left - content.length());
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The decisive items, then the others taken in turns across their groups (the first of each
     * group, then the second of each, ...) up to {@code max}; in their original order. Counts the
     * dropped ones by group.
     */
    private static <T> List<T> keepInTurns(List<T> all, java.util.function.Predicate<T> decisive, Function<T, String> group, int max,
            Map<String, Integer> dropped) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        record Ranked<T>(int index, int rank, T item) {}
        List<Ranked<T>> others = new ArrayList<>();
        boolean[] keep = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            T item = all.get(i);
            if (decisive.test(item)) {
                keep[i] = true;
            } else {
                others.add(new Ranked<>(i, seen.merge(group.apply(item), 1, Integer::sum), item));
            }
        }
        others.sort(Comparator.comparingInt((Ranked<T> x) -> x.rank).thenComparingInt(x -> x.index));
        for (int i = 0; i < others.size(); i++) {
            if (i < max) {
                keep[others.get(i).index] = true;
            } else {
                dropped.merge(group.apply(others.get(i).item), 1, Integer::sum);
            }
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (keep[i]) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    private static String topDirectory(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? "(home)" : path.substring(0, slash);
    }

    /** The start of {@code text} and a marker saying how much was cut and why; at most {@code max} characters. */
    static String shorten(String text, int max, String why) {
        int keep = max - MARKER_ROOM;
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "\n[offswitch cut " + (text.length() - keep) + " characters here: " + why + "]";
    }
}
