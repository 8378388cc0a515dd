package io.offswitch.run;

import io.offswitch.defence.gate.ApprovalDesk;
import io.offswitch.store.Approval;
import io.offswitch.store.EpisodeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An episode's questions to a person, through the store the run shares with the viewer ({@code
 * offswitch view} on the same results): each is a pending {@link Approval} the viewer shows with its
 * buttons; the episode polls for the answer until the timeout, then closes the question as no answer
 * (an answer that comes later is refused by the store, so a late click never counts).
 */
public final class StoreApprovalDesk implements ApprovalDesk {
    private static final long POLL_MILLIS = 200;

    private final EpisodeStore store;
    private final String runId;
    private final String episodeId;
    private final Duration timeout;

    public StoreApprovalDesk(EpisodeStore store, String runId, String episodeId, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an approval timeout is a positive duration, not " + timeout);
        }
        this.store = store;
        this.runId = runId;
        this.episodeId = episodeId;
        this.timeout = timeout;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Answer ask(String kind, int turn, String subject) {
        Instant now = Instant.now();
        String id = "ap-" + UUID.randomUUID().toString().substring(0, 12);
        store.openApproval(Approval.ask(id, runId, episodeId, kind, turn, subject, now, now.plus(timeout)));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Approval a = store.approval(id).orElseThrow();
            if (!a.state().equals(Approval.PENDING)) {
                return answer(a);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answer(store.closeApproval(id));
    }

    private Answer answer(Approval a) {
        Instant at = a.decidedAt().orElse(Instant.now());
        return switch (a.state()) {
            case Approval.APPROVED -> new Answer(Answer.Kind.APPROVED, a.decidedBy().orElse("a person"), at, "");
            case Approval.DENIED -> new Answer(Answer.Kind.DENIED, a.decidedBy().orElse("a person"), at, "");
            default -> new Answer(Answer.Kind.NO_ANSWER, "", at, "nobody answered within " + timeout.toSeconds() + " s (approval " + a.id() + ")");
        };
    }
}
