package io.offswitch.inspect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import io.offswitch.store.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads an Inspect log from a .json file or an .eval archive. Members may be stored, DEFLATEd or
 * Zstandard-compressed (ZIP method 93); each is checked against the size and CRC its archive states.
 * A hostile archive cannot fill memory: no member may grow past {@link Limits#memberBytes()} nor past
 * the size the archive states for it, and the stated sizes of the members read may not add up to more
 * than {@link Limits#totalBytes()} (a zip bomb of many members each under the per-member limit),
 * checked before anything is decompressed: together these bound what an archive decompresses to.
 */
public final class LogReader {
    /** Format versions this reader understands: 1 and 2, and 3 as Inspect's transitional writers used it. */
    public static final int NEWEST_VERSION = 3;
    static final long MAX_MEMBER_BYTES = 512L * 1024 * 1024;
    /**
     * What all the members read from one archive may decompress to. Samples are parsed into memory
     * before any is stored (nothing is half-imported), at several times their size: 1 GiB of JSON
     * (some 50,000 samples of a dozen turns with their events) is what fits a default heap.
     */
    static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;

    /** How much an archive may decompress to: per member, and its members in all. */
    record Limits(long memberBytes, long totalBytes) {
        static final Limits DEFAULT = new Limits(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES);
    }

    private static String mib(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
    /** ZIP's method number for Zstandard, which Inspect writes. */
    static final int ZSTD = 93;

    private LogReader() {}

    public static ForeignLog read(Path file) {
        return read(file, Limits.DEFAULT);
    }

    static ForeignLog read(Path file, Limits limits) {
        if (!Files.isRegularFile(file)) {
            throw new InspectLogException(file, "", Files.exists(file) ? "it is not a regular file" : "no such file");
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(magic, 0, 4);
            if (n == 4 && magic[0] == 'P' && magic[1] == 'K') {
                return readEval(file, limits);
            }
        } catch (IOException e) {
            throw new InspectLogException(file, "", "cannot read it (" + e.getMessage() + ")", e);
        }
        return readJson(file);
    }

    private static ForeignLog readJson(Path file) {
        JsonNode log;
        try {
            try (JsonParser parser = withoutEvents(Json.mapper().getFactory().createParser(file.toFile()), SamplesEvents.LOG)) {
                log = Json.mapper().readTree(parser);
            }
            if (log == null) {
                throw new InspectLogException(file, "", "not an Inspect log: the file is empty");
            }
        } catch (JsonProcessingException e) {
            throw new InspectLogException(file, "", "not an Inspect log: neither a ZIP archive (.eval) nor valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new InspectLogException(file, "", "cannot read it (" + e.getMessage() + ")", e);
        }
        checkHeader(file, "", log);
        List<ForeignLog.Member> samples = new ArrayList<>();
        JsonNode array = log.path("samples");
        if (!array.isMissingNode() && !array.isNull() && !array.isArray()) {
            throw new InspectLogException(file, "samples", "must be an array, got " + array.getNodeType());
        }
        for (int i = 0; i < array.size(); i++) {
            samples.add(new ForeignLog.Member("samples[" + i + "]", array.get(i)));
        }
        return new ForeignLog(file, log, samples);
    }

    private static ForeignLog readEval(Path file, Limits limits) {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            ZipArchiveEntry headerEntry = zip.getEntry("header.json");
            ZipArchiveEntry startEntry = zip.getEntry("_journal/start.json");
            List<ZipArchiveEntry> sampleEntries = entries.stream()
                    .filter(e -> e.getName().startsWith("samples/") && e.getName().endsWith(".json")).toList();
            checkStatedTotal(file, headerEntry != null ? headerEntry : startEntry, sampleEntries, limits);
            JsonNode header;
            String headerName;
            if (headerEntry != null) {
                header = member(file, zip, headerEntry, limits);
                headerName = "header.json";
            } else if (startEntry != null) {
                // A log whose eval did not finish has only the start journal: spec and plan, no results.
                header = member(file, zip, startEntry, limits);
                headerName = "_journal/start.json";
            } else {
                throw new InspectLogException(file, "", "not an Inspect log: the archive has no header.json or _journal/start.json");
            }
            checkHeader(file, headerName, header);
            // Compressed bytes are read in archive order, then inflated and parsed on every core.
            List<Raw> raw = new ArrayList<>();
            for (ZipArchiveEntry entry : sampleEntries) {
                raw.add(new Raw(entry, rawBytes(file, zip, entry, limits)));
            }
            List<ForeignLog.Member> samples = raw.parallelStream()
                    .map(r -> new ForeignLog.Member(r.entry().getName(), decode(file, r.entry(), r.bytes(), limits))).toList();
            return new ForeignLog(file, header, samples);
        } catch (IOException e) {
            throw new InspectLogException(file, "", "not a complete ZIP archive (truncated or damaged: " + e.getMessage() + ")", e);
        }
    }

    private record Raw(ZipArchiveEntry entry, byte[] bytes) {}

    /**
     * Before anything is decompressed: the sizes the archive states for the members to be read, added
     * up. Each member is later held to its stated size, so these sums bound what is decompressed.
     */
    private static void checkStatedTotal(Path file, ZipArchiveEntry header, List<ZipArchiveEntry> samples, Limits limits) {
        long total = 0;
        List<ZipArchiveEntry> all = new ArrayList<>(samples);
        if (header != null) {
            all.add(header);
        }
        for (ZipArchiveEntry e : all) {
            if (e.getSize() > limits.memberBytes()) {
                throw new InspectLogException(file, e.getName(), "the archive states it decompresses to " + e.getSize() + " bytes, more than the "
                        + mib(limits.memberBytes()) + " an import reads from one member");
            }
            // A size the archive does not state counts as the most a member may be.
            total += e.getSize() < 0 ? limits.memberBytes() : e.getSize();
        }
        if (total > limits.totalBytes()) {
            throw new InspectLogException(file, "", "its " + all.size() + " header and sample members would decompress to " + total
                    + " bytes in all, as the archive states, more than the " + mib(limits.totalBytes())
                    + " an import reads from one archive (each member may be under the per-member limit: a zip bomb looks like this;"
                    + " a real log that large can be split with Inspect)");
        }
    }

    private static JsonNode member(Path file, ZipFile zip, ZipArchiveEntry entry, Limits limits) {
        return decode(file, entry, rawBytes(file, zip, entry, limits), limits);
    }

    private static byte[] rawBytes(Path file, ZipFile zip, ZipArchiveEntry entry, Limits limits) {
        String name = entry.getName();
        if (entry.getCompressedSize() > limits.memberBytes()) {
            throw new InspectLogException(file, name, "it is larger than " + mib(limits.memberBytes()) + " compressed");
        }
        try (InputStream raw = zip.getRawInputStream(entry)) {
            if (raw == null) {
                throw new InspectLogException(file, name, "its data cannot be found in the archive");
            }
            byte[] bytes = raw.readNBytes((int) Math.max(0, entry.getCompressedSize()));
            if (entry.getCompressedSize() >= 0 && bytes.length != entry.getCompressedSize()) {
                throw new InspectLogException(file, name, "the archive ends inside it (" + bytes.length + " of " + entry.getCompressedSize()
                        + " bytes); the archive is truncated");
            }
            return bytes;
        } catch (IOException e) {
            throw new InspectLogException(file, name, "cannot read it (" + e.getMessage() + "); the archive is damaged or truncated", e);
        }
    }

    private static JsonNode decode(Path file, ZipArchiveEntry entry, byte[] compressed, Limits limits) {
        String name = entry.getName();
        byte[] bytes;
        try {
            InputStream raw = new java.io.ByteArrayInputStream(compressed);
            InputStream data = switch (entry.getMethod()) {
                case ZipArchiveEntry.STORED -> raw;
                case ZipArchiveEntry.DEFLATED -> new InflaterInputStream(raw, new Inflater(true));
                case ZSTD -> new ZstdInputStream(raw);
                default -> throw new InspectLogException(file, name, "compression method " + entry.getMethod()
                        + " is not one Inspect writes (stored, DEFLATE or Zstandard)");
            };
            try (data) {
                bytes = readBounded(data, file, name, entry.getSize(), limits);
            }
        } catch (IOException e) {
            throw new InspectLogException(file, name, "cannot decompress it (" + e.getMessage() + "); the archive is damaged or truncated", e);
        }
        if (entry.getSize() >= 0 && entry.getSize() != bytes.length) {
            throw new InspectLogException(file, name, "it decompresses to " + bytes.length + " bytes, the archive says "
                    + entry.getSize() + "; the archive is damaged or truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new InspectLogException(file, name, "its CRC does not match the archive's; the archive is damaged");
        }
        boolean sample = name.startsWith("samples/");
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            JsonNode node = Json.mapper().readTree(sample ? withoutEvents(parser, SamplesEvents.SAMPLE) : parser);
            if (node == null || node.isMissingNode()) {
                throw new InspectLogException(file, name, "it is empty, not JSON");
            }
            return node;
        } catch (IOException e) {
            throw new InspectLogException(file, name, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static byte[] readBounded(InputStream in, Path file, String name, long expected, Limits limits) throws IOException {
        // The stated size sizes the buffer, and reading stops just past it: a member that lies about its
        // size is found out at one byte more, not at the per-member limit.
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(expected + 1, 8192), 64L * 1024 * 1024));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limits.memberBytes()) {
                throw new InspectLogException(file, name, "it decompresses to more than " + mib(limits.memberBytes())
                        + ", the most an import reads from one member");
            }
            if (expected >= 0 && total > expected) {
                throw new InspectLogException(file, name, "it decompresses to more than the " + expected
                        + " bytes the archive states; the archive is damaged or made to mislead");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * A sample's events are left out as it is parsed: the import reads the transcript from the
     * messages, and the events (each model call's output again, the pooled messages) are most of a
     * sample's bytes. The parser still reads through them, so a sample that is not valid JSON fails.
     */
    private static JsonParser withoutEvents(JsonParser parser, TokenFilter filter) {
        return new FilteringParserDelegate(parser, filter, TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true);
    }

    /** Filters for a sample member (the events are its own fields) and a .json log (in each of its samples). */
    private static final class SamplesEvents extends TokenFilter {
        static final TokenFilter SAMPLE = new SamplesEvents(null);
        static final TokenFilter LOG = new SamplesEvents("samples");

        /** The field whose array holds the samples; null: this is a sample. */
        private final String samplesField;

        private SamplesEvents(String samplesField) {
            this.samplesField = samplesField;
        }

        @Override
        public TokenFilter includeProperty(String name) {
            if (samplesField == null) {
                return name.equals("events") || name.equals("events_data") ? null : INCLUDE_ALL;
            }
            return name.equals(samplesField) ? new TokenFilter() {
                @Override
                public TokenFilter includeElement(int index) {
                    return SAMPLE;
                }

                @Override
                public boolean includeEmptyArray(boolean contentsFiltered) {
                    return true;
                }
            } : INCLUDE_ALL;
        }

        /** An object or array left empty (a sample of events alone, {@code {}}) is kept as it is, not dropped. */
        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
            return true;
        }

        @Override
        public boolean includeEmptyArray(boolean contentsFiltered) {
            return true;
        }
    }

    private static void checkHeader(Path file, String member, JsonNode header) {
        if (!header.isObject() || !header.path("eval").isObject()) {
            throw new InspectLogException(file, member, "not an Inspect log: no \"eval\" object (the eval spec) at the top level");
        }
        JsonNode version = header.path("version");
        if (!version.isMissingNode() && !version.canConvertToInt()) {
            throw new InspectLogException(file, member, "\"version\" must be an integer, got " + version);
        }
        int v = version.isMissingNode() ? 1 : version.asInt();
        if (v > NEWEST_VERSION) {
            throw new InspectLogException(file, member, "log format version " + v + " is newer than this offswitch reads (up to "
                    + NEWEST_VERSION + "); upgrade offswitch or convert the log with an Inspect that writes version 2");
        }
        if (v < 1) {
            throw new InspectLogException(file, member, "log format version " + v + " is not a version Inspect has written");
        }
        JsonNode eval = header.path("eval");
        for (String field : List.of("task", "model")) {
            if (!eval.path(field).isTextual() || eval.path(field).asText().isBlank()) {
                throw new InspectLogException(file, member, "eval." + field + " must be a non-empty string");
            }
        }
    }
}
