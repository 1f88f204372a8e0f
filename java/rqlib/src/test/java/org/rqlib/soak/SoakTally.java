package org.rqlib.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of a soak run: outputs verified, jobs lost (a wrong output, a job that failed when it should have worked,
 * a failure that left something behind, an exception of the wrong type), and what happened, by kind. The first
 * losses are kept with their reason. Thread-safe.
 */
final class SoakTally {
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();

    void verified(String event) {
        verified.incrementAndGet();
        event(event);
    }

    void lost(String reason) {
        lost.incrementAndGet();
        if (reasons.size() < 20) {
            reasons.add(reason);
        }
    }

    void event(String event) {
        events.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet();
    }

    long verified() {
        return verified.get();
    }

    long lost() {
        return lost.get();
    }

    Map<String, AtomicLong> events() {
        return new java.util.TreeMap<>(events);
    }

    Iterable<String> reasons() {
        return reasons;
    }
}
