package io.offswitch.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import io.offswitch.episode.EpisodeRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes an {@link InspectLog} as Inspect's .json (one object) or .eval (a ZIP of JSON members). The
 * .eval is written the way Inspect's viewer reads it: each member DEFLATEd (or Zstandard-compressed) with its sizes and CRC in its
 * local header (written to a seekable file, so no data descriptors), the start journal, every sample,
 * the summaries (journal and final), the reductions and the header last. Files appear whole: each is
 * written beside its final name and moved into place.
 */
public final class LogFiles {
    public enum Format { eval, json }

    /**
     * How an .eval's members are compressed. DEFLATE is the default: Inspect's viewer reads both, but
     * Python's zipfile reads Zstandard members only from Python 3.14, so Inspect's own reader and its
     * dataframes on older Pythons would fail on a Zstandard log.
     */
    public enum Compression {
        deflate(ZipArchiveEntry.DEFLATED), zstd(LogReader.ZSTD);

        final int zipMethod;

        Compression(int zipMethod) {
            this.zipMethod = zipMethod;
        }
    }

    private static final ObjectWriter WRITER = Json.mapper().writer();

    private LogFiles() {}

    public static Path write(InspectLog log, Format format, Path dir) {
        return write(log, format, Compression.deflate, dir);
    }

    /** Writes the log; {@code compression} applies to .eval members (a .json is not compressed). */
    public static Path write(InspectLog log, Format format, Compression compression, Path dir) {
        Path target = dir.resolve(log.name() + "." + format.name());
        Path partial = dir.resolve("." + log.name() + "." + format.name() + ".partial");
        try {
            Files.createDirectories(dir);
            if (format == Format.json) {
                writeJson(log, partial);
            } else {
                writeEval(log, compression, partial);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new OffswitchException(ExitCode.FAILURE, "cannot write " + target + ": " + reason(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // The write already failed; its own error says why.
        }
    }

    /**
     * Adds the written logs to the folder's {@code listing.json}, the manifest Inspect's viewer reads
     * to list a folder served by a plain web server (file name to a preview of its header). Entries
     * for other files already listed are kept.
     */
    public static Path updateListing(Path dir, java.util.Map<Path, InspectLog> written) {
        Path listing = dir.resolve("listing.json");
        try {
            ObjectNode entries = Files.isRegularFile(listing) && Json.mapper().readTree(listing.toFile()) instanceof ObjectNode o
                    ? o : Messages.NODES.objectNode();
            written.forEach((file, log) -> entries.set(file.getFileName().toString(), preview(log.header())));
            Path partial = dir.resolve(".listing.json.partial");
            WRITER.withDefaultPrettyPrinter().writeValue(partial.toFile(), entries);
            Files.move(partial, listing, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return listing;
        } catch (IOException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot write " + listing + ": " + reason(e), e);
        }
    }

    private static ObjectNode preview(JsonNode header) {
        JsonNode eval = header.path("eval");
        ObjectNode p = Messages.NODES.objectNode();
        for (String field : java.util.List.of("eval_id", "run_id", "task", "task_id", "task_version", "model")) {
            p.set(field, eval.path(field));
        }
        p.set("version", header.path("version"));
        p.set("status", header.path("status"));
        p.set("started_at", header.path("stats").path("started_at"));
        p.set("completed_at", header.path("stats").path("completed_at"));
        JsonNode rate = header.path("results").path("scores").path(0).path("metrics").path("rate");
        if (rate.isObject()) {
            p.set("primary_metric", rate);
        }
        return p;
    }

    /** Episodes turned into members at once, in parallel on every core, before they are written in order. */
    private static final int CHUNK = 256;

    private static void writeEval(InspectLog log, Compression compression, Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setUseZip64(Zip64Mode.Never);
            ObjectNode start = Messages.NODES.objectNode();
            start.set("version", log.header().get("version"));
            start.set("eval", log.header().get("eval"));
            start.set("plan", log.header().get("plan"));
            add(zip, member("_journal/start.json", encode("_journal/start.json", start), compression));
            List<EpisodeRecord> records = log.records();
            for (int from = 0; from < records.size(); from += CHUNK) {
                List<Member> members = records.subList(from, Math.min(records.size(), from + CHUNK)).parallelStream()
                        .map(r -> member(Samples.memberName(r), sampleBytes(r), compression)).toList();
                for (Member m : members) {
                    add(zip, m);
                }
            }
            ArrayNode summaries = Messages.NODES.arrayNode();
            log.summaries().forEach(summaries::add);
            Member summary = member("summaries.json", encode("summaries.json", summaries), compression);
            add(zip, new Member("_journal/summaries/1.json", summary.method(), summary.compressed(), summary.crc(), summary.size()));
            add(zip, summary);
            add(zip, member("reductions.json", encode("reductions.json", log.reductions()), compression));
            add(zip, member("header.json", encode("header.json", log.header()), compression));
        }
    }

    /** One sample as UTF-8 JSON, written by the generator straight from the record. */
    private static byte[] sampleBytes(EpisodeRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            Samples.write(g, r);
        } catch (IOException e) {
            throw Samples.cannotEncode(Samples.memberName(r), e);
        }
        return out.toByteArray();
    }

    private static void writeJson(InspectLog log, Path file) throws IOException {
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) log.header()::fields) {
                out.writeFieldName(field.getKey());
                WRITER.writeValue(out, field.getValue());
            }
            out.writeFieldName("samples");
            out.writeStartArray();
            List<EpisodeRecord> records = log.records();
            for (int from = 0; from < records.size(); from += CHUNK) {
                // Each sample is complete JSON from its own generator: written as it is, in order.
                for (byte[] sample : records.subList(from, Math.min(records.size(), from + CHUNK)).parallelStream().map(LogFiles::sampleBytes).toList()) {
                    out.writeRawValue(new String(sample, StandardCharsets.UTF_8));
                }
            }
            out.writeEndArray();
            out.writeFieldName("reductions");
            WRITER.writeValue(out, log.reductions());
            out.writeEndObject();
        }
    }

    /** A member compressed ahead of writing, with what its local header must state. */
    private record Member(String name, int method, byte[] compressed, long crc, long size) {}

    private static byte[] encode(String name, JsonNode content) {
        try {
            return WRITER.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot encode " + name + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Member member(String name, byte[] bytes, Compression compression) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        byte[] compressed = switch (compression) {
            case deflate -> deflate(bytes);
            // Level 3 (zstd's default): its window stays far below the 2^25 bytes Inspect's viewer decodes.
            case zstd -> Zstd.compress(bytes, 3);
        };
        return new Member(name, compression.zipMethod, compressed, crc.getValue(), bytes.length);
    }

    /**
     * The fastest level: on a 2-core machine the default level was a fifth of a large export's CPU time,
     * for logs about a quarter smaller (10,000 episodes: 26 MiB at the default, 34 MiB at this level).
     */
    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void add(ZipArchiveOutputStream zip, Member m) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(m.name());
        entry.setMethod(m.method());
        entry.setSize(m.size());
        entry.setCompressedSize(m.compressed().length);
        entry.setCrc(m.crc());
        zip.addRawArchiveEntry(entry, new ByteArrayInputStream(m.compressed()));
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
