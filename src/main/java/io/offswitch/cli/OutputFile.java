package io.offswitch.cli;

import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file the user asked a command to write (`report -o FILE`), with errors that say what to fix. */
final class OutputFile {
    private OutputFile() {}

    /** Refuses, before any work, a path whose folder is missing or that is a folder itself. */
    static void checkWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw OffswitchException.usage("-o " + file + " is a directory; give a file name, e.g. -o " + file.resolve("report.md"));
        }
        if (folder != null && !Files.isDirectory(folder)) {
            throw OffswitchException.usage("-o " + file + ": the folder " + folder + (Files.exists(folder) ? " is not a directory"
                    : " does not exist") + "; create it first (mkdir -p " + folder + ") or write somewhere else; nothing was written");
        }
    }

    static void write(Path file, String text) {
        checkWritable(file);
        try {
            Files.writeString(file, text);
        } catch (AccessDeniedException e) {
            throw OffswitchException.usage("cannot write " + file + ": permission denied; choose a file in a folder you can write to");
        } catch (IOException e) {
            throw OffswitchException.usage("cannot write " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
