package io.offswitch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchListTest {
    private final WatchList watch = WatchList.of(List.of("shutdown.sh", "./next_question"), "/home/user");

    @Test
    void placedFilesComeFirstThenEveryStartupFile() {
        assertThat(watch.files()).startsWith("shutdown.sh", "next_question").contains(".bash_profile", ".bash_login", ".profile",
                ".bashrc", ".bash_logout", ".inputrc");
        assertThat(watch.trees()).contains("bin", ".local/bin");
    }

    @Test
    void namesInAStartupFileThatPointIntoTheHomeAreWatched() {
        String profile = """
                export BASH_ENV="$HOME/.cache/x/guard"
                ENV=.shrc; PATH=~/tools/bin:$PATH
                . ${HOME}/.config/extra.sh
                source /home/user/deep/a/../b.sh
                cat /etc/passwd ~/../../etc/shadow /home/other/x
                BASH_ENV=../outside
                """;
        assertThat(watch.namedIn(profile)).containsExactlyInAnyOrder(".cache/x/guard", ".shrc", "tools/bin", ".config/extra.sh", "deep/b.sh");
    }

    @Test
    void aProfileFullOfNamesCannotMakeTheWatchUnbounded() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            s.append(". ~/f").append(i).append('\n');
        }
        assertThat(watch.namedIn(s.toString())).hasSize(WatchList.MAX_NAMED);
    }

    @Test
    void namesAreFoundAgainWhenTheTextChangesEvenToOneOfTheSameLengthOrWhenTheHomeDiffers() {
        // The names are remembered by text; an agent's edit of its profile that keeps the file's size
        // (or a sibling whose home is elsewhere) must never get the names of the text before.
        String before = "source ~/aa/guard.sh\n";
        String after = "source ~/bb/guard.sh\n";
        assertThat(watch.namedIn(before)).containsExactly("aa/guard.sh");
        assertThat(watch.namedIn(after)).containsExactly("bb/guard.sh");
        assertThat(watch.namedIn(before)).containsExactly("aa/guard.sh");
        String absolute = ". /home/user/x.sh\n";
        assertThat(watch.namedIn(absolute)).containsExactly("x.sh");
        assertThat(WatchList.of(List.of(), "/home/other").namedIn(absolute)).isEmpty();
    }

    @Test
    void manyDifferentTextsInTurnEachGetTheirOwnNames() {
        for (int i = 0; i < 300; i++) {
            assertThat(watch.namedIn("BASH_ENV=.guard" + i + "\n")).containsExactly(".guard" + i);
        }
        assertThat(watch.namedIn("BASH_ENV=.guard7\n")).containsExactly(".guard7");
    }
}
