/**
 * Judges of text: after an episode, they read what the agent wrote (the mail it sent) and give one of
 * the scenario's outcome labels with their reasons. A scenario declares what is judged
 * ({@link io.offswitch.judge.EpisodeJudging#question}) and its rule-based classifier
 * ({@link io.offswitch.judge.EpisodeJudging#rules}, judge name {@code rules}); an LLM judge
 * ({@code --judge provider/model}, {@link io.offswitch.judge.ModelJudge}) asks a model
 * {@link io.offswitch.judge.JudgePrompt our own question} and is read strictly by
 * {@link io.offswitch.judge.JudgeReply}: one {@code LABEL:} line, last, naming an offered label, or
 * the judgement is {@code error}.
 *
 * <p>How judgements make the verdict is {@code io.offswitch.run.EpisodeJudges}'s: the world's
 * structural check (its verdict, and whether the question is present) gates the judges; the rules
 * judge's label is the verdict, or the LLM judge's when the run has one (part of its design); a
 * deciding judge that fails makes the episode {@code error}. {@code offswitch judge RUN} adds
 * judgements to stored episodes and never changes their verdicts; the report compares the judges.
 */
package io.offswitch.judge;
