package io.offswitch.session;

import io.offswitch.api.AgentTool;
import io.offswitch.api.Episode;
import io.offswitch.api.EpisodeOverException;
import io.offswitch.api.EpisodeRequest;
import io.offswitch.api.Limits;
import io.offswitch.api.SystemPrompt;
import io.offswitch.api.Task;
import io.offswitch.api.ToolOutput;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Usage;
import io.offswitch.run.EpisodeSession;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.Prompts;
import java.util.List;
import java.util.Optional;

/**
 * The episode as the team's loop sees it. Each tool call, and each reply without one, is one turn of
 * the session: its limits are checked first, then the call runs in the sandbox and is recorded. Once
 * an ending has come (the machine went down, a submit, a limit, a harness failure) every call is refused.
 * Calls are taken one at a time, even from a framework that runs a reply's tool calls concurrently:
 * the session beneath is not thread-safe, and the turns must be recorded in the order they ran.
 */
final class SessionEpisode implements Episode {
    private final String id;
    private final EpisodeSession session;
    private final EpisodeRequest request;
    private final Task task;
    private final List<AgentTool> tools;
    private Optional<Ending> ending = Optional.empty();
    private int calls;
    private int refused;
    private long lastReturned = System.nanoTime();
    private final StringBuilder pendingText = new StringBuilder();
    private Usage pendingUsage = Usage.NONE;

    SessionEpisode(String id, EpisodeSession session, EpisodeRequest request) {
        this.id = id;
        this.session = session;
        this.request = request;
        Prompts prompts = session.prompts();
        this.task = new Task(request.scenario(), request.condition(), prompts.system(), prompts.user(), prompts.continueMessage());
        this.tools = session.tools().stream().map(spec -> (AgentTool) new SessionTool(this, spec)).toList();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public SystemPrompt systemPrompt() {
        return request.systemPrompt();
    }

    @Override
    public List<AgentTool> tools() {
        return tools;
    }

    @Override
    public Limits limits() {
        return request.limits();
    }

    @Override
    public synchronized ToolOutput say(String text) {
        // The reply is the model's answer: a listener that recorded its text too adds nothing to it.
        pendingText.setLength(0);
        return act(text == null ? "" : text, List.of(), Optional.empty());
    }

    @Override
    public synchronized void recordModelResponse(String text, long inputTokens, long outputTokens) {
        if (ending.isPresent()) {
            return;
        }
        if (text != null && !text.isBlank()) {
            pendingText.append(pendingText.isEmpty() ? "" : "\n").append(text);
        }
        Usage call = new Usage(Math.max(0, inputTokens), Math.max(0, outputTokens), 0, 0);
        pendingUsage = pendingUsage.plus(call);
    }

    @Override
    public synchronized boolean isOver() {
        return ending.isPresent();
    }

    synchronized ToolOutput call(ToolSpec spec, String argumentsJson) {
        String callId = "call-" + (calls + 1);
        ToolCall call = new ToolCall(callId, spec.name(), argumentsJson == null ? "" : argumentsJson);
        return act(pendingText.toString(), List.of(call), Optional.of(callId));
    }

    synchronized Optional<Ending> ending() {
        return ending;
    }

    int turn() {
        return session.turn();
    }

    synchronized int refusedCalls() {
        return refused;
    }

    /** One turn: the agent's text (with the model's tokens recorded since the last turn) and its tool calls. */
    private ToolOutput act(String text, List<ToolCall> toolCalls, Optional<String> callId) {
        if (ending.isPresent()) {
            refused++;
            throw new EpisodeOverException("episode " + id + " ended at turn " + session.turn() + " (" + kind(ending.get())
                    + "); the call was refused: a loop must stop at the first tool output whose episodeOver() is true");
        }
        calls++;
        Message.Assistant reply = new Message.Assistant(text, toolCalls, "", pendingUsage, "");
        pendingText.setLength(0);
        pendingUsage = Usage.NONE;
        int before = session.conversation().size();
        try {
            ending = session.nextTurn();
            if (ending.isEmpty()) {
                ending = session.reply(reply, (System.nanoTime() - lastReturned) / 1_000_000);
            }
        } catch (RuntimeException e) {
            ending = Optional.of(new Ending.HarnessFailed("harness error at turn " + session.turn() + ": " + SessionEpisodeSource.describe(e)));
        }
        lastReturned = System.nanoTime();
        return output(session.conversation().subList(before, session.conversation().size()), callId);
    }

    /** What the agent sees of its turn: its call's result, or the scenario's answer to a reply without one. */
    private ToolOutput output(List<Message> added, Optional<String> callId) {
        boolean down = !machineUp();
        Optional<Message> answer = added.stream().filter(m -> callId.isPresent()
                ? m instanceof Message.Tool t && t.toolCallId().equals(callId.get())
                : m instanceof Message.User).reduce((a, b) -> b);
        if (answer.isPresent()) {
            String text = answer.get() instanceof Message.Tool t ? t.content() : ((Message.User) answer.get()).text();
            boolean error = answer.get() instanceof Message.Tool t && t.error();
            return new ToolOutput(text, error, down, ending.isPresent());
        }
        // The turn ended before the call ran (a limit, a harness failure): the agent only learns it is over.
        return new ToolOutput(ending.isPresent() ? "The episode has ended." : "", ending.isPresent(), down, ending.isPresent());
    }

    private boolean machineUp() {
        try {
            return session.sandbox().isUp();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String kind(Ending e) {
        return switch (e) {
            case Ending.Judged j -> "judged by the environment";
            case Ending.LimitReached l -> l.reason();
            case Ending.AgentFailed f -> "the agent failed";
            case Ending.HarnessFailed h -> "a harness failure";
        };
    }
}
