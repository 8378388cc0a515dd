package io.offswitch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void keepsPrintableTextNewlinesAndTabs() {
        assertThat(TerminalText.escape("héllo\twörld\nline 2\r\n")).isEqualTo("héllo\twörld\nline 2\n");
    }

    @Test
    void makesEscapeCarriageReturnAndBidiOverridesVisible() {
        assertThat(TerminalText.escape("\u001b[2Jok\rfake\u202eevil")).isEqualTo("\\e[2Jok\\u000dfake\\u202eevil");
    }
}
