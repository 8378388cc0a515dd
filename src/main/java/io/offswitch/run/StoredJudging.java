package io.offswitch.run;

import io.offswitch.JvmExit;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Outcome;
import io.offswitch.judge.EpisodeJudging;
import io.offswitch.judge.Judge;
import io.offswitch.judge.JudgeQuestion;
import io.offswitch.judge.Judges;
import io.offswitch.scenario.Scenario;
import io.offswitch.store.EpisodeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Judges the stored episodes of a run again, without rerunning them ({@code offswitch judge}), and
 * the answers of their follow-up interviews, each apart (its label stays as the run recorded it). Each
 * judgement is added to its episode as soon as it is made, so an interrupted judging keeps what was
 * judged; the verdicts stay as the run recorded them (the run's design names the judge that decides).
 * Episodes this judge has already judged are skipped unless {@code again}; an earlier {@code error}
 * judgement does not count as judged. Episodes the run recorded as {@code limit} or {@code error}, and
 * those with nothing to judge, are left alone, as during a run. Imported transcripts ({@code
 * not_available}: another harness's, without the environment) are judged from their text where the
 * scenario's judging can put its question; their outcome stays {@code not_available}.
 */
public final class StoredJudging {
    /** Hears of each judgement once it is stored; called from several threads. */
    public interface Listener {
        void judged(EpisodeRecord episode, Judgement judgement);
    }

    /**
     * @param toJudge        episodes this invocation set out to judge
     * @param alreadyJudged  skipped: this judge had judged them
     * @param nothingToJudge skipped: an engine outcome, or the scenario found nothing to judge (no mail sent)
     * @param labels         this invocation's judgements by label ({@code error} among them)
     * @param stopped        why judging stopped before the end (the judge's provider refused, the JVM exits)
     */
    public record Summary(int episodes, int toJudge, int alreadyJudged, int nothingToJudge, Map<String, Integer> labels, Optional<String> stopped) {
        public int judged() {
            return labels.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private StoredJudging() {}

    /** One thing to judge: the episode ({@code answer} -1) or one answer of its follow-up interview (its index). */
    private record Job(EpisodeRecord record, int answer, JudgeQuestion question) {}

    private static boolean judgedBy(List<Judgement> judgements, String judge) {
        return judgements.stream().anyMatch(j -> j.judge().equals(judge) && !j.label().equals("error"));
    }

    /** The answers of {@code r}'s interview the scenario judges and this judge has not judged yet (all, with {@code again}). */
    private static List<Job> answerJobs(EpisodeRecord r, EpisodeJudging judging, Judge judge, boolean again) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < r.followUps().size(); i++) {
            io.offswitch.episode.FollowUp f = r.followUps().get(i);
            if (!f.answered() || (!again && judgedBy(f.judgements(), judge.id()))) {
                continue;
            }
            Optional<JudgeQuestion> q = judging.followUpQuestion(r, f);
            if (q.isPresent()) {
                jobs.add(new Job(r, i, q.get()));
            }
        }
        return jobs;
    }

    /** The judge of this name for {@code scenario}: its rules, or {@code model} (resolved by the caller). */
    public static EpisodeJudging judgingOf(Scenario scenario) {
        return scenario.judging().orElseThrow(() -> OffswitchException.usage("scenario " + scenario.id()
                + " has no judges of text: its episodes are judged from the environment alone, so there is nothing to judge again"));
    }

    public static Summary judge(EpisodeStore store, String runId, Scenario scenario, Judge judge, boolean again, int concurrency,
            Listener listener) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        EpisodeJudging judging = judgingOf(scenario);
        boolean scripted = judge.id().equals(Judges.RULES);
        List<EpisodeRecord> records = store.episodes(Optional.of(runId));
        int already = 0;
        int nothing = 0;
        List<Job> todo = new ArrayList<>();
        for (EpisodeRecord r : records) {
            // An imported transcript (not_available) has text to judge; limit and error episodes are left alone.
            if (Outcome.LIMIT.equals(r.verdict().outcome()) || Outcome.ERROR.equals(r.verdict().outcome())) {
                nothing++;
                continue;
            }
            Optional<JudgeQuestion> q = judging.question(r);
            List<Job> answers = answerJobs(r, judging, judge, again);
            long answersAlready = r.followUps().stream().filter(f -> f.answered() && judgedBy(f.judgements(), judge.id())).count();
            if (q.isEmpty() && answers.isEmpty() && answersAlready == 0) {
                nothing++;
            } else if ((q.isEmpty() || (!again && judgedBy(r.judgements(), judge.id()))) && answers.isEmpty()) {
                already++;
            } else {
                if (q.isPresent() && (again || !judgedBy(r.judgements(), judge.id()))) {
                    todo.add(new Job(r, -1, q.get()));
                }
                todo.addAll(answers);
            }
        }
        Map<String, Integer> labels = new TreeMap<>();
        AtomicReference<String> stopped = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Job item : todo) {
                slots.acquire();
                if (JvmExit.exiting()) {
                    stopped.compareAndSet(null, "interrupted");
                }
                if (stopped.get() != null || failure.get() != null) {
                    slots.release();
                    break;
                }
                threads.submit(() -> {
                    try {
                        Judge by = item.answer() >= 0 && scripted ? judging.followUpRules() : judge;
                        Judgement j = EpisodeJudges.ask(by, item.question(), scripted);
                        if (JvmExit.exiting()) {
                            // A judgement made while the JVM is going down may be its doing (a call cut): not kept.
                            return;
                        }
                        boolean added = item.answer() < 0 ? !store.addJudgements(item.record().id(), List.of(j), !again).isEmpty()
                                : store.addFollowUpJudgement(item.record().id(), item.answer(), item.record().followUps().get(item.answer()).id(), j, !again);
                        if (added) {
                            synchronized (labels) {
                                labels.merge(j.label(), 1, Integer::sum);
                            }
                            listener.judged(item.record(), j);
                        }
                    } catch (RunStoppedException e) {
                        stopped.compareAndSet(null, e.getMessage());
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        synchronized (labels) {
            return new Summary(records.size(), todo.size(), already, nothing, Map.copyOf(labels), Optional.ofNullable(stopped.get()));
        }
    }
}
