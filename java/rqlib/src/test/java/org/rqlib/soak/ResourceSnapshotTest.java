package org.rqlib.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's leak detector sees what it must: a thread, an open file and a file that were not there before. */
class ResourceSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void aNewThreadOpenFileAndFileAreSeen() throws Exception {
        Path probe = Files.createFile(dir.resolve("warm"));
        try (FileChannel warm = FileChannel.open(probe, StandardOpenOption.WRITE)) {
            // first FileChannel use opens the JDK's own descriptors; keep them out of the comparison
            assertTrue(warm.isOpen());
        }
        Files.delete(probe);
        ResourceSnapshot before = ResourceSnapshot.take(dir);
        CountDownLatch stop = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leaked-on-purpose");
        thread.start();
        Path file = Files.writeString(dir.resolve("left.part"), "x");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ResourceSnapshot after = ResourceSnapshot.take(dir);
            assertEquals(java.util.List.of("leaked-on-purpose"), after.newThreads(before));
            assertEquals(java.util.List.of(file.toString()), after.newOpenFiles(before));
            assertEquals(java.util.List.of("left.part"), after.files());
            assertTrue(channel.isOpen());
        } finally {
            stop.countDown();
            thread.join();
        }
        ResourceSnapshot clean = ResourceSnapshot.take(dir);
        assertTrue(clean.newThreads(before).isEmpty() && clean.newOpenFiles(before).isEmpty());
    }
}
