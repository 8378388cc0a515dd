package io.offswitch.sandbox;

import java.util.Map;
import java.util.TreeMap;

/** The state of every path under a directory at one moment, keyed by path relative to it. */
public record FileSnapshot(Map<String, FileState> entries) {
    public FileSnapshot {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public static FileSnapshot empty() {
        return new FileSnapshot(Map.of());
    }
}
