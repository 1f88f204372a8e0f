package org.rqlib.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.rqlib.ResourceLimitException;

/** The JVM's heap shared by layouts and solves (issue 10, item 1): refusal before work, solves that wait. */
class HeapBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void jobThatCannotFitIsRefusedNamingALimitThatWould() {
        HeapBudget heap = new HeapBudget(72 * MIB);   // the heap of --memory-limit 64m less the baseline
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> heap.admit("encoding big.bin", 52 * MIB, 60 * MIB));
        assertTrue(e.getMessage().contains("encoding big.bin needs about 124 MiB of Java heap"), e.getMessage());
        assertTrue(e.getMessage().contains("a memory limit of 516m would do"), e.getMessage());
        assertEquals(0, heap.layoutBytesInUse());
    }

    /**
     * A solve no job admitted (rq packets decode's) larger than the whole heap budget is refused, typed: at the heap
     * of a 48m limit (24 MiB), the solve of K'max (53 MiB) used to start and end in an OutOfMemoryError.
     */
    @Test
    void aSolveLargerThanTheWholeHeapIsRefusedNamingALimitThatWould() {
        HeapBudget heap = new HeapBudget(12 * MIB);   // the heap of --memory-limit 48m less the baseline
        ResourceLimitException e = assertThrows(ResourceLimitException.class, () -> heap.startSolve(53 * MIB));
        assertTrue(e.getMessage().contains("needs about 53 MiB of Java heap"), e.getMessage());
        assertTrue(e.getMessage().contains("a memory limit of 272m would do"), e.getMessage());
        assertEquals(0, heap.solveBytesInUse());
        try (HeapBudget.Solve fits = heap.startSolve(12 * MIB)) {
            assertEquals(12 * MIB, heap.solveBytesInUse());
        }
    }

    @Test
    void jobsAreAdmittedWhileTheirLayoutsAndTheLargestSolveFit() {
        HeapBudget heap = new HeapBudget(100 * MIB);
        try (HeapBudget.Job first = heap.admit("a", 30 * MIB, 50 * MIB)) {
            assertEquals(30 * MIB, heap.layoutBytesInUse());
            // 30 held + 15 new + the largest solve of any admitted job (50) = 95: fits
            try (HeapBudget.Job second = heap.admit("b", 15 * MIB, 10 * MIB)) {
                assertEquals(45 * MIB, heap.layoutBytesInUse());
                // 45 + 10 + 50 > 100: refused although its own solve is small
                assertThrows(ResourceLimitException.class, () -> heap.admit("c", 10 * MIB, 1 * MIB));
            }
        }
        assertEquals(0, heap.layoutBytesInUse());
        assertEquals(30 * MIB, heap.layoutAllowance(70 * MIB));
    }

    @Test
    void aStreamJobGrowsItsIdsBlockByBlockAndIsRefusedTypedWhenTheyOutgrowTheHeap() {
        HeapBudget heap = new HeapBudget(72 * MIB);
        try (HeapBudget.Job other = heap.admit("a file", 10 * MIB, 20 * MIB);
                HeapBudget.Job stream = heap.admit("a stream", 2 * MIB, 30 * MIB)) {
            stream.ensureLayoutBytes(20 * MIB, "a stream (3 blocks)");
            assertEquals(30 * MIB, heap.layoutBytesInUse());
            stream.ensureLayoutBytes(5 * MIB, "a stream, less than it holds");
            assertEquals(20 * MIB, stream.layoutBytes());
            // 10 + 40 of layouts + the largest solve (30) > 72: refused, and nothing changes
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> stream.ensureLayoutBytes(40 * MIB, "encoding the input stream (5 blocks)"));
            assertTrue(e.getMessage().contains("encoding the input stream (5 blocks) needs about 82 MiB of Java heap"
                    + " (40 MiB for the layout's symbol ids, 30 MiB for its solves"), e.getMessage());
            assertTrue(e.getMessage().contains("beside the jobs running") && e.getMessage().contains("would do"),
                    e.getMessage());
            assertEquals(20 * MIB, stream.layoutBytes());
            assertEquals(30 * MIB, heap.layoutBytesInUse());
        }
        assertEquals(0, heap.layoutBytesInUse());
    }

    @Test
    void solvesThatDoNotFitTogetherWaitForEachOther() throws Exception {
        HeapBudget heap = new HeapBudget(72 * MIB);
        HeapBudget.Solve first = heap.startSolve(50 * MIB);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        Thread second = new Thread(() -> {
            started.countDown();
            try (HeapBudget.Solve s = heap.startSolve(50 * MIB)) {
                secondRan.set(true);
            }
        });
        second.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertFalse(secondRan.get(), "two solves of 50 MiB ran together in 72 MiB");
        first.close();
        second.join(5000);
        assertTrue(secondRan.get());
        assertEquals(0, heap.solveBytesInUse());
    }

    @Test
    void aSolveLargerThanWhatTheLayoutsLeaveRunsAloneInsteadOfWaitingForever() {
        HeapBudget heap = new HeapBudget(72 * MIB);
        try (HeapBudget.Job job = heap.admit("a", 30 * MIB, 10 * MIB);
                HeapBudget.Solve s = heap.startSolve(60 * MIB)) {
            assertEquals(42 * MIB, heap.solveBytesInUse());
        }
    }
}
