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

/** The governor's rules on their own: budget, backpressure, timeouts, caps, and accounting that returns to 0. */
class GovernorTest {

    @Test
    void aReservationThatDoesNotFitWaitsUntilMemoryIsReleased() throws Exception {
        Governor governor = new Governor(100, 4, 4);
        Permit first = governor.reserve(70, "first", Governor.WAIT_FOREVER);
        AtomicBoolean admitted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try (Permit second = governor.reserve(50, "second", Governor.WAIT_FOREVER)) {
                admitted.set(true);
                assertTrue(governor.bytesInUse() <= 100);
            }
            done.countDown();
        });
        waiter.start();
        assertFalse(done.await(200, TimeUnit.MILLISECONDS), "the second reservation must wait (backpressure)");
        assertFalse(admitted.get());
        first.close();
        assertTrue(done.await(5, TimeUnit.SECONDS), "released memory must admit the waiting reservation");
        assertTrue(admitted.get());
        waiter.join();
        assertEquals(0, governor.bytesInUse());
        assertTrue(governor.peakBytes() <= 100);
    }

    @Test
    void tryReserveTakesOnlyWhatIsFreeNowAndNeverOvertakesAWaiter() throws Exception {
        Governor governor = new Governor(100, 4, 4);
        Permit first = governor.tryReserve(60);
        assertTrue(first != null && first.bytes() == 60);
        assertEquals(null, governor.tryReserve(41), "41 bytes do not fit beside 60 of 100");
        assertEquals(null, governor.tryReserve(101));
        CountDownLatch queued = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            queued.countDown();
            governor.reserve(50, "waiter", Governor.WAIT_FOREVER).close();
        });
        waiter.start();
        queued.await();
        while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
            Thread.sleep(5);
        }
        assertEquals(null, governor.tryReserve(10), "10 bytes fit, but a waiter queued for memory comes first");
        first.close();
        waiter.join(5000);
        assertFalse(waiter.isAlive());
        try (Permit again = governor.tryReserve(100)) {
            assertEquals(100, again.bytes());
        }
        assertEquals(0, governor.bytesInUse());
    }

    @Test
    void aTimeoutGivesAResourceLimitExceptionNamingWhatWaited() {
        Governor governor = new Governor(100, 4, 4);
        try (Permit held = governor.reserve(80, "held", Governor.WAIT_FOREVER)) {
            long start = System.nanoTime();
            ResourceLimitException e = assertThrows(ResourceLimitException.class,
                    () -> governor.reserve(30, "block_3 sub-blocks 0..4", 150));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(140), "must wait the timeout");
            assertTrue(e.getMessage().contains("block_3 sub-blocks 0..4") && e.getMessage().contains("150 ms"),
                    e.getMessage());
            assertEquals(80, governor.bytesInUse(), "a timed-out request must not keep any memory");
        }
        assertEquals(0, governor.bytesInUse());
    }

    @Test
    void jobAndBlockCapsAreEnforced() {
        Governor governor = new Governor(100, 1, 2);
        try (Permit a = governor.admitJob(Governor.WAIT_FOREVER); Permit b = governor.admitJob(Governor.WAIT_FOREVER)) {
            assertEquals(2, governor.jobsRunning());
            assertThrows(ResourceLimitException.class, () -> governor.admitJob(50));
            try (Permit block = governor.admitBlock(Governor.WAIT_FOREVER, "block_0")) {
                ResourceLimitException e = assertThrows(ResourceLimitException.class,
                        () -> governor.admitBlock(50, "block_1"));
                assertTrue(e.getMessage().contains("block_1"), e.getMessage());
            }
        }
        assertEquals(0, governor.jobsRunning());
    }

    @Test
    void aRequestLargerThanTheWholeBudgetFailsAtOnce() {
        Governor governor = new Governor(100, 1, 1);
        ResourceLimitException e = assertThrows(ResourceLimitException.class,
                () -> governor.reserve(101, "too big", Governor.WAIT_FOREVER));
        assertTrue(e.getMessage().contains("101 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Governor(0, 1, 1));
    }
}
