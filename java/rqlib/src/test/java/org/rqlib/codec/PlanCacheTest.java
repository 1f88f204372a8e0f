package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rqlib.kernel.OperationPlan;

/** The plan cache: one bound for both kinds of plan, counted as one copy of the code. */
class PlanCacheTest {

    @Test
    void aPlanIsCountedAsOneCopyOfItsCodeAndReused() {
        int kPrime = SystematicIndices.extendedSize(1000);
        EncodingPlan plan = EncodingPlan.build(kPrime);
        long size = PlanCache.sizeOf(plan);
        long code = 4L * OperationPlan.WORDS_PER_OP * plan.operations().operationCount();
        assertTrue(size >= code && size < code + 8 * kPrime, "size " + size + " for " + code + " bytes of code");

        PlanCache cache = new PlanCache(size, SolveGate.UNBOUNDED);
        EncodingPlan first = cache.encoding(kPrime);
        assertSame(first, cache.encoding(kPrime), "a plan that fits the bound exactly must be kept");
        assertEquals(1, cache.hits());
        assertEquals(size, cache.sizeBytes());
    }

    /**
     * Two source blocks of one K asking for its plan at once, where the heap holds one solve at a time: the one
     * that waited at the gate takes the plan the other built, instead of solving it again beside the kept one (two
     * blocks of K = 51,200 at 280m ended in an OutOfMemoryError that way).
     */
    @Test
    void aThreadThatWaitedAtTheGateTakesThePlanAnotherBuilt() throws Exception {
        int kPrime = SystematicIndices.extendedSize(2000);
        Semaphore heap = new Semaphore(1);
        CountDownLatch bothAsked = new CountDownLatch(2);
        SolveGate oneAtATime = bytes -> {
            bothAsked.countDown();
            await(bothAsked);
            heap.acquireUninterruptibly();
            return heap::release;
        };
        PlanCache cache = new PlanCache(64L << 20, oneAtATime);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<EncodingPlan> first = threads.submit(() -> cache.encoding(kPrime));
            Future<EncodingPlan> second = threads.submit(() -> cache.encoding(kPrime));
            assertSame(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, cache.misses(), "one solve for both");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS), "both threads reach the gate");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void encodingAndDecodingPlansShareOneBound() {
        int kPrime = SystematicIndices.extendedSize(1000);
        long encodingSize = PlanCache.sizeOf(EncodingPlan.build(kPrime));
        CodecParameters params = CodecParameters.forSourceSymbols(1000);
        int[] esis = IntStream.range(0, 1002).map(i -> i * 2).toArray();
        long decodingSize = PlanCache.sizeOf(DecodingPlan.build(params, esis.clone()));

        PlanCache cache = new PlanCache(encodingSize + decodingSize - 1, SolveGate.UNBOUNDED);
        cache.encoding(kPrime);
        DecodingPlan decoding = cache.decoding(params, esis);
        assertTrue(decoding.solved());
        // both do not fit: the encoding plan, least recently used, made room
        assertEquals(1, cache.size());
        assertEquals(decodingSize, cache.sizeBytes());
        esis[0] = 1; // the cache keeps its own copy of the key
        assertSame(decoding, cache.decoding(params, IntStream.range(0, 1002).map(i -> i * 2).toArray()));
    }

    @Test
    void atMostEightDecodingPlansAreKept() {
        PlanCache cache = new PlanCache(Long.MAX_VALUE, SolveGate.UNBOUNDED);
        CodecParameters params = CodecParameters.forSourceSymbols(10);
        for (int first = 0; first < 12; first++) {
            int start = first;
            cache.decoding(params, IntStream.range(0, 12).map(i -> start + i).toArray());
        }
        cache.encoding(SystematicIndices.extendedSize(10));
        assertEquals(9, cache.size(), "8 decoding plans and the encoding plan");
    }
}
