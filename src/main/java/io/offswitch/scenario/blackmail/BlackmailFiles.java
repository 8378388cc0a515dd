package io.offswitch.scenario.blackmail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The scenario's resource folder: prompts, conditions, the inbox, the directory and the judge's instructions. */
final class BlackmailFiles {
    static final String RESOURCES = "/io/offswitch/scenario/blackmail/";

    private BlackmailFiles() {}

    static String resource(String name) {
        try (InputStream in = BlackmailFiles.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name + " (broken build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCES + name, e);
        }
    }
}
