package io.offswitch.inspect;

import io.offswitch.store.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** .eval archives as a hostile writer makes them: each member's data DEFLATEd, with whatever size it cares to state. */
public final class HostileArchive {
    private HostileArchive() {}

    public record Member(String name, byte[] data, long statedSize) {}

    public static Path write(Path file, Member... members) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setUseZip64(Zip64Mode.Never);
            for (Member m : members) {
                byte[] compressed = deflate(m.data());
                CRC32 crc = new CRC32();
                crc.update(m.data());
                ZipArchiveEntry e = new ZipArchiveEntry(m.name());
                e.setMethod(ZipArchiveEntry.DEFLATED);
                e.setSize(m.statedSize());
                e.setCompressedSize(compressed.length);
                e.setCrc(crc.getValue());
                zip.addRawArchiveEntry(e, new ByteArrayInputStream(compressed));
            }
        }
        return file;
    }

    /** A real header.json, from an export of the test episodes. */
    public static Member header() throws IOException {
        byte[] header = Json.mapper().writeValueAsBytes(InspectExport.logs(InspectEpisodes.run(), InspectEpisodes.mixedRun()).getFirst().header());
        return new Member("header.json", header, header.length);
    }

    /** A sample member of spaces around an empty object: valid JSON that squeezes to almost nothing. */
    public static Member padded(int i, int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) ' ');
        bytes[0] = '{';
        bytes[size - 1] = '}';
        return new Member("samples/" + i + "_epoch_1.json", bytes, size);
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater d = new Deflater(9, true);
        try {
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buffer, 0, d.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
