package io.offswitch.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.inspect.HostileArchive.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile .eval archives: zip bombs of many small members, members that lie about their size. */
class ArchiveLimitsTest {
    @TempDir
    Path dir;

    private static final LogReader.Limits SMALL = new LogReader.Limits(1024 * 1024, 4 * 1024 * 1024);

    private Path archive(String name, Member... members) throws Exception {
        return HostileArchive.write(dir.resolve(name), members);
    }

    private static Member header() throws Exception {
        return HostileArchive.header();
    }

    private static Member padded(int i, int size) {
        return HostileArchive.padded(i, size);
    }

    @Test
    void manyMembersEachUnderTheMemberLimitAreRefusedByTheirTotalBeforeAnyIsDecompressed() throws Exception {
        Member[] members = new Member[7];
        members[0] = header();
        for (int i = 1; i < members.length; i++) {
            members[i] = padded(i, 900 * 1024); // each under the 1 MiB per member; 5.3 MiB in all
        }
        Path bomb = archive("bomb.eval", members);
        assertThat(java.nio.file.Files.size(bomb)).isLessThan(64 * 1024);
        assertThatThrownBy(() -> LogReader.read(bomb, SMALL)).isInstanceOf(InspectLogException.class)
                .hasMessageContaining(bomb.toString()).hasMessageContaining("in all").hasMessageContaining("4 MiB")
                .hasMessageContaining("7 header and sample members");
        // The same members under the total are read: the limit is on the sum, not on any one member.
        Path fine = archive("fine.eval", members[0], members[1], members[2], members[3]);
        assertThat(LogReader.read(fine, SMALL).samples()).hasSize(3);
    }

    @Test
    void aMemberThatDecompressesPastItsStatedSizeIsStoppedThere() throws Exception {
        Member liar = padded(1, 900 * 1024);
        Path file = archive("liar.eval", header(), new Member(liar.name(), liar.data(), 1000));
        assertThatThrownBy(() -> LogReader.read(file, SMALL)).isInstanceOf(InspectLogException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("samples/1_epoch_1.json")
                .hasMessageContaining("more than the 1000 bytes the archive states");
    }

    @Test
    void aMemberStatedLargerThanTheMemberLimitIsRefusedByName() throws Exception {
        Path file = archive("big.eval", header(), new Member("samples/1_epoch_1.json", "{}".getBytes(StandardCharsets.UTF_8), 2L * 1024 * 1024));
        assertThatThrownBy(() -> LogReader.read(file, SMALL)).isInstanceOf(InspectLogException.class)
                .hasMessageContaining("samples/1_epoch_1.json").hasMessageContaining("1 MiB an import reads from one member");
    }
}
