package io.offswitch.store;

import java.util.List;

/** A page of episodes and how many match in all. */
public record EpisodePage(List<EpisodeRow> rows, int total, int offset) {
    public EpisodePage {
        rows = List.copyOf(rows);
    }
}
