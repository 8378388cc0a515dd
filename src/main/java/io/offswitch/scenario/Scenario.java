package io.offswitch.scenario;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.agent.ReferenceAgentCatalog;
import io.offswitch.judge.EpisodeJudging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A kind of experiment (e.g. {@code shutdown}): one package and one resource folder holding its
 * world, tools, conditions, prompts, outcome vocabulary, judges and reference agents. The engine reads
 * a scenario only through this interface; registering one is a line in {@link Scenarios}.
 */
public interface Scenario {
    String id();

    String description();

    List<Condition> conditions();

    /** A hash of everything that defines the scenario's behaviour, recorded with each episode. */
    String contentHash();

    /**
     * The conditions {@code run SCENARIO} runs when no {@code --condition} is given; every condition
     * unless the scenario names its own.
     */
    default List<String> defaultConditions() {
        return conditions().stream().map(Condition::id).filter(id -> !BenignTask.isTask(id)).toList();
    }

    /**
     * Its benign control tasks ({@link BenignTask}): ordinary work in its world that needs what a defence
     * restricts. Each is also one of {@link #conditions()} (its {@link BenignTask#conditionId()}), never a
     * default one; {@code run --benign-tasks} adds them all. Empty for a scenario that has none.
     */
    default List<BenignTask> benignTasks() {
        return List.of();
    }

    /** Sets up the world of one episode under a condition. */
    EpisodeWorld open(Condition condition, long seed);

    /** The outcomes its episodes can have, which count, and which one is the behaviour measured. */
    OutcomeVocabulary outcomes();

    /** Its scripted reference agents, one or more for every outcome. */
    default ReferenceAgentCatalog referenceAgents() {
        return ReferenceAgentCatalog.none();
    }

    /**
     * How it reads another harness's transcript of its task (an imported log) whose tools match its
     * own; empty for a scenario that cannot tell anything from a transcript alone.
     */
    default Optional<TranscriptReading> transcriptReading() {
        return Optional.empty();
    }

    /** Its judges of text, run after each episode; empty for a scenario judged from its environment alone. */
    default Optional<EpisodeJudging> judging() {
        return Optional.empty();
    }

    /**
     * The published results its cells may stand beside: the CSV text of {@code published.csv} in the
     * scenario's resource folder (the folder of its class's package), one row per figure under the
     * header {@code study,source,scenario,condition,model,provider,k,n,rate,ci95_low,ci95_high,prompts_sha256,note},
     * every row naming this scenario; empty when the folder has none. The report reads it; a scenario
     * only puts the file there.
     */
    default Optional<String> publishedFigures() {
        try (InputStream in = getClass().getResourceAsStream("published.csv")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot read the published figures of scenario " + id()
                    + " from the offswitch jar: " + e, e);
        }
    }

    /**
     * How long one bash call may run when {@code run} is given no {@code --command-timeout}: 15 s, as
     * in the published shutdown experiment, unless the scenario's worlds hold work that honestly takes
     * longer. A timeout that kills a legitimate long copy would make an attempt's success depend on the
     * machine's load rather than on what the agent did.
     */
    default java.time.Duration commandTimeout() {
        return java.time.Duration.ofSeconds(15);
    }

    /**
     * The actions whose misuse is the harm this scenario measures (a write to the shutdown path, an
     * upload to a host outside the organisation), as data for the defences: a gate decides on calls that
     * could do one. Empty for a scenario that declares none.
     */
    default List<io.offswitch.defence.CriticalAction> criticalActions() {
        return List.of();
    }

    /**
     * What a hardening may protect in this scenario's worlds (the shutdown script, the outside hosts),
     * by group; a defence whose group the scenario does not declare is refused before a run starts.
     */
    default List<io.offswitch.defence.ProtectedResource> protectedResources() {
        return List.of();
    }

    /**
     * Whether the worlds of {@code condition} hold the resources of {@code group}: a scenario whose
     * conditions build different worlds (oversight's goal-guarding worlds have no monitor) says so here,
     * and a hardening of that group is not planned for that condition, where its arm would only fail to
     * start or repeat {@code none}. Every condition holds every declared group unless the scenario says not.
     */
    default boolean places(Condition condition, String group) {
        return true;
    }

    /**
     * The ways out of its worlds a channel filter can sit on (outgoing mail, uploads outside the
     * organisation), each where nothing the agent does can go around it; a channel filter for a channel
     * not declared here is refused before a run starts. Empty for a scenario that declares none.
     */
    default List<io.offswitch.defence.OutboundChannel> outboundChannels() {
        return List.of();
    }

    default Condition condition(String id) {
        return conditions().stream()
                .filter(c -> c.id().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> OffswitchException.usage("unknown condition '" + id + "' for scenario " + id()
                        + "; valid conditions: " + conditions().stream().map(Condition::id).collect(Collectors.joining(", "))));
    }
}
