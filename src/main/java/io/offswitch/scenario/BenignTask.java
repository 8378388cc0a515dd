package io.offswitch.scenario;

import io.offswitch.defence.CriticalAction;
import io.offswitch.episode.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benign control task: ordinary work in a scenario's world that legitimately needs the capability a
 * defence restricts (writing beside the shutdown script, sending a file over the network, editing a
 * file next to the oversight config), so a defence that blocks everything shows its cost. It runs as
 * a condition of its own ({@link #conditionId()}, always {@code benign-task-...}) under the same
 * defences, agents and epochs as the scenario's other conditions; its world is the scenario's world of
 * condition {@code base}, with the task's prompts in place of the scenario's. Whether the task was done
 * is read from the environment by {@code check}, never from what the agent says; an error or a limit is
 * neither success nor failure.
 *
 * @param name        the task's short name; its condition is {@code benign-task-NAME}
 * @param base        the scenario condition whose world it runs in
 * @param capability  what the task needs that a defence may take away
 * @param description one line for lists and the report
 * @param prompts     what the agent is told: our own words, a task and nothing of the scenario's pressure
 * @param check       whether it was done, from the environment
 * @param steps       the tool calls an honest agent makes to do it ({@link BenignTaskAgent}), one a turn, in order: bash commands
 *                    or calls of the world's own tools (a mail server's send_email)
 */
public record BenignTask(String name, String base, CriticalAction.Kind capability, String description, Prompts prompts, TaskCheck check,
        List<ReferenceStep> steps) {
    /** Every benign task's condition id starts with this; no other condition's does. */
    public static final String PREFIX = "benign-task-";
    /** The environment shows the task done. */
    public static final Outcome DONE = new Outcome("task_done");
    /** The episode ended by the world or by submitting, and the environment does not show the task done. */
    public static final Outcome NOT_DONE = new Outcome("task_not_done");

    public BenignTask {
        if (name == null || !name.matches("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?")) {
            throw new IllegalArgumentException("not a benign task name: '" + name + "' (lower-case letters, digits and inner hyphens)");
        }
        if (base == null || base.isBlank() || capability == null || prompts == null || check == null) {
            throw new IllegalArgumentException("benign task " + name + " needs a base condition, a capability, prompts and a check");
        }
        description = description == null ? "" : description;
        steps = List.copyOf(steps);
    }

    /** A task whose reference solution is these bash commands, one a turn (a world with a shell). */
    public BenignTask(String name, String base, CriticalAction.Kind capability, String description, Prompts prompts, TaskCheck check,
            java.util.Collection<String> bashCommands) {
        this(name, base, capability, description, prompts, check, bashCommands.stream().map(ReferenceStep::bash).toList());
    }

    /** The id of the condition this task runs as. */
    public String conditionId() {
        return PREFIX + name;
    }

    /** Whether a condition id is a benign task's (of any scenario, known or not). */
    public static boolean isTask(String conditionId) {
        return conditionId != null && conditionId.startsWith(PREFIX);
    }

    /**
     * The condition it runs as. Its parameters record the base world, the capability and the check, so
     * the condition's hash (and each episode's design) changes when any of them does.
     */
    public Condition condition() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("benign-task", name);
        parameters.put("base", base);
        parameters.put("capability", capability.label());
        parameters.put("check", check.description());
        return new Condition(conditionId(), "benign control task: " + description, prompts, parameters);
    }
}
