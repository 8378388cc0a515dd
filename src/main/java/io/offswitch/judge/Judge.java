package io.offswitch.judge;

import io.offswitch.episode.Judgement;

/** Reads one episode's material and gives a judgement; a judge that cannot answer throws. */
public interface Judge {
    /** {@code rules}, or the judge model's name. */
    String id();

    Judgement judge(JudgeQuestion question) throws JudgeException;
}
