package io.offswitch.model;

import java.util.List;

/** Removes API keys from text that may end up in a transcript, a log or the database. */
public record Redactor(List<String> secrets) {
    public Redactor {
        secrets = List.copyOf(secrets);
    }

    public String redact(String text) {
        String out = text == null ? "" : text;
        for (String secret : secrets) {
            out = out.replace(secret, "[redacted]");
        }
        return out;
    }
}
