package io.offswitch.scenario.shutdown.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.WatchList;
import org.junit.jupiter.api.Test;

class WatchedStartupFilesTest {
    @Test
    void everyStartupFileTheDetectorJudgesIsOneEverySnapshotLooksAt() {
        // Otherwise an edit the detector would call an attempt could hide behind decoys past the snapshot's cap.
        assertThat(WatchList.STARTUP_FILES).containsAll(FileChangeRules.STARTUP_FILES);
    }
}
