package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.agent.ScriptedFactory;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import io.offswitch.tool.BashTool;
import io.offswitch.tool.SubmitTool;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sequences in the engine, with a scenario of its own: each episode's world makes the next from the
 * machine that ended (here: a counter file carried on), the runner runs each with a fresh agent and
 * returns one record; an error or a limit ends the sequence, and a world that never stops is an error.
 */
class SequenceTest {
    private static final ToolSpec BASH = BashTool.withThoughts("the machine");
    private static final ToolSpec SUBMIT = SubmitTool.spec("Done.", "anything");

    /** How the test's worlds behave: how many episodes, and whether making the next one fails. */
    private record Chain(int length, boolean nextFails) {}

    private static final class ChainWorld implements EpisodeWorld {
        final Chain chain;
        final int part;
        final String carried;

        ChainWorld(Chain chain, int part, String carried) {
            this.chain = chain;
            this.part = part;
            this.carried = carried;
        }

        @Override
        public SandboxSpec sandboxSpec() {
            return new SandboxSpec("seq", "agent", List.of(SandboxFile.agentFile("carried.txt", carried, 0644)), List.of(), Limits.defaults());
        }

        @Override
        public Prompts prompts() {
            return new Prompts("system of episode " + part, "append your mark to carried.txt", "go on");
        }

        @Override
        public List<Tool> tools() {
            return List.of(new BashTool(BASH), new SubmitTool(SUBMIT));
        }

        @Override
        public Optional<Verdict> afterTool(Sandbox sandbox, ToolEvent event) {
            return event instanceof ToolEvent.Submitted
                    ? Optional.of(new Verdict(new Outcome("done"), "episode " + part + " done", List.of(new Evidence("part", Integer.toString(part)))))
                    : Optional.empty();
        }

        @Override
        public List<Attempt> attempts(List<ToolEvent> events) {
            return List.of(new Attempt("mark", "carried.txt", events.isEmpty() ? 0 : events.getFirst().turn(), "", "episode " + part, List.of()));
        }

        @Override
        public Optional<EpisodeWorld> next(Sandbox sandbox, Verdict verdict) {
            if (part >= chain.length()) {
                return Optional.empty();
            }
            if (chain.nextFails()) {
                throw new IllegalStateException("cannot carry the files");
            }
            String text = new String(sandbox.disk().read("/home/agent/carried.txt", 4096).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(new ChainWorld(chain, part + 1, text));
        }
    }

    private static Scenario scenario(Chain chain) {
        Condition c = new Condition("c", "test", new Prompts("s", "u", "go on"), Map.of());
        return new Scenario() {
            @Override
            public String id() {
                return "seqtest";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public List<Condition> conditions() {
                return List.of(c);
            }

            @Override
            public String contentHash() {
                return "h";
            }

            @Override
            public EpisodeWorld open(Condition condition, long seed) {
                return new ChainWorld(chain, 1, "");
            }

            @Override
            public OutcomeVocabulary outcomes() {
                return OutcomeVocabulary.of(List.of(OutcomeLabel.scored("done", "done")), "done", "done rate");
            }
        };
    }

    /** Appends "mark N" (N: which agent of the factory it is) to the carried file, shows it, then submits. */
    private static ScriptedFactory marking(AtomicInteger made, int turns) {
        return new ScriptedFactory("test/marker", seed -> {
            int me = made.incrementAndGet();
            return new io.offswitch.agent.Agent() {
                int calls;

                @Override
                public String id() {
                    return "test/marker";
                }

                @Override
                public boolean scripted() {
                    return true;
                }

                @Override
                public Map<String, String> settings() {
                    return Map.of();
                }

                @Override
                public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) {
                    // A fresh agent sees only its own episode's conversation: one system prompt.
                    assertThat(conversation.stream().filter(m -> m instanceof Message.System)).hasSize(1);
                    calls++;
                    if (calls > turns) {
                        return new Message.Assistant("", List.of(ToolCall.submit("s", "ok")));
                    }
                    return new Message.Assistant("", List.of(ToolCall.bash("c" + calls, "mark", "echo mark " + me + " >> carried.txt; cat carried.txt")));
                }
            };
        });
    }

    private static EpisodeRecord run(Chain chain, ScriptedFactory agent, EpisodeLimits limits) {
        Scenario s = scenario(chain);
        return new EpisodeRunner(s, new BwrapBackend(), limits).run(new PlannedEpisode(new EpisodeKey("seq", "seqtest", "c", agent.name(), 1), s.condition("c"), agent, 3));
    }

    @Test
    void aSequenceOfThreeIsOneRecordWithAFreshAgentForEachEpisodeOnWhatTheLastLeft() {
        AtomicInteger made = new AtomicInteger();
        EpisodeRecord r = run(new Chain(3, false), marking(made, 1), EpisodeLimits.defaults());
        assertThat(made).hasValue(3);
        assertThat(r.verdict().outcome().label()).isEqualTo("done");
        assertThat(r.verdict().reason()).isEqualTo("episode 3 done");
        List<String> seams = r.verdict().evidence().stream().filter(e -> e.kind().equals(SequenceRecords.SEAM)).map(Evidence::detail).toList();
        assertThat(seams).hasSize(2);
        assertThat(seams.get(0)).startsWith("episode 1 ended done").contains("episode 2").contains("began at turn 3");
        assertThat(seams.get(1)).startsWith("episode 2 ended done").contains("episode 3").contains("began at turn 5");
        assertThat(r.verdict().evidence()).contains(new Evidence("part", "3"));
        // The third agent saw the marks of the first two: each episode started on what the one before left.
        String last = r.transcript().stream().filter(t -> t.message() instanceof Message.Tool tool && tool.content().contains("mark 3"))
                .map(t -> ((Message.Tool) t.message()).content()).findFirst().orElseThrow();
        assertThat(last).isEqualTo("mark 1\nmark 2\nmark 3\n");
        List<Integer> turns = r.transcript().stream().map(t -> t.turn()).toList();
        assertThat(turns).isSorted();
        assertThat(r.attempts()).extracting(Attempt::description).containsExactly("episode 1", "episode 2", "episode 3");
        assertThat(r.attempts()).extracting(Attempt::turn).containsExactly(1, 3, 5);
        assertThat(r.transcript().stream().filter(t -> t.message() instanceof Message.System)).hasSize(3);
    }

    @Test
    void aNextEpisodeThatCannotBeMadeMakesTheWholeAnError() {
        AtomicInteger made = new AtomicInteger();
        EpisodeRecord r = run(new Chain(2, true), marking(made, 1), EpisodeLimits.defaults());
        assertThat(made).hasValue(1);
        assertThat(r.verdict().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.verdict().reason()).contains("the next episode of the sequence could not be prepared").contains("cannot carry the files")
                .contains("this one had ended done");
    }

    @Test
    void aLimitEndsTheSequenceThere() {
        AtomicInteger made = new AtomicInteger();
        EpisodeRecord r = run(new Chain(3, false), marking(made, 10), new EpisodeLimits(3, 100, java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(10), 1 << 16, 0));
        assertThat(made).hasValue(1);
        assertThat(r.verdict().outcome()).isEqualTo(Outcome.LIMIT);
    }

    @Test
    void aWorldThatNeverStopsIsAnErrorAfterTheLongestSequence() {
        AtomicInteger made = new AtomicInteger();
        EpisodeRecord r = run(new Chain(1000, false), marking(made, 0), EpisodeLimits.defaults());
        assertThat(made).hasValue(EpisodeRunner.MAX_SEQUENCE);
        assertThat(r.verdict().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.verdict().reason()).contains("past " + EpisodeRunner.MAX_SEQUENCE + " episodes");
    }

    /** An outside loop drives a sequence through the session API: end, then open what next() gave. */
    @Test
    void anOutsideLoopOpensTheNextEpisodeItself() {
        Scenario s = scenario(new Chain(2, false));
        EpisodeKey key = new EpisodeKey("seq", "seqtest", "c", "loop", 1);
        List<EpisodeRecord> records = new ArrayList<>();
        Optional<EpisodeWorld> next;
        try (EpisodeSession first = EpisodeSession.open(s, s.condition("c"), 1, new BwrapBackend(), EpisodeLimits.defaults())) {
            first.nextTurn();
            first.reply(new Message.Assistant("", List.of(ToolCall.bash("a", "t", "echo one > carried.txt"))), 0);
            first.nextTurn();
            records.add(first.end(first.reply(new Message.Assistant("", List.of(ToolCall.submit("b", "x"))), 0).orElseThrow(), key,
                    new AgentIdentity("loop", false, Map.of())));
            next = first.next();
        }
        assertThat(next).isPresent();
        try (EpisodeSession second = EpisodeSession.openNext(s, s.condition("c"), 1, new BwrapBackend(), EpisodeLimits.defaults(), next.get())) {
            second.nextTurn();
            second.reply(new Message.Assistant("", List.of(ToolCall.bash("a", "t", "cat carried.txt"))), 0);
            assertThat(((Message.Tool) second.conversation().getLast()).content()).isEqualTo("one\n");
            assertThat(second.conversation().getFirst()).isEqualTo(new Message.System("system of episode 2"));
        }
    }
}
