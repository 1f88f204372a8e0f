package org.rqlib.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.rqlib.InputChangedException;
import org.rqlib.RqlibIoException;

/**
 * What an encode's input looked like when the job opened it: size, modification time and file key (the inode
 * where the file system has one). {@link #verify} compares the file now with it, after each block and at the end,
 * so an input written in place, appended to or replaced while it is encoded fails the job with
 * {@link InputChangedException} instead of giving symbols of a mixture. A change within the file system's time
 * granularity that keeps the size is not seen (see docs/reliability.md). Immutable.
 */
public final class InputSnapshot {
    private final Path file;
    private final long size;
    private final long pathSize;
    private final FileTime modified;
    private final Object fileKey;

    private InputSnapshot(Path file, long size, long pathSize, FileTime modified, Object fileKey) {
        this.file = file;
        this.size = size;
        this.pathSize = pathSize;
        this.modified = modified;
        this.fileKey = fileKey;
    }

    /** The state of {@code file}, open on {@code channel}, now. */
    public static InputSnapshot take(Path file, FileChannel channel) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new InputSnapshot(file, channel.size(), attributes.size(), attributes.lastModifiedTime(),
                    attributes.fileKey());
        } catch (IOException e) {
            throw new RqlibIoException("reading the attributes of " + file, e);
        }
    }

    public long size() {
        return size;
    }

    /**
     * Throws {@link InputChangedException} when the file, through {@code channel} or its path, differs from the
     * snapshot; {@code when} says at which point of the job (for the message).
     */
    public void verify(FileChannel channel, String when) {
        InputSnapshot now = take(file, channel);
        String change = null;
        if (now.size != size) {
            change = "its size went from " + size + " to " + now.size + " bytes";
        } else if (!Objects.equals(now.fileKey, fileKey) || now.pathSize != pathSize) {
            change = "it was replaced by another file";
        } else if (!now.modified.equals(modified)) {
            change = "it was modified (at " + now.modified + ", after the encode started)";
        }
        if (change != null) {
            throw new InputChangedException("input " + file + " changed while it was encoded " + when + ": " + change
                    + "; the symbols would not decode to one version of it, so nothing was written");
        }
    }
}
