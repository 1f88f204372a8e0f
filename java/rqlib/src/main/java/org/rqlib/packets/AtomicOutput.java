package org.rqlib.packets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a temporary name beside its target and renamed over it only on {@link #commit()}, so
 * readers never see a partial file. Closing without committing deletes the temporary file. Not thread-safe.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private boolean committed;

    AtomicOutput(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path directory = this.target.getParent();
        // CREATE_NEW with a random name, not createTempFile: the file gets the umask's permissions, not 0600
        this.temporary = directory.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                ThreadLocalRandom.current().nextLong(), 36) + ".part");
        this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
    }

    FileChannel channel() {
        return channel;
    }

    void commit() throws IOException {
        channel.force(false);
        channel.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            channel.close();
            Files.deleteIfExists(temporary);
        }
    }
}
