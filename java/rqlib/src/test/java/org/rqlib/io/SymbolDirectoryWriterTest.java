package org.rqlib.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symbol directory writer's memory does not grow with the files it writes into folders it made (a 20 GiB encode
 * at 64m wrote 655,000 files and died with an OutOfMemoryError after 10 of 16 blocks: about 250 bytes of heap per
 * file remembered for clean-up), and a failed encode's clean-up still removes everything it wrote and nothing else.
 */
class SymbolDirectoryWriterTest {
    @TempDir
    Path dir;

    @Test
    void filesInFoldersItMadeAreNotRememberedOneByOneAndAreAllRemoved() throws IOException {
        Path out = dir.resolve("out");
        SymbolDirectoryWriter writer = new SymbolDirectoryWriter(out);
        write(writer, 0, 500);
        write(writer, 1, 500);
        assertEquals(1000, count(out.resolve("block_0")) + count(out.resolve("block_1")));
        assertEquals(0, writer.filesRemembered(), "files remembered one by one");
        assertEquals(List.of(), writer.removeAll());
        assertEquals(0, count(out), "left after removeAll");
    }

    @Test
    void inAFolderThatWasThereOnlyItsOwnFilesAreRemoved() throws IOException {
        Path out = dir.resolve("out");
        Path theirs = Files.createDirectories(out.resolve("block_0")).resolve("theirs");
        Files.write(theirs, new byte[] {1});
        SymbolDirectoryWriter writer = new SymbolDirectoryWriter(out);
        write(writer, 0, 20);
        assertEquals(20, writer.filesRemembered());
        writer.removeAll();
        assertTrue(Files.exists(theirs));
        assertEquals(1, count(out.resolve("block_0")));
    }

    private static void write(SymbolDirectoryWriter writer, int block, int count) {
        ByteBuffer symbol = ByteBuffer.allocateDirect(16);
        for (int esi = 0; esi < count; esi++) {
            writer.store(block, 0, esi, symbol, 0, 16, "id" + block + "x" + esi);
        }
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }
}
