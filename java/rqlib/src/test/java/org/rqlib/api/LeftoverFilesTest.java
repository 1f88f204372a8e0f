package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.io.FileClaim;
import org.rqlib.limits.JobControl;

/**
 * What jobs leave beside their output (issues #10 item 6, #11 item 7): a decoded file gets the permissions any
 * new file gets (the umask's), not the owner-only mode of a temporary file; a hidden {@code .part} and scratch
 * files left by a killed decode are removed by the next decode to the same place, while one a running job holds
 * is left alone; {@code metadata} puts its scratch in the temporary directory, never beside the input.
 */
class LeftoverFilesTest {
    @TempDir
    Path work;

    private static RaptorQ rq() {
        return RaptorQ.builder().symbolSize(1024).redundancyFactor(2).memoryLimit(48L << 20).threads(2).build();
    }

    @Test
    void aDecodedFileGetsTheUmasksPermissions() throws Exception {
        Assumptions.assumeTrue(work.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "no POSIX permissions on this file system");
        Path input = TestFiles.random(work, "in.bin", 20_000, 9);
        Path out = work.resolve("out");
        Path decoded = work.resolve("decoded.bin");
        try (RaptorQ rq = rq()) {
            rq.encodeFile(input, out);
            rq.decodeFile(out, decoded);
        }
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(work.resolve("probe")));
        assertEquals(usual, Files.getPosixFilePermissions(decoded));
    }

    @Test
    void filesLeftByAKilledDecodeAreRemovedByTheNext() throws Exception {
        Path input = TestFiles.random(work, "in.bin", 20_000, 10);
        Path out = work.resolve("out");
        Path target = Files.createDirectories(work.resolve("target"));
        Path decoded = target.resolve("decoded.bin");
        Path killedPart = target.resolve(".decoded.bin.1234567.part");
        Path killedScratch = target.resolve(".rqlib-scratch-decode-99.tmp");
        Path otherOutput = target.resolve(".other.bin.1.part");
        Files.write(killedPart, new byte[20_000]);
        Files.write(killedScratch, new byte[100]);
        Files.write(otherOutput, new byte[10]);
        try (RaptorQ rq = rq();
                FileClaim running = FileClaim.createNew(target.resolve(".decoded.bin.running.part"), false)) {
            rq.encodeFile(input, out);
            rq.decodeFile(out, decoded);
            assertTrue(Files.exists(running.file()), "a .part a running decode holds was removed");
            running.closeAndDelete();
        }
        assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(decoded));
        assertEquals(List.of(".other.bin.1.part", "decoded.bin"), names(target),
                "left beside the output (another output's .part stays)");
    }

    @Test
    void metadataPutsItsScratchInTheTemporaryDirectoryNotBesideTheInput() throws Exception {
        Path inputDir = Files.createDirectories(work.resolve("input"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        // 12 MiB in one block does not fit a 48 MiB budget whole: it is coded in groups with scratch on disk
        Path input = TestFiles.random(inputDir, "in.bin", 12L << 20, 11);
        Set<String> besideInput = ConcurrentHashMap.newKeySet();
        Set<String> inTmp = ConcurrentHashMap.newKeySet();
        JobControl control = new JobControl((done, total) -> {
            besideInput.addAll(names(inputDir));
            inTmp.addAll(names(tmp));
        });
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try (RaptorQ rq = RaptorQ.builder().redundancyFactor(2).memoryLimit(48L << 20).threads(1).build()) {
            rq.createMetadata(input, work.resolve("layout.json"), control);
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
        assertEquals(Set.of("in.bin"), besideInput, "files seen beside the input during metadata");
        assertTrue(inTmp.stream().anyMatch(n -> n.startsWith(".rqlib-scratch-")),
                "the test needs a block that uses scratch; seen in tmp: " + inTmp);
        assertEquals(List.of(), names(tmp), "scratch left in the temporary directory");
        assertEquals(List.of("in.bin"), names(inputDir));
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
