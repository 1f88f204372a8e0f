package org.rqlib.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.EncodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.faults.DirectorySnapshot;
import org.rqlib.layout.Layout;

/**
 * Properties of the file API over random settings (symbol size, redundancy factor, block size, memory limit,
 * threads), file sizes and symbol losses: a round trip through any loss that leaves K + 2 symbols per source block
 * gives the file back byte for byte; one symbol fewer than K gives NotEnoughSymbolsException and no output; and
 * the bytes written never depend on the memory limit or the thread count. Files stay small so that 1000+ cases
 * run in about a minute; seeds are fixed (jqwik prints the seed of a failure, and the sample).
 */
class FileRoundTripPropertiesTest {
    /** Symbol files per encode at most, about: each is a file, and the properties write a few thousand outputs. */
    private static final int MAX_SYMBOLS = 200;

    private Path work;

    @BeforeTry
    void createWorkDirectory() throws IOException {
        work = Files.createTempDirectory("rqlib-properties");
    }

    @AfterTry
    void deleteWorkDirectory() throws IOException {
        deleteTree(work);
    }

    @Provide
    Arbitrary<Settings> settings() {
        return Combinators.combine(
                Arbitraries.integers().between(8, 4096),
                Arbitraries.integers().between(1, 5),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 64 * 1024))),
                Arbitraries.of(48L << 20, 64L << 20, 256L << 20),
                Arbitraries.integers().between(1, 4)).as(Settings::new);
    }

    @Provide
    Arbitrary<Integer> fileSizes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 300)),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(301, 60_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(60_001, 160_000)));
    }

    @Property(tries = 600, seed = "20261125")
    void roundTripThroughRecoverableLossIsIdentity(@ForAll("settings") Settings drawn,
            @ForAll("fileSizes") int size, @ForAll long seed) throws IOException {
        Case c = prepare(drawn, size, seed);
        Settings settings = c.settings();
        Random random = c.random();
        byte[] data = c.data();
        Path out = work.resolve("enc-" + seed);
        try (RaptorQ rq = settings.build()) {
            EncodeResult encoded = rq.encodeFile(c.input(), out);
            int deleted = SymbolLoss.deleteRecoverable(out, encoded.layout(), random);
            Path decoded = work.resolve("dec-" + seed);
            DecodeResult result = rq.decodeFile(out, decoded);
            assertArrayEquals(data, Files.readAllBytes(decoded), settings + " size " + size + " lost " + deleted);
            assertTrue(result.symbolsMissing() <= deleted, result + " but " + deleted + " deleted");
            assertEquals(0, result.symbolsCorrupt());
            assertTrue(rq.governor().peakBytes() <= rq.governor().budgetBytes(), "governor over budget");
        }
    }

    @Property(tries = 150, seed = "20261126")
    void oneSymbolTooFewIsNotEnoughSymbolsAndNoOutput(@ForAll("settings") Settings drawn,
            @ForAll("fileSizes") int size, @ForAll long seed) throws IOException {
        Case c = prepare(drawn, size, seed);
        Settings settings = c.settings();
        Random random = c.random();
        byte[] data = c.data();
        Path out = work.resolve("enc-" + seed);
        try (RaptorQ rq = settings.build()) {
            Layout layout = rq.encodeFile(c.input(), out).layout();
            SymbolLoss.deleteTooMany(out, layout, random);
            Path decoded = work.resolve("dec-" + seed);
            NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class,
                    () -> rq.decodeFile(out, decoded), settings + " size " + size);
            assertTrue(e.getMessage().contains("block_0") || e.block().contains("0"), e.getMessage());
            assertFalse(Files.exists(decoded), "partial output after " + e.getMessage());
        }
    }

    @Property(tries = 250, seed = "20261127")
    void outputBytesDoNotDependOnMemoryLimitOrThreads(@ForAll("settings") Settings drawn,
            @ForAll("fileSizes") int size, @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        int bytes = size;
        Settings settings = drawn.boundedFor(bytes, MAX_SYMBOLS);
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        Path input = Files.write(work.resolve("in-" + seed), data);
        Settings other = settings.withRuntime(settings.memoryLimit() == (48L << 20) ? 512L << 20 : 48L << 20,
                5 - settings.threads());
        DirectorySnapshot first = encode(settings, input, work.resolve("a-" + seed));
        DirectorySnapshot second = encode(other, input, work.resolve("b-" + seed));
        assertEquals(first, second, settings + " vs " + other + ", " + bytes + " bytes");
    }

    @Property(tries = 20, seed = "20261128")
    void outputBytesDoNotDependOnMemoryLimitOrThreadsForLargerBlocks(@ForAll("settings") Settings settings,
            @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] data = new byte[2_000_000 + random.nextInt(3_000_000)];
        random.nextBytes(data);
        Path input = Files.write(work.resolve("in-" + seed), data);
        // a few MB, so that bands of symbols (sized from the budget per thread) differ between the two runs
        Settings large = new Settings(settings.symbolSize(), settings.redundancy(), 0, settings.memoryLimit(),
                settings.threads()).boundedFor(data.length, 4 * MAX_SYMBOLS);
        Settings other = large.withRuntime(large.memoryLimit() == (48L << 20) ? 512L << 20 : 48L << 20,
                5 - large.threads());
        assertEquals(encode(large, input, work.resolve("a-" + seed)), encode(other, input, work.resolve("b-" + seed)),
                large + " vs " + other + ", " + data.length + " bytes");
    }

    /** One drawn case: settings bounded for the file, the seeded randomness, the file's bytes and its path. */
    private record Case(Settings settings, Random random, byte[] data, Path input) {
    }

    private Case prepare(Settings drawn, int size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] data = randomBytes(random, size);
        return new Case(drawn.boundedFor(size, MAX_SYMBOLS), random, data, Files.write(work.resolve("in-" + seed), data));
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    private static DirectorySnapshot encode(Settings settings, Path input, Path out) {
        try (RaptorQ rq = settings.build()) {
            rq.encodeFile(input, out);
        }
        return DirectorySnapshot.of(out);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
