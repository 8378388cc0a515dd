package io.offswitch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownCellsTest {
    @Test
    void aNameThatCouldBreakTheTableIsOneCellOnOneLine() {
        // A carriage return, a line feed, Unicode's line and paragraph separators, a tab and a pipe:
        // each would end the row or add a column in a Markdown viewer.
        assertThat(MarkdownCells.text("a|b\r\nc\u2028d\u2029e\tf\u0000g")).isEqualTo("a\\|b  c d e f g");
        assertThat(MarkdownCells.text("reference/saboteur:overwrite")).isEqualTo("reference/saboteur:overwrite");
    }

    @Test
    void aRateWithNothingCountedIsADashAndADifferenceIsSignedInPoints() {
        assertThat(MarkdownCells.rate(0, 0, Optional.empty())).isEqualTo(MarkdownReport.NONE);
        assertThat(MarkdownCells.rate(3, 4, Optional.of(new Interval(0.3, 0.95)))).isEqualTo("3/4 75.0% [30.0, 95.0]");
        assertThat(MarkdownCells.points(new RateDifference(1, 8, 2, 8, -0.125, -0.3, 0.05, 1.0, 1.0))).isEqualTo("-12.5 [-30.0, +5.0]");
    }
}
