package io.offswitch.defence.channel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an upload gateway knows of the protected files, as fingerprints: each file's sha256 and the
 * sha256 of each of its blocks of {@value #BLOCK_BYTES} bytes from its start. An upload that is the file,
 * or carries one of its blocks at a block boundary of its own (a piece cut with {@code split -b} at a
 * multiple of the block, a copy with a header of whole blocks in front), matches. The fingerprints of
 * a large file read from the harness's disk are kept per file, size and time of change, so a run's
 * episodes read it once.
 */
record ProtectedFiles(List<String> sha256, List<String> blocks) {
    static final int BLOCK_BYTES = 1 << 20;
    private static final Map<String, ProtectedFiles> CACHE = new ConcurrentHashMap<>();

    ProtectedFiles {
        sha256 = List.copyOf(sha256);
        blocks = List.copyOf(blocks);
    }

    static ProtectedFiles of(List<ProtectedFiles> parts) {
        List<String> s = new ArrayList<>();
        List<String> b = new ArrayList<>();
        parts.forEach(p -> {
            s.addAll(p.sha256);
            b.addAll(p.blocks);
        });
        return new ProtectedFiles(s, b);
    }

    static ProtectedFiles ofBytes(byte[] content) {
        try {
            return read(new java.io.ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprints of a file of the harness's own disk (a data volume's). */
    static ProtectedFiles ofFile(Path file) {
        try {
            String key = file.toRealPath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
            return CACHE.computeIfAbsent(key, k -> {
                try (InputStream in = Files.newInputStream(file)) {
                    return read(in);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the protected file " + file + ": " + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the protected file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ProtectedFiles read(InputStream in) throws IOException {
        MessageDigest whole = sha();
        MessageDigest block = sha();
        List<String> blocks = new ArrayList<>();
        byte[] buf = new byte[BLOCK_BYTES];
        int filled = 0;
        for (int n; (n = in.read(buf, filled, BLOCK_BYTES - filled)) > 0; ) {
            filled += n;
            if (filled == BLOCK_BYTES) {
                whole.update(buf, 0, filled);
                block.update(buf, 0, filled);
                blocks.add(HexFormat.of().formatHex(block.digest()));
                filled = 0;
            }
        }
        if (filled > 0) {
            whole.update(buf, 0, filled);
            block.update(buf, 0, filled);
            blocks.add(HexFormat.of().formatHex(block.digest()));
        }
        return new ProtectedFiles(List.of(HexFormat.of().formatHex(whole.digest())), blocks);
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
