package org.rqlib.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rqlib.RqlibIoException;

/**
 * A temporary file for data that does not fit the memory budget (repair sub-symbols in encode, staged symbols in
 * decode). Deleted on close, and by the OS if the process dies with it open. Positional access is thread-safe.
 */
public final class ScratchFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;

    public ScratchFile(Path directory, String purpose) {
        try {
            this.path = Files.createTempFile(directory, ".rqlib-scratch-" + purpose + "-", ".tmp");
            this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            throw new RqlibIoException("creating scratch file in " + directory, e);
        }
    }

    public FileChannel channel() {
        return channel;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new RqlibIoException("removing scratch file " + path, e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
