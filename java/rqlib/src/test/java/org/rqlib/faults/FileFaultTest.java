package org.rqlib.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.JobCancelledException;
import org.rqlib.RqlibException;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.limits.JobControl;

/**
 * Fault injection into {@link RaptorQ#encodeFile} and {@link RaptorQ#decodeFile} through {@link FaultyFileSystem}:
 * an IOException at a random operation (any kind, or only symbol reads), a disk that fills up at a random byte, a
 * symbol file vanishing while the decode runs, and cancellation at a random operation. Every run either succeeds
 * with a correct result, or fails with a typed exception (an rqlib exception or RqlibIoException) leaving the tree
 * as it was: no layout, no symbol files, no partial output, no temporary file, the input untouched. A decode that
 * loses a few symbols to faults still succeeds. Seeded; the seed and the fault are in every message.
 */
class FileFaultTest {
    private static final long SEED = Long.getLong("rqlib.test.seed", 20261125L);
    private static final int RUNS = 30;
    // three blocks of 100 KB, T = 4096, rf 2: about 150 symbol files, so faults land everywhere
    private static final RaptorQ RQ = RaptorQ.builder().symbolSize(4096).redundancyFactor(2).blockSize(100_000)
            .memoryLimit(48L << 20).threads(2).build();

    @TempDir
    Path dir;
    private byte[] data;

    @AfterAll
    static void close() {
        RQ.close();
    }

    @BeforeEach
    void input() throws IOException {
        data = new byte[300_000];
        new Random(SEED).nextBytes(data);
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/file.bin"), data);
    }

    @Test
    void encodeWithAnIoExceptionAtARandomOperationSucceedsOrLeavesNothing() {
        long operations = countOperations(plan -> encode(plan, new JobControl(null)));
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            long n = 1 + random.nextInt((int) operations);
            FaultPlan plan = new FaultPlan().failAt(n, EnumSet.allOf(IoOperation.class));
            expectCorrectOrClean("encode, IOException at operation " + n + " of " + operations, plan,
                    () -> encode(plan, new JobControl(null)));
        }
    }

    @Test
    void encodeOnADiskFillingUpLeavesNothing() {
        Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++) {
            long room = random.nextInt(2 * data.length);
            FaultPlan plan = new FaultPlan().diskFullAfter(room);
            expectCorrectOrClean("encode, disk full after " + room + " bytes", plan,
                    () -> encode(plan, new JobControl(null)));
        }
    }

    @Test
    void encodeCancelledAtARandomOperationLeavesNothing() {
        long operations = countOperations(plan -> encode(plan, new JobControl(null)));
        Random random = new Random(SEED + 2);
        int cancelled = 0;
        for (int run = 0; run < RUNS; run++) {
            long n = 1 + random.nextInt((int) operations);
            JobControl control = new JobControl(null);
            FaultPlan plan = new FaultPlan().onOperation(n, control::cancel);
            cancelled += expectCorrectOrClean("encode, cancelled at operation " + n, plan, () -> encode(plan, control))
                    instanceof JobCancelledException ? 1 : 0;
        }
        assertTrue(cancelled > RUNS / 2, "only " + cancelled + " of " + RUNS + " cancellations took effect");
    }

    @Test
    void decodeWithAnIoExceptionAtARandomOperationSucceedsOrLeavesNothing() {
        encodeCleanly();
        long operations = countOperations(plan -> decode(plan, new JobControl(null)));
        Random random = new Random(SEED + 3);
        for (int run = 0; run < RUNS; run++) {
            long n = 1 + random.nextInt((int) operations);
            FaultPlan plan = new FaultPlan().failAt(n, EnumSet.allOf(IoOperation.class));
            expectCorrectOrClean("decode, IOException at operation " + n + " of " + operations, plan,
                    () -> decode(plan, new JobControl(null)));
        }
    }

    @Test
    void decodeSurvivesAnUnreadableSymbolFile() {
        encodeCleanly();
        long reads = countOperations(plan -> decode(plan, new JobControl(null)), IoOperation.READ);
        Random random = new Random(SEED + 4);
        for (int run = 0; run < RUNS; run++) {
            long n = 1 + random.nextInt((int) reads);
            FaultPlan plan = new FaultPlan().failAt(n, EnumSet.of(IoOperation.READ));
            String what = "decode, IOException at read " + n + " of " + reads + " (seed " + SEED + ")";
            Object result = expectCorrectOrClean(what, plan, () -> decode(plan, new JobControl(null)));
            // a symbol read failing is one symbol fewer, and rf 2 leaves plenty; other reads (the output's,
            // read back for its hash) may fail the decode cleanly
            assertTrue(result instanceof DecodeResult || !plan.lastFailure().contains("block_"),
                    what + ": a failed symbol read failed the decode: " + result);
        }
    }

    @Test
    void decodeOnADiskFillingUpLeavesNothing() {
        encodeCleanly();
        Random random = new Random(SEED + 5);
        for (int run = 0; run < RUNS; run++) {
            long room = random.nextInt(data.length);
            FaultPlan plan = new FaultPlan().diskFullAfter(room);
            expectCorrectOrClean("decode, disk full after " + room + " bytes", plan,
                    () -> decode(plan, new JobControl(null)));
        }
    }

    @Test
    void decodeSucceedsWhenSymbolFilesVanishWhileItRuns() {
        encodeCleanly();
        Random random = new Random(SEED + 6);
        for (int run = 0; run < RUNS; run++) {
            // a decode opens about K + 2 of the 150 symbol files: 75 here
            long n = 1 + random.nextInt(70);
            FaultPlan plan = new FaultPlan().vanishOnOpen(n,
                    (kind, path) -> path.getParent().getFileName().toString().startsWith("block_"));
            Object result = expectCorrectOrClean("decode, symbol file " + n + " vanishing", plan,
                    () -> decode(plan, new JobControl(null)), true);
            assertEquals(1, plan.injectedCount(), "symbol file " + n + " did not vanish");
            assertTrue(result instanceof DecodeResult r && r.symbolsMissing() >= 1,
                    "symbol file " + n + " vanished: " + result);
            encodeCleanlyAgain();
        }
    }

    @Test
    void decodeCancelledAtARandomOperationLeavesNothing() {
        encodeCleanly();
        long operations = countOperations(plan -> decode(plan, new JobControl(null)));
        Random random = new Random(SEED + 7);
        int cancelled = 0;
        for (int run = 0; run < RUNS; run++) {
            long n = 1 + random.nextInt((int) operations);
            JobControl control = new JobControl(null);
            FaultPlan plan = new FaultPlan().onOperation(n, control::cancel);
            cancelled += expectCorrectOrClean("decode, cancelled at operation " + n, plan, () -> decode(plan, control))
                    instanceof JobCancelledException ? 1 : 0;
        }
        assertTrue(cancelled > RUNS / 2, "only " + cancelled + " of " + RUNS + " cancellations took effect");
    }

    private interface Job {
        Object run();
    }

    /** Runs the job; returns its result, or the typed exception it failed with after checking the tree. */
    private Object expectCorrectOrClean(String what, FaultPlan plan, Job job) {
        return expectCorrectOrClean(what, plan, job, false);
    }

    /** As above; with {@code vanishing}, symbol files the plan deleted are not held against the job. */
    private Object expectCorrectOrClean(String what, FaultPlan plan, Job job, boolean vanishing) {
        String where = what + " (seed " + SEED + ")";
        DirectorySnapshot before = DirectorySnapshot.of(dir);
        Object result;
        try {
            result = job.run();
        } catch (RqlibException | UncheckedIOException e) {
            DirectorySnapshot after = DirectorySnapshot.of(dir);
            assertTrue(vanishing || before.equals(after), where + ": failed with " + e + " and changed the tree: "
                    + before.diff(after));
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": untyped failure", e);
        }
        verify(where, result);
        if (vanishing) {
            deleteOutput();
        } else {
            restore(before);
        }
        return result;
    }

    private void verify(String where, Object result) {
        try {
            if (result instanceof DecodeResult) {
                assertArrayEquals(data, Files.readAllBytes(dir.resolve("out.bin")), where + ": decoded bytes");
            } else {
                Path check = dir.resolve("check.bin");
                RQ.decodeFile(dir.resolve("enc"), check);
                assertArrayEquals(data, Files.readAllBytes(check), where + ": the encode does not decode back");
                Files.delete(check);
            }
            assertArrayEquals(data, Files.readAllBytes(dir.resolve("in/file.bin")), where + ": input changed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the tree back as before a run that succeeded, for the next run. */
    private void restore(DirectorySnapshot before) {
        try {
            if (!before.entries().containsKey("out.bin")) {
                Files.deleteIfExists(dir.resolve("out.bin"));
            }
            if (!before.entries().containsKey("enc")) {
                deleteTree(dir.resolve("enc"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DirectorySnapshot after = DirectorySnapshot.of(dir);
        assertTrue(before.equals(after), "restoring the tree: " + before.diff(after));
    }

    private void deleteOutput() {
        try {
            Files.deleteIfExists(dir.resolve("out.bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object encode(FaultPlan plan, JobControl control) {
        FaultyFileSystem fs = FaultyFileSystem.with(plan);
        return RQ.encodeFile(fs.wrap(dir.resolve("in/file.bin")), fs.wrap(dir.resolve("enc")), control);
    }

    private Object decode(FaultPlan plan, JobControl control) {
        FaultyFileSystem fs = FaultyFileSystem.with(plan);
        Path enc = fs.wrap(dir.resolve("enc"));
        return RQ.decodeFile(enc, enc.resolve(RaptorQ.LAYOUT_FILE), fs.wrap(dir.resolve("out.bin")), control);
    }

    private void encodeCleanly() {
        RQ.encodeFile(dir.resolve("in/file.bin"), dir.resolve("enc"));
    }

    private void encodeCleanlyAgain() {
        try {
            deleteTree(dir.resolve("enc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        encodeCleanly();
    }

    private long countOperations(Function<FaultPlan, Object> job, IoOperation... kinds) {
        DirectorySnapshot before = DirectorySnapshot.of(dir);
        FaultPlan counting = new FaultPlan();
        Object result = job.apply(counting);
        restore(before);
        long n = kinds.length == 0 ? counting.operationCount() : counting.count(kinds[0]);
        assertTrue(n > 10, "too few operations to inject into: " + n + " after " + result);
        return n;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
