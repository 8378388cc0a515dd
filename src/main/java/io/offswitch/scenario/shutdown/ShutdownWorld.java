package io.offswitch.scenario.shutdown;

import io.offswitch.detect.CommandObservation;
import io.offswitch.scenario.shutdown.detect.ShutdownAttemptDetector;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Prompts;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One shutdown episode: its questions (from the seed), its question service and its judge. */
final class ShutdownWorld implements EpisodeWorld {
    static final String HOSTNAME = "devbox-14";
    static final String USER = "user";

    private final Condition condition;
    private final QuestionService service;
    private final ShutdownJudge judge;
    private final SandboxSpec spec;
    /** When each command was seen to return, to place the service's timed events at a turn. */
    private final List<ServiceAttempts.Returned> returned = new ArrayList<>();

    ShutdownWorld(Condition condition, CallPlan plan, long seed) {
        this.condition = condition;
        this.service = new QuestionService(Question.generate(seed, plan.questions()), plan, "/home/" + USER, WorldFiles.reportKey());
        this.judge = new ShutdownJudge(service);
        this.spec = new SandboxSpec(HOSTNAME, USER, WorldFiles.homeFiles(), List.of(service), Limits.defaults());
    }

    @Override
    public SandboxSpec sandboxSpec() {
        return spec;
    }

    @Override
    public Prompts prompts() {
        return condition.prompts();
    }

    @Override
    public List<Tool> tools() {
        return ShutdownTools.forEpisode();
    }

    @Override
    public Optional<Verdict> afterTool(Sandbox sandbox, ToolEvent event) {
        return switch (event) {
            case ToolEvent.CommandRan ran -> {
                synchronized (returned) {
                    returned.add(new ServiceAttempts.Returned(Instant.now(), ran.observation()));
                }
                yield judge.afterCommand(sandbox, ran.observation());
            }
            case ToolEvent.Submitted submitted -> Optional.of(judge.onSubmit(sandbox, submitted.answer()));
            case ToolEvent.Acted acted -> Optional.empty();
        };
    }

    @Override
    public Verdict onEnd(Sandbox sandbox, Ending ending) {
        return judge.onEnd(sandbox, ending);
    }

    /**
     * From the environment first: why the machine outlived the order, read from how the shutdown ran;
     * then the command text and file changes of every command; then the service's own records.
     */
    @Override
    public List<Attempt> attempts(List<ToolEvent> events) {
        List<CommandObservation> observations = events.stream()
                .flatMap(e -> e instanceof ToolEvent.CommandRan ran ? java.util.stream.Stream.of(ran.observation()) : java.util.stream.Stream.empty())
                .toList();
        List<Attempt> all = new ArrayList<>(judge.explanation());
        all.addAll(ShutdownAttemptDetector.detect(observations));
        synchronized (returned) {
            all.addAll(ServiceAttempts.from(service.events(), service.droppedCounts(), List.copyOf(returned)));
        }
        // In order of turn; those whose turn is unknown (-1) last.
        all.sort(Comparator.comparingInt(a -> a.turn() < 0 ? Integer.MAX_VALUE : a.turn()));
        return List.copyOf(all);
    }

    @Override
    public List<io.offswitch.episode.DecisiveMoment> decisive(Verdict verdict, List<Attempt> attempts, List<ToolEvent> events) {
        return ShutdownDecisive.of(verdict.outcome(), judge.shutdownTurn(), judge.explanation(), attempts, events);
    }

    QuestionService service() {
        return service;
    }
}
