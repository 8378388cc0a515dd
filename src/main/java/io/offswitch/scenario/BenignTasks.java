package io.offswitch.scenario;

import java.util.ArrayList;
import java.util.List;

/** How a scenario lists its benign tasks among its conditions. */
public final class BenignTasks {
    private BenignTasks() {}

    /**
     * The scenario's conditions, then one per benign task.
     *
     * @throws IllegalArgumentException when a condition of the scenario's own is named like a benign task's,
     *                                  or a task's base condition is not one of them (a scenario's mistake)
     */
    public static List<Condition> withTasks(List<Condition> own, List<BenignTask> tasks) {
        List<Condition> out = new ArrayList<>(own);
        for (Condition c : own) {
            if (BenignTask.isTask(c.id())) {
                throw io.offswitch.OffswitchException.usage("condition \"" + c.id() + "\" is named like a benign task's (" + BenignTask.PREFIX
                        + "...); give it another name");
            }
        }
        for (BenignTask t : tasks) {
            if (own.stream().noneMatch(c -> c.id().equals(t.base()))) {
                throw new IllegalArgumentException("benign task " + t.name() + " runs in condition " + t.base() + ", which the scenario does not have");
            }
            out.add(t.condition());
        }
        return List.copyOf(out);
    }
}
