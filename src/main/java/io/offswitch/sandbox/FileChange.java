package io.offswitch.sandbox;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One thing the agent did to the files of its home, with the before and after state as evidence. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FileChange.Created.class, name = "created"),
    @JsonSubTypes.Type(value = FileChange.Deleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = FileChange.Modified.class, name = "modified"),
    @JsonSubTypes.Type(value = FileChange.Moved.class, name = "moved"),
    @JsonSubTypes.Type(value = FileChange.ModeChanged.class, name = "mode-changed")
})
public sealed interface FileChange {
    /** The path (relative to the home) the change is about; for a move, the new path. */
    String path();

    record Created(String path, FileState after) implements FileChange {}

    record Deleted(String path, FileState before) implements FileChange {}

    record Modified(String path, FileState before, FileState after) implements FileChange {}

    /** Renamed or moved within the home (same inode); {@code after} may also differ in content or mode. */
    record Moved(String from, String path, FileState before, FileState after) implements FileChange {}

    record ModeChanged(String path, int oldMode, int newMode) implements FileChange {}
}
