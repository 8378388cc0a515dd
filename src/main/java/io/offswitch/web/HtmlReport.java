package io.offswitch.web;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.report.Cell;
import io.offswitch.report.Interval;
import io.offswitch.report.ModelUsage;
import io.offswitch.report.Report;
import io.offswitch.report.ScenarioTable;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.Scenarios;
import io.offswitch.sandbox.FileChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code offswitch report --html FILE}: one self-contained page that opens from disk and can be mailed.
 * It has no script at all and loads nothing: its policy allows only its own style block (by hash) and
 * nothing else, the charts are inline SVG, and every stored string is escaped. Long texts show their
 * start with the rest behind a "show more" disclosure, and are cut past a bound so one huge output
 * cannot make the file huge.
 */
public final class HtmlReport {
    /** Characters of one text shown at once; the rest is behind "show more". */
    static final int SHOWN = 2000;
    /** Characters of one text the file carries at most. */
    static final int KEPT = 50_000;

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:16px;color:#1b1b1f;background:#fafafa}
            h1{font-size:21px}h2{font-size:17px;margin-top:24px}h3{font-size:15px}
            table{border-collapse:collapse;background:#fff;margin:6px 0 12px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f0f1f4}.muted{color:#6b6f78}.rate{font-weight:600}.pub{color:#5a3e99;font-size:12px}
            pre{white-space:pre-wrap;word-break:break-word;background:#f4f5f7;padding:6px 8px;margin:4px 0;border-radius:4px}
            .entry{background:#fff;border:1px solid #e1e3e8;border-radius:6px;padding:6px 10px;margin:6px 0}
            .assistant{border-left:4px solid #3a6ee8}.tool{border-left:4px solid #888;margin-left:24px}.user,.system{border-left:4px solid #2f9e5b}
            .attempt{background:#fff5d6}.decisive{background:#ffeaea;border-left:4px solid #c0392b}.badge{display:inline-block;padding:0 6px;border-radius:8px;background:#e8eaef;font-size:12px}
            .episode{border-top:2px solid #23272f;margin-top:28px}summary{cursor:pointer;color:#1f55c9}
            """;
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256Base64(STYLE)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private HtmlReport() {}

    /**
     * The page of {@code report}, with the transcripts of at most {@code maxTranscripts} of
     * {@code records} that showed their scenario's measured behaviour (taken in turn from each cell).
     */
    public static String render(Report report, List<EpisodeRecord> records, int maxTranscripts, Instant generatedAt) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.text(CONTENT_SECURITY_POLICY)).append("\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>offswitch report</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>offswitch report</h1><p class=\"muted\">Generated ").append(Html.text(generatedAt.toString())).append(" from runs ")
                .append(Html.text(String.join(", ", report.runs()))).append(". Rates are k/n over the episodes each scenario counts, with 95% Jeffreys intervals;")
                .append(" limits and errors are shown and never counted.</p>\n");
        for (ScenarioTable table : report.tables()) {
            grid(h, table, report.showsDesigns());
        }
        HtmlDefences.render(h, report);
        usage(h, report.usage());
        List<EpisodeRecord> chosen = chosen(records, maxTranscripts);
        long showing = records.stream().filter(HtmlReport::showedBehaviour).count();
        h.append("<h2 id=\"transcripts\">Transcripts</h2><p class=\"muted\">").append(chosen.size()).append(" of ").append(showing)
                .append(" episodes that showed the behaviour measured").append(showing > chosen.size() ? " (capped; `offswitch show ID` prints any other)" : "")
                .append(".</p>\n");
        for (EpisodeRecord r : chosen) {
            episode(h, r);
        }
        return h.append("</body></html>\n").toString();
    }

    private static void grid(StringBuilder h, ScenarioTable t, boolean showsDesigns) {
        h.append("<section class=\"scenario\" data-scenario=\"").append(Html.text(t.scenario())).append("\"><h2>")
                .append(Html.text(t.scenario() + ": " + t.vocabulary().rateName())).append("</h2><p class=\"muted\">k/n = episodes that showed <b>")
                .append(Html.text(t.vocabulary().measured().map(o -> o.label()).orElse("nothing measured"))).append("</b> / episodes counted. Outcomes: ");
        List<String> legend = new ArrayList<>();
        for (OutcomeLabel l : t.vocabulary().all()) {
            legend.add(l.label() + (l.scored() ? "" : " (not counted)") + ": " + l.meaning());
        }
        h.append(Html.text(String.join("; ", legend))).append(".</p>\n");
        LinkedHashSet<String> conditions = new LinkedHashSet<>();
        LinkedHashSet<String> models = new LinkedHashSet<>();
        t.cells().forEach(c -> {
            conditions.add(c.condition());
            models.add(c.agentLabel());
        });
        h.append("<table class=\"grid\"><tr><th>model \\ condition</th>");
        conditions.forEach(c -> h.append("<th>").append(Html.text(c)).append("</th>"));
        h.append("</tr>\n");
        for (String m : models) {
            h.append("<tr><th>").append(Html.text(m)).append("</th>");
            for (String condition : conditions) {
                h.append("<td>");
                for (Cell c : t.cells()) {
                    if (c.agentLabel().equals(m) && c.condition().equals(condition)) {
                        cell(h, c, showsDesigns);
                    }
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n").append(SvgChart.of(t)).append("</section>\n");
    }

    private static void cell(StringBuilder h, Cell c, boolean showsDesigns) {
        h.append("<div class=\"cell\"><span class=\"kn\">").append(c.k()).append('/').append(c.n()).append("</span> <span class=\"rate\">")
                .append(pct(c.rate())).append("</span><div class=\"muted\">").append(interval(c.jeffreys())).append("</div><div class=\"muted\">attempted ")
                .append(c.attempted()).append(" · errors ").append(c.error()).append(" · limits ").append(c.limit()).append("</div>");
        if (showsDesigns) {
            h.append("<div class=\"muted\">design ").append(Html.text(c.shortDesign())).append(" · runs ").append(Html.text(String.join(", ", c.runs()))).append("</div>");
        }
        c.published().ifPresent(p -> h.append("<div class=\"pub\">published ").append(pct(OptionalDouble.of(p.figure().rate())))
                .append(p.figure().k().isPresent() ? " (" + p.figure().k().getAsInt() + "/" + Html.text(p.figure().n()) + ")" : " (n " + Html.text(p.figure().n()) + ")")
                .append(' ').append(Html.text(p.figure().study())).append(" · ").append(Html.text(p.likeness().label())).append("</div>"));
        h.append("</div>");
    }

    private static void usage(StringBuilder h, List<ModelUsage> usage) {
        if (usage.isEmpty()) {
            return;
        }
        h.append("<h2>Tokens and cost</h2><table><tr><th>model</th><th>calls</th><th>input</th><th>output</th><th>cost</th></tr>");
        for (ModelUsage u : usage) {
            h.append("<tr><td>").append(Html.text(u.model())).append("</td><td>").append(u.calls()).append("</td><td>").append(u.tokens().inputTokens())
                    .append("</td><td>").append(u.tokens().outputTokens()).append("</td><td>")
                    .append(u.costUsd().map(c -> String.format(Locale.ROOT, "$%.2f", c)).orElse("–")).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static boolean showedBehaviour(EpisodeRecord r) {
        return Scenarios.vocabulary(r.key().scenario(), List.of(r.verdict().outcome())).measured().map(r.verdict().outcome()::equals).orElse(false);
    }

    /** Episodes that showed the behaviour, taken one per cell in turn so that every cell is represented before any has two. */
    static List<EpisodeRecord> chosen(List<EpisodeRecord> records, int max) {
        Map<String, List<EpisodeRecord>> byCell = new LinkedHashMap<>();
        records.stream().filter(HtmlReport::showedBehaviour)
                .sorted(java.util.Comparator.comparing((EpisodeRecord r) -> r.key().scenario()).thenComparing(r -> r.key().model())
                        .thenComparing(r -> r.key().condition()).thenComparing(EpisodeRecord::startedAt).thenComparing(EpisodeRecord::id))
                .forEach(r -> byCell.computeIfAbsent(r.key().scenario() + "\0" + r.key().model() + "\0" + r.key().condition(), k -> new ArrayList<>()).add(r));
        List<EpisodeRecord> out = new ArrayList<>();
        for (int round = 0; out.size() < max; round++) {
            boolean any = false;
            for (List<EpisodeRecord> cell : byCell.values()) {
                if (round < cell.size() && out.size() < max) {
                    out.add(cell.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }

    private static void episode(StringBuilder h, EpisodeRecord r) {
        h.append("<section class=\"episode\" id=\"").append(Html.text(anchor(r.id()))).append("\"><h3>").append(Html.text(r.id())).append("</h3><p>")
                .append("<span class=\"badge\">").append(Html.text(r.verdict().outcome().label())).append("</span> ")
                .append(Html.text(r.key().scenario() + " · " + r.key().model() + " · condition " + r.key().condition() + " · epoch " + r.key().epoch()))
                .append("</p>");
        text(h, r.verdict().reason(), "reason");
        // The step(s) the world found decided the outcome, marked again at their turn below; an older record has none.
        java.util.Set<Integer> decisive = new java.util.HashSet<>();
        for (io.offswitch.episode.DecisiveMoment m : r.verdict().decisive()) {
            decisive.add(m.turn());
            // No link: the page has no element that points anywhere (it is mailed; see HtmlReportTest). The turn is marked below.
            h.append("<div class=\"entry decisive\"><b>decisive moment</b> turn ").append(m.turn()).append(" <span class=\"badge\">").append(Html.text(m.kind())).append("</span> ")
                    .append(Html.text(m.reason())).append("</div>");
        }
        evidence(h, r.verdict().evidence());
        for (Attempt a : r.attempts()) {
            h.append("<div class=\"entry attempt\"><span class=\"badge\">").append(Html.text(a.kind())).append("</span> on <code>").append(Html.text(a.target()))
                    .append("</code> at turn ").append(a.turn()).append(": ").append(Html.text(a.description()));
            text(h, a.command(), "command");
            evidence(h, a.evidence());
            h.append("</div>");
        }
        for (Judgement j : r.judgements()) {
            h.append("<div class=\"entry judgement\"><b>").append(Html.text(j.judge())).append("</b> ").append(j.scripted() ? "(rules)" : "(model)")
                    .append(": <span class=\"badge\">").append(Html.text(j.label())).append("</span>");
            text(h, j.reasoning(), "judge-reasoning");
            h.append("</div>");
        }
        for (FileChange c : r.changes()) {
            h.append("<div class=\"entry change\">").append(Html.text(c.getClass().getSimpleName().toLowerCase(Locale.ROOT))).append(" <code class=\"path\">")
                    .append(Html.text(c.path())).append("</code></div>");
        }
        int anchored = -1;
        for (TranscriptEntry e : r.transcript()) {
            if (decisive.contains(e.turn()) && e.turn() != anchored) {
                anchored = e.turn();
                h.append("<div class=\"turn decisive\">turn ").append(e.turn()).append(" · decisive moment</div>");
            }
            message(h, e);
        }
        h.append("</section>\n");
    }

    private static void message(StringBuilder h, TranscriptEntry e) {
        switch (e.message()) {
            case Message.System s -> {
                h.append("<div class=\"entry system\"><b>system</b>");
                text(h, s.text(), "prompt");
            }
            case Message.User u -> {
                h.append("<div class=\"entry user\"><b>user</b> <span class=\"muted\">turn ").append(e.turn()).append("</span>");
                text(h, u.text(), "prompt");
            }
            case Message.Assistant a -> {
                h.append("<div class=\"entry assistant\"><b>assistant</b> <span class=\"muted\">turn ").append(e.turn()).append(" · ")
                        .append(e.durationMillis()).append(" ms · tokens in ").append(a.usage().inputTokens()).append(", out ").append(a.usage().outputTokens()).append("</span>");
                if (!a.reasoning().isEmpty()) {
                    h.append("<div class=\"muted\">reasoning</div>");
                    text(h, a.reasoning(), "reasoning-text");
                }
                if (!a.text().isEmpty()) {
                    text(h, a.text(), "assistant-text");
                }
                for (ToolCall call : a.toolCalls()) {
                    h.append("<div class=\"muted\">calls <b>").append(Html.text(call.name())).append("</b></div>");
                    text(h, call.argumentsJson(), "argument");
                }
            }
            case Message.Tool t -> {
                h.append("<div class=\"entry tool\"><b>tool ").append(Html.text(t.toolName())).append("</b> <span class=\"muted\">").append(e.durationMillis())
                        .append(" ms · ").append(Html.text(TranscriptJson.statusOf(t))).append("</span>");
                text(h, t.content(), "tool-output");
            }
        }
        h.append("</div>\n");
    }

    private static void evidence(StringBuilder h, List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        h.append("<ul class=\"evidence\">");
        for (Evidence e : evidence) {
            h.append("<li><b>").append(Html.text(e.kind())).append("</b>: ").append(Html.text(cut(e.detail(), SHOWN))).append("</li>");
        }
        h.append("</ul>");
    }

    /** A stored text: its start, the rest behind "show more", and past {@link #KEPT} a note of what was left out. */
    private static void text(StringBuilder h, String s, String cls) {
        if (s == null || s.isEmpty()) {
            return;
        }
        h.append("<pre class=\"").append(cls).append("\">").append(Html.text(s.substring(0, Math.min(s.length(), SHOWN)))).append("</pre>");
        if (s.length() > SHOWN) {
            int end = Math.min(s.length(), KEPT);
            h.append("<details class=\"more\"><summary>show more (").append(String.format(Locale.ROOT, "%,d", s.length() - SHOWN))
                    .append(" more characters)</summary><pre class=\"").append(cls).append("-rest\">").append(Html.text(s.substring(SHOWN, end))).append("</pre>");
            if (end < s.length()) {
                h.append("<p class=\"muted\">").append(String.format(Locale.ROOT, "%,d", s.length() - end))
                        .append(" more characters are not in this file; `offswitch show` prints them.</p>");
            }
            h.append("</details>");
        }
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n) + "… (" + (s.length() - n) + " more characters)";
    }

    private static String anchor(String id) {
        return "episode-" + id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String pct(OptionalDouble rate) {
        return rate.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * rate.getAsDouble()) : "–";
    }

    private static String interval(Optional<Interval> i) {
        return i.map(v -> String.format(Locale.ROOT, "[%.1f%%, %.1f%%]", 100 * v.low(), 100 * v.high())).orElse("");
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
