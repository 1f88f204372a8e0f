package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rqlib.InvalidParameterException;

/** Threads are capped from the core count (issue 10, item 5): {@code --threads 100000} started 7,600 threads. */
class ThreadCapTest {
    @Test
    void threadsAboveTheCapAreRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> RaptorQ.builder().threads(100_000));
        assertTrue(e.getMessage().contains("100000"), e.getMessage());
        assertThrows(InvalidParameterException.class, () -> RaptorQ.builder().threads(RaptorQ.maxThreads() + 1));
    }

    @Test
    void defaultAndCapComeFromTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(RaptorQ.MAX_THREADS_PER_CORE * cores, RaptorQ.maxThreads());
        try (RaptorQ rq = RaptorQ.builder().threads(RaptorQ.maxThreads()).memoryLimit(64L << 20).build()) {
            assertEquals(RaptorQ.maxThreads(), rq.threads());
        }
        try (RaptorQ rq = RaptorQ.builder().memoryLimit(64L << 20).build()) {
            assertEquals(cores, rq.threads());
        }
    }
}
