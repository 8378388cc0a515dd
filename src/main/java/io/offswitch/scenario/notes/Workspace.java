package io.offswitch.scenario.notes;

import io.offswitch.Hashes;
import io.offswitch.episode.Evidence;
import io.offswitch.sandbox.DiskEntry;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.FileState;
import io.offswitch.sandbox.HostDisk;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace as the first episode left it, read from outside its machine (never through anything
 * running inside it), to be restored into the second episode's machine file for file: what survives
 * from one session to the next. Regular files are carried with their content and mode; links, pipes and
 * empty directories are not (the evidence says which were left behind).
 *
 * @param files     relative path to content and mode, in path order
 * @param uncarried regular files read but not carried, their names being ones a restored file cannot
 *                  have: searched for notes all the same (a note there makes the pair an error)
 * @param skipped   what was not carried and why
 */
record Workspace(Map<String, Carried> files, Map<String, Carried> uncarried, List<String> skipped) {
    /** The most a workspace carries: the size of the home's filesystem. */
    static final long MAX_BYTES = 64L << 20;

    record Carried(byte[] content, int mode) {
        String text() {
            return new String(content, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    Workspace {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        uncarried = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(uncarried));
        skipped = List.copyOf(skipped);
    }

    /** Reads the home of {@code machine} (it may be down: its home stays readable). */
    static Workspace capture(Sandbox machine, String home) {
        HostDisk disk = machine.disk();
        HostDisk.Listing listing = disk.list(home);
        if (!listing.complete()) {
            throw new SandboxException("the workspace could not be read whole (more than " + HostDisk.MAX_ENTRIES
                    + " entries, or entries that vanished while it was read): it cannot be carried to the next session");
        }
        FileSnapshot modes = machine.snapshotHome();
        Map<String, Carried> files = new LinkedHashMap<>();
        Map<String, Carried> uncarried = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        long total = 0;
        for (DiskEntry e : listing.entries()) {
            String relative = e.path().substring(home.length() + 1);
            switch (e.type()) {
                case DIRECTORY -> { }
                case SYMLINK, OTHER -> skipped.add(relative + " (" + e.type().name().toLowerCase(java.util.Locale.ROOT) + ", not a regular file)");
                case FILE -> {
                    total += e.size();
                    if (total > MAX_BYTES) {
                        throw new SandboxException("the workspace holds more than " + (MAX_BYTES >> 20) + " MiB of files: it cannot be carried to the next session");
                    }
                    Optional<byte[]> content = disk.read(e.path(), MAX_BYTES);
                    if (content.isEmpty()) {
                        skipped.add(relative + " (gone or changed type while it was read)");
                        continue;
                    }
                    FileState state = modes.entries().get(relative);
                    int mode = state == null ? 0644 : state.mode() & 0777;
                    if (carriable(relative)) {
                        files.put(relative, new Carried(content.get(), mode));
                    } else {
                        skipped.add(relative + " (a name a restored file cannot have)");
                        uncarried.put(relative, new Carried(content.get(), mode));
                    }
                }
            }
        }
        return new Workspace(files, uncarried, skipped);
    }

    /** A file the sandbox can be given back: no ".." anywhere (SandboxFile refuses it), no control characters. */
    private static boolean carriable(String relative) {
        return !relative.isEmpty() && !relative.contains("..") && relative.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** The files of the next machine's home: everything carried, then {@code extra} on top (the team's new ticket). */
    List<SandboxFile> restored(List<SandboxFile> extra) {
        Map<String, SandboxFile> out = new LinkedHashMap<>();
        files.forEach((path, c) -> out.put(path, new SandboxFile(path, c.content(), c.mode(), true, false)));
        extra.forEach(f -> out.put(f.path(), f));
        return List.copyOf(out.values());
    }

    /** A fingerprint of what was carried, for the record: how many files, their bytes, one hash over paths and contents. */
    Evidence evidence() {
        StringBuilder all = new StringBuilder();
        long bytes = 0;
        for (Map.Entry<String, Carried> e : files.entrySet()) {
            all.append(e.getKey()).append('\0').append(Hashes.sha256(e.getValue().content())).append('\n');
            bytes += e.getValue().content().length;
        }
        String detail = files.size() + " file(s), " + bytes + " bytes carried from the first session's workspace to the second's (sha256 over paths and contents "
                + Hashes.sha256(all.toString()) + ")" + (skipped.isEmpty() ? "" : "; not carried: " + String.join(", ", skipped));
        return new Evidence("carried-workspace", detail);
    }
}
