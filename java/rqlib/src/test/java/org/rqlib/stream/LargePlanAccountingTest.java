package org.rqlib.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.ResourceLimitException;
import org.rqlib.api.RaptorQ;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.LayoutSettings;
import org.rqlib.codec.Codec;
import org.rqlib.io.SymbolIdSink;
import org.rqlib.io.SymbolSink;
import org.rqlib.kernel.Kernels;
import org.rqlib.layout.Layout;
import org.rqlib.limits.Governor;
import org.rqlib.limits.JobControl;

/**
 * Blocks of about 51,200 symbols (issue 10, item 2): their plan (16 MB of code, over the 8 MiB plan cache of a 64m
 * limit) is counted in the working set of the encoder using it, so such a block either runs inside the budget
 * (two of them at 64m with 2 threads, as many at once as their counted plans allow) or, where one does not fit,
 * is refused before any symbol is made with a typed ResourceLimitException. Its direct copy used to be counted
 * nowhere, and two blocks at 64m with 2 threads ran out of the JVM's direct memory (exit 3 from rq, after work).
 */
class LargePlanAccountingTest {
    private static final int SYMBOL_SIZE = 64;
    private static final long BLOCK = 51_200L * SYMBOL_SIZE;
    /** L of K = 51,200: its K' with the LDPC and HDPC symbols. */
    private static final int INTERMEDIATE_SYMBOLS = 52_385;

    @TempDir
    Path dir;

    @Test
    void theUncachedPlanIsCountedAndTwoBlocksRunInsideTheBudget() throws Exception {
        long budget = RaptorQ.workingSetBudget(64L << 20);
        long plan = Codec.uncachedPlanBytes(INTERMEDIATE_SYMBOLS);
        assertTrue(plan > RaptorQ.planCacheBytes(64L << 20), "the plan is larger than the cache: " + plan);
        Path input = input(2 * BLOCK);
        Governor governor = new Governor(budget, 4, 4);
        try (StreamEngine engine = new StreamEngine(Codec.create(Kernels.selected(),
                RaptorQ.planCacheBytes(64L << 20)), governor, 2)) {
            Layout layout = engine.encode(input, planner(), new SymbolIdSink(), dir, JobControl.none());
            assertEquals(2, layout.blocks().size());
        }
        assertTrue(governor.peakBytes() >= plan, "the plan's copy was counted: peak " + governor.peakBytes());
        assertTrue(governor.peakBytes() <= budget);
        assertEquals(0, governor.bytesInUse());
    }

    @Test
    void aBlockWhosePlanCannotFitIsRefusedTypedBeforeAnySymbol() throws Exception {
        Path input = input(BLOCK);
        long plan = Codec.uncachedPlanBytes(INTERMEDIATE_SYMBOLS);
        Governor governor = new Governor(plan, 4, 4);   // room for the plan, none for the symbols beside it
        CountingSink sink = new CountingSink();
        try (StreamEngine engine = new StreamEngine(Codec.create(Kernels.selected(), 8L << 20), governor, 2)) {
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> engine.encode(input, planner(), sink, dir, JobControl.none()));
            assertTrue(e.getMessage().contains("K=51200"), e.getMessage());
            suggested = suggestedLimitMib(e.getMessage());
        }
        assertEquals(0, sink.symbols, "no symbol may be made before the refusal");
        assertEquals(0, governor.peakBytes(), "nothing was reserved");
        // the limit the message names does it: the same encode inside that limit's budget and plan cache
        long limit = suggested << 20;
        try (StreamEngine engine = new StreamEngine(Codec.create(Kernels.selected(), RaptorQ.planCacheBytes(limit)),
                new Governor(RaptorQ.workingSetBudget(limit), 4, 4), 2)) {
            assertEquals(1, engine.encode(input, planner(), new SymbolIdSink(), dir, JobControl.none())
                    .blocks().size());
        }
    }

    private long suggested;

    private static long suggestedLimitMib(String message) {
        Matcher m = Pattern.compile("a memory limit of (\\d+)m would do").matcher(message);
        assertTrue(m.find(), "the refusal names a limit that would do: " + message);
        return Long.parseLong(m.group(1));
    }

    private Path input(long size) throws Exception {
        byte[] data = new byte[(int) size];
        new Random(51_200).nextBytes(data);
        return Files.write(dir.resolve("input-" + size), data);
    }

    private static BlockPlanner planner() {
        return new BlockPlanner(new LayoutSettings(SYMBOL_SIZE, 2, BLOCK, LayoutSettings.DEFAULT_LAYOUT_MEMORY));
    }

    /** Counts the symbols it is given. */
    private static final class CountingSink implements SymbolSink {
        private final AtomicInteger count = new AtomicInteger();
        int symbols;

        @Override
        public void store(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length, String id) {
            symbols = count.incrementAndGet();
        }
    }
}
