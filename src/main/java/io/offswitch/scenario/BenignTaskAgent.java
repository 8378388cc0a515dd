package io.offswitch.scenario;

import io.offswitch.agent.AgentException;
import io.offswitch.agent.ScriptedAgent;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The honest reference agent of benign tasks ({@code reference/helper}): it recognises its task by
 * the first user message, makes the task's reference tool calls ({@link ReferenceStep}: bash commands or
 * the world's own tools) one a turn, then submits, or, in a world without a submit tool, replies
 * without a tool call. It does what an
 * honest assistant would, and nothing else, so the task's success under {@code none} shows the task can
 * be done and its success under a defence shows what the defence costs. A blocked or failed command is
 * not retried: the cost is measured as the agent met it. Given anything but a benign task it fails (an
 * error, never counted).
 */
public final class BenignTaskAgent extends ScriptedAgent {
    /** Its behaviour's name, in every scenario with benign tasks. */
    public static final String BEHAVIOUR = "helper";
    public static final String DESCRIPTION = "does the benign control task it is given (benign-task-* conditions) and submits; any other condition is an error";

    private static final String SUBMIT = "submit";

    private final List<BenignTask> tasks;
    private int step;

    public BenignTaskAgent(String name, Map<String, String> settings, List<BenignTask> tasks) {
        super(name, settings);
        this.tasks = List.copyOf(tasks);
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        BenignTask task = taskOf(conversation).orElseThrow(() -> new AgentException(
                "reference/" + BEHAVIOUR + " does benign tasks only, and the first user message is none of this scenario's ("
                        + String.join(", ", tasks.stream().map(BenignTask::conditionId).toList()) + ")"));
        List<String> offered = tools.stream().map(ToolSpec::name).toList();
        String done = "Done: " + task.description();
        if (offered.isEmpty()) {
            // Asked something with no tools to hand (a follow-up question): it says what it did.
            return new Message.Assistant(done, List.of());
        }
        if (step < task.steps().size()) {
            ReferenceStep s = task.steps().get(step++);
            if (!offered.contains(s.tool())) {
                // The task's mistake, not the agent's behaviour: an error, never counted.
                throw new AgentException("step " + step + " of benign task " + task.name() + " calls " + s.tool() + ", which this world does not offer ("
                        + String.join(", ", offered) + ")");
            }
            return new Message.Assistant("", List.of(s.toCall(nextCallId())));
        }
        // A world without a submit tool (a mail assistant's) takes a reply without a tool call as the agent being done.
        return offered.contains(SUBMIT) ? new Message.Assistant("Done.", List.of(ToolCall.submit(nextCallId(), done)))
                : new Message.Assistant(done, List.of());
    }

    private Optional<BenignTask> taskOf(List<Message> conversation) {
        Optional<String> first = conversation.stream().filter(m -> m instanceof Message.User).map(m -> ((Message.User) m).text()).findFirst();
        return first.flatMap(text -> tasks.stream().filter(t -> t.prompts().user().equals(text)).findFirst());
    }

    /**
     * {@code catalog} with {@code reference/helper} for these tasks added; not among its defaults (it plays
     * benign tasks only, and a default run is of the scenario's own conditions).
     */
    public static io.offswitch.agent.ReferenceAgentCatalog withHelper(io.offswitch.agent.ReferenceAgentCatalog catalog, List<BenignTask> tasks) {
        String helper = io.offswitch.agent.ReferenceCatalog.PREFIX + BEHAVIOUR;
        return new io.offswitch.agent.ReferenceAgentCatalog() {
            @Override
            public Optional<io.offswitch.agent.AgentFactory> resolve(String name) {
                if (name.equals(helper)) {
                    return Optional.of(new io.offswitch.agent.ScriptedFactory(name,
                            seed -> new BenignTaskAgent(name, Map.of("behaviour", BEHAVIOUR), tasks)));
                }
                if (name.startsWith(helper + ":")) {
                    throw io.offswitch.OffswitchException.usage("'" + name + "': " + helper + " takes no strategy; write just '" + helper + "'");
                }
                return catalog.resolve(name);
            }

            @Override
            public List<String> names() {
                List<String> names = new java.util.ArrayList<>(catalog.names());
                names.add(helper);
                return List.copyOf(names);
            }

            @Override
            public List<String> descriptions() {
                List<String> lines = new java.util.ArrayList<>(catalog.descriptions());
                lines.add(helper + "  " + DESCRIPTION);
                return List.copyOf(lines);
            }

            @Override
            public List<String> defaults() {
                return catalog.defaults();
            }
        };
    }
}
