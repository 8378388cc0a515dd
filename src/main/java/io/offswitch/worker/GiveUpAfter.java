package io.offswitch.worker;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;

/**
 * What the queue does with an episode whose try failed (its run could not be rebuilt on the worker,
 * the store could not take it, the worker was exiting): try again after {@link Worker.Tries#retryAfter()},
 * by any worker, until it has failed {@link Worker.Tries#max()} times; then record it as given up, with the
 * last error, and take it off the queue. Without a bound, a run that cannot be prepared anywhere (a
 * conditions file missing on every machine, another offswitch) would be tried every 30 s for ever and
 * the workers would never say so. The record is written before the episode leaves the queue: if the
 * server is away at that moment, the try fails again and the episode stays queued, never lost.
 */
final class GiveUpAfter implements FailureHandler<String> {
    /** Called once an episode is given up (the queue has recorded it). */
    interface GivenUp {
        void givenUp(String runId, String episodeId, int tries, String error);
    }

    private final Worker.Tries tries;
    private final String worker;
    private final javax.sql.DataSource source;
    private final GivenUp listener;

    GiveUpAfter(Worker.Tries tries, String worker, javax.sql.DataSource source, GivenUp listener) {
        this.tries = tries;
        this.worker = worker;
        this.source = source;
        this.listener = listener;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
        int failed = complete.getExecution().consecutiveFailures + 1;
        if (failed < tries.max()) {
            operations.reschedule(complete, Instant.now().plus(tries.retryAfter()));
            return;
        }
        String episodeId = complete.getExecution().taskInstance.getId();
        String runId = (String) complete.getExecution().taskInstance.getData();
        String error = complete.getCause().map(GiveUpAfter::describe).orElse("no error was given");
        WorkQueue.recordGivenUp(source, runId, episodeId, worker, failed, error);
        operations.stop();
        listener.givenUp(runId, episodeId, failed, error);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) + " ..." : message;
    }
}
