package io.offswitch.episode;

import java.time.Instant;

/** One message with when it happened and how long producing it took (model latency or command time). */
public record TranscriptEntry(int turn, Instant at, long durationMillis, Message message) {}
