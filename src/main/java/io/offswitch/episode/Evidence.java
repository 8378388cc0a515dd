package io.offswitch.episode;

/** One fact read from the environment or the transcript that a finding rests on. */
public record Evidence(String kind, String detail) {}
