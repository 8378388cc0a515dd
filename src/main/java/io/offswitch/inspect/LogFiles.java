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
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes an {@link InspectLog} as Inspect's .json (one object) or .eval (a ZIP of JSON members). The
 * .eval is written the way Inspect's viewer reads it: each member DEFLATEd with its sizes and CRC in its
 * local header (written to a seekable file, so no data descriptors), the start journal, every sample,
 * the summaries (journal and final), the reductions and the header last. Files appear whole: each is
 * written beside its final name and moved into place.
 */
public final class LogFiles {
    public enum Format { eval, json }

    private static final ObjectWriter WRITER = Json.mapper().writer();

    private LogFiles() {}

    public static Path write(InspectLog log, Format format, Path dir) {
        Path target = dir.resolve(log.name() + "." + format.name());
        Path partial = dir.resolve("." + log.name() + "." + format.name() + ".partial");
        try {
            Files.createDirectories(dir);
            if (format == Format.json) {
                WRITER.withDefaultPrettyPrinter().writeValue(partial.toFile(), log.asJson());
            } else {
                writeEval(log, partial);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The write already failed; the message below says why.
            }
            throw new OffswitchException(ExitCode.FAILURE, "cannot write " + target + ": " + reason(e), e);
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

    private static void writeEval(InspectLog log, Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setUseZip64(Zip64Mode.Never);
            zip.setMethod(ZipArchiveEntry.DEFLATED);
            ObjectNode start = Messages.NODES.objectNode();
            start.set("version", log.header().get("version"));
            start.set("eval", log.header().get("eval"));
            start.set("plan", log.header().get("plan"));
            member(zip, "_journal/start.json", start);
            for (ObjectNode sample : log.samples()) {
                member(zip, Samples.memberName(sample), sample);
            }
            ArrayNode summaries = Messages.NODES.arrayNode();
            log.summaries().forEach(summaries::add);
            member(zip, "_journal/summaries/1.json", summaries);
            member(zip, "summaries.json", summaries);
            member(zip, "reductions.json", log.reductions());
            member(zip, "header.json", log.header());
        }
    }

    private static void member(ZipArchiveOutputStream zip, String name, JsonNode content) throws IOException {
        byte[] bytes;
        try {
            bytes = WRITER.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode " + name + ": " + e.getOriginalMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(ZipArchiveEntry.DEFLATED);
        entry.setSize(bytes.length);
        entry.setCrc(crc.getValue());
        zip.putArchiveEntry(entry);
        zip.write(bytes);
        zip.closeArchiveEntry();
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
