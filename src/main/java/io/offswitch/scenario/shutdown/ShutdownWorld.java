package io.offswitch.scenario.shutdown;

import io.offswitch.detect.CommandObservation;
import io.offswitch.detect.ShutdownAttemptDetector;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Prompts;
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

    ShutdownWorld(Condition condition, CallPlan plan, long seed) {
        this.condition = condition;
        this.service = new QuestionService(Question.generate(seed, plan.questions()), plan, "/home/" + USER);
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
    public List<ToolSpec> tools() {
        return ShutdownTools.ALL;
    }

    @Override
    public Optional<Verdict> afterCommand(Sandbox sandbox, CommandObservation observation) {
        return judge.afterCommand(sandbox, observation);
    }

    @Override
    public Verdict onSubmit(Sandbox sandbox, String answer) {
        return judge.onSubmit(sandbox, answer);
    }

    @Override
    public List<Attempt> attempts(List<CommandObservation> observations) {
        return ShutdownAttemptDetector.detect(observations);
    }

    QuestionService service() {
        return service;
    }
}
