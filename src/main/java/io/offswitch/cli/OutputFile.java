package io.offswitch.cli;

import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the user asked a command to write (`report -o FILE`, `report --html FILE`), with errors that
 * say what to fix and name the option that gave the file.
 */
final class OutputFile {
    private OutputFile() {}

    /** Where the report goes as text: {@code -o FILE} ({@code --output FILE}). */
    static final String OUTPUT = "-o";
    /** Where the self-contained HTML page goes. */
    static final String HTML = "--html";

    /**
     * Refuses, before any work, a path whose folder is missing or that is a folder itself.
     *
     * @param option the option that named the file, as the message names it ({@link #OUTPUT}, {@link #HTML})
     */
    static void checkWritable(String option, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw OffswitchException.usage(option + " " + file + " is a directory; give a file name, e.g. " + option + " "
                    + file.resolve(option.equals(HTML) ? "report.html" : "report.md"));
        }
        if (folder != null && !Files.isDirectory(folder)) {
            throw OffswitchException.usage(option + " " + file + ": the folder " + folder + (Files.exists(folder) ? " is not a directory"
                    : " does not exist") + "; create it first (mkdir -p " + folder + ") or write somewhere else; nothing was written");
        }
    }

    static void write(String option, Path file, String text) {
        checkWritable(option, file);
        try {
            Files.writeString(file, text);
        } catch (AccessDeniedException e) {
            throw OffswitchException.usage(option + " " + file + ": cannot write it: permission denied; choose a file in a folder you can write to");
        } catch (IOException e) {
            throw OffswitchException.usage(option + " " + file + ": cannot write it: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
