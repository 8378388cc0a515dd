package io.offswitch.scenario;

import io.offswitch.OffswitchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a prompt from a user's text file (UTF-8, not empty), with errors that say what to fix. */
public final class PromptFile {
    /** Far beyond any real prompt; a bigger file is almost surely the wrong file. */
    static final int MAX_BYTES = 256 * 1024;

    private PromptFile() {}

    /** The file's text without trailing whitespace; {@code role} (e.g. "system prompt") names it in errors. */
    public static String read(Path file, String role) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw OffswitchException.usage(role + " file " + file + " does not exist; give the path of a UTF-8 text file holding the " + role);
        } catch (IOException e) {
            throw OffswitchException.usage("cannot read " + role + " file " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw OffswitchException.usage(role + " file " + file + " is " + bytes.length + " bytes, more than the " + MAX_BYTES
                    + " a prompt may have; is it the right file?");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in).toString();
        } catch (CharacterCodingException e) {
            throw OffswitchException.usage(role + " file " + file + ", line " + lineAt(bytes, in.position())
                    + ": not valid UTF-8 (byte offset " + in.position() + "); save the file as UTF-8");
        }
        if (text.isBlank()) {
            throw OffswitchException.usage(role + " file " + file + " is empty; write the " + role + " in it or leave the option out");
        }
        return text.stripTrailing();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
