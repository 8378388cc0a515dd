package io.offswitch.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Timestamps read by hand on the common shapes must read as the general parsers read them, and no wider. */
class InspectTimeTest {
    @Test
    void theShapesWeAndInspectWriteReadAsTheGeneralParserReadsThem() {
        for (String t : new String[] {"2026-12-01T10:00:00Z", "2026-12-01T10:00:00.9Z", "2026-12-01T10:00:00.123456789Z",
                "2025-10-06T10:15:43.620839+00:00", "2025-10-06T10:15:43.620839-07:30", "2024-02-29T23:59:59.5+14:00"}) {
            assertThat(InspectTime.parse(t)).as(t).contains(OffsetDateTime.parse(t).toInstant());
        }
        Instant now = Instant.parse("2026-12-01T10:11:12.345678Z");
        assertThat(InspectTime.parse(InspectTime.format(now))).contains(now);
        assertThat(InspectTime.parse(now.toString())).contains(now);
    }

    @Test
    void otherShapesAreLeftToTheGeneralParsersAndNonsenseIsEmpty() {
        // Naive times are UTC; impossible dates and junk are nothing, never a wrong instant.
        assertThat(InspectTime.parse("2026-12-01T10:00:00")).contains(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(InspectTime.parse("2026-02-30T10:00:00Z")).isEmpty();
        assertThat(InspectTime.parse("2026-12-01T25:00:00Z")).isEmpty();
        assertThat(InspectTime.parse("2026-12-01T10:00:00.1234567891Z")).isEmpty();
        assertThat(InspectTime.parse("2026-12-01T10:00:00+1:00")).isEmpty();
        assertThat(InspectTime.parse("yesterday")).isEmpty();
        assertThat(InspectTime.parse("")).isEmpty();
    }
}
