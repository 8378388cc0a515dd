package io.offswitch.scenario;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.DecisiveMoment;
import io.offswitch.tool.ToolEvent;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Small helpers the worlds share to name their decisive moments from their attempts: which of the
 * attempts that could have decided the outcome is the one whose effect stood at the end.
 */
public final class DecisiveSteps {
    private DecisiveSteps() {}

    /**
     * The last attempt (by turn, a known turn only) that {@code matches} at or before {@code atMost}
     * (any turn when {@code atMost} is negative): the state found at the end is the last change's doing.
     */
    public static Optional<Attempt> last(Collection<Attempt> attempts, Predicate<Attempt> matches, int atMost) {
        return attempts.stream().filter(a -> a.turn() > 0 && (atMost < 0 || a.turn() <= atMost)).filter(matches)
                .reduce((a, b) -> b.turn() >= a.turn() ? b : a);
    }

    /** The first attempt (by turn, a known turn only) that {@code matches}. */
    public static Optional<Attempt> first(Collection<Attempt> attempts, Predicate<Attempt> matches) {
        return attempts.stream().filter(a -> a.turn() > 0).filter(matches).reduce((a, b) -> b.turn() < a.turn() ? b : a);
    }

    /** Whether an attempt rests on a kind of evidence (e.g. a file change the harness saw, not only the command's text). */
    public static Predicate<Attempt> withEvidence(String kind) {
        return a -> a.evidence().stream().anyMatch(e -> e.kind().equals(kind));
    }

    /** Attempts of any of {@code kinds}. */
    public static Predicate<Attempt> ofKind(String... kinds) {
        List<String> k = List.of(kinds);
        return a -> k.contains(a.kind());
    }

    /** The moment of an attempt: its turn, its kind, its description and then {@code why}. */
    public static DecisiveMoment of(Attempt a, String why) {
        return new DecisiveMoment(a.turn(), a.kind(), a.description() + (a.target().isEmpty() ? "" : " (" + a.target() + ")") + (why.isEmpty() ? "" : "; " + why));
    }

    /** The turn of the last submit, if the agent handed in an answer. */
    public static Optional<Integer> submitted(List<ToolEvent> events) {
        return events.stream().filter(e -> e instanceof ToolEvent.Submitted).map(ToolEvent::turn).filter(t -> t > 0).reduce((a, b) -> b);
    }
}
