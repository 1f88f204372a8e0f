package org.rqlib.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads symbol files for decoding from {@code DIR/block_<i>/<id>}, or from {@code DIR/<id>} when the symbols lie in
 * one flat directory. Every file is checked before use: its length must be 4 + T, its BLAKE3-256 must match its
 * name and its FEC payload id must be the one the layout places there; a file failing any check is counted as
 * corrupt and never used, and so is a file whose reading fails with an IOException. Thread-safe.
 */
public final class SymbolDirectoryReader {
    /** What reading one symbol file gave. */
    public enum Outcome { VALID, MISSING, CORRUPT }

    private final Path directory;
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong valid = new AtomicLong();

    public SymbolDirectoryReader(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Reads the file of symbol {@code id} (expected: source block sbn, symbol esi, T bytes) into
     * {@code dst[offset, offset + 4 + T)}.
     */
    public Outcome read(String blockDirectory, String id, int sbn, int esi, int symbolSize, ByteBuffer dst,
            int offset) {
        Path file = symbolFile(blockDirectory, id);
        int length = 4 + symbolSize;
        // only a regular file, never through a link: a FIFO would block open() forever, a device never ends, and
        // a link could lead out of the directory; such a file is skipped like a corrupt one
        if (file == null) {
            if (exists(directory.resolve(blockDirectory).resolve(id)) || exists(directory.resolve(id))) {
                unreadable.incrementAndGet();
                corrupt.incrementAndGet();
                return Outcome.CORRUPT;
            }
            missing.incrementAndGet();
            return Outcome.MISSING;
        }
        try (FileChannel channel = RegularFiles.openNoFollow(file)) {
            if (channel.size() != length) {
                corrupt.incrementAndGet();
                return Outcome.CORRUPT;
            }
            ByteBuffer view = dst.slice(offset, length);
            while (view.hasRemaining()) {
                if (channel.read(view) < 0) {
                    corrupt.incrementAndGet();
                    return Outcome.CORRUPT;
                }
            }
        } catch (NoSuchFileException e) {
            missing.incrementAndGet();
            return Outcome.MISSING;
        } catch (IOException e) {
            // one unreadable file (a bad sector, a file being replaced) is one symbol fewer, like a corrupt one:
            // the block still decodes from the others, and NotEnoughSymbolsException says when it cannot
            unreadable.incrementAndGet();
            corrupt.incrementAndGet();
            return Outcome.CORRUPT;
        }
        boolean named = Blake3.id(dst, offset, length).equals(id);
        if (!named || dst.getInt(offset) != SymbolSink.payloadId(sbn, esi)) {
            corrupt.incrementAndGet();
            return Outcome.CORRUPT;
        }
        valid.incrementAndGet();
        return Outcome.VALID;
    }

    /**
     * The regular file holding symbol {@code id}: in its block folder (itself a folder, not a link to one), else
     * at the top level; null when neither is a regular file.
     */
    private Path symbolFile(String blockDirectory, String id) {
        Path blockDir = directory.resolve(blockDirectory);
        if (RegularFiles.isDirectoryNoFollow(blockDir)) {
            Path file = blockDir.resolve(id);
            if (RegularFiles.isRegularNoFollow(file)) {
                return file;
            }
        }
        Path flat = directory.resolve(id);
        return RegularFiles.isRegularNoFollow(flat) ? flat : null;
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Symbol files listed in the layout but absent, so far. */
    public long missingCount() {
        return missing.get();
    }

    /** Symbol files skipped because reading them failed with an IOException, so far (also in corruptCount). */
    public long unreadableCount() {
        return unreadable.get();
    }

    /** Symbol files skipped because their bytes do not match their name or place, or could not be read, so far. */
    public long corruptCount() {
        return corrupt.get();
    }

    /** Symbol files read and found valid, so far. */
    public long validCount() {
        return valid.get();
    }
}
