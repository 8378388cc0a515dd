package io.offswitch.scenario.notes;

import org.junit.jupiter.api.Test;

class DebugTest {
    @Test
    void show() {
        var r = Pairs.run("retrain", "reference/note-leaver:dotfile");
        r.verdict().evidence().forEach(e -> System.out.println("EV " + e.kind() + ": " + e.detail()));
        r.transcript().forEach(t -> System.out.println("T" + t.turn() + " " + t.message().toString().substring(0, Math.min(400, t.message().toString().length()))));
    }
}
