package org.rqlib.stream;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.rqlib.JobCancelledException;
import org.rqlib.io.Blake3;
import org.rqlib.io.PositionalIo;

/**
 * The BLAKE3 of a block being written, computed while it is written rather than after: writers report each
 * range of the block once its bytes are final, in any order, and the hash follows the growing prefix of final
 * bytes. The thread whose range extends the prefix hashes it from its own buffer, still in cache, and then the
 * ranges others finished meanwhile, read back from the file; one thread hashes at a time, the others only record
 * their range and go on. {@link #finish} hashes whatever was not reported (everything is final by then), so a
 * writer that reports nothing only loses the overlap, never correctness.
 *
 * <p>A range may be reported more than once (the same final bytes written twice); bytes are hashed once, in
 * order. Thread-safe.
 */
final class OrderedBlockHash {
    private final FileChannel file;
    private final Path path;
    private final long start;
    private final long end;
    private final ByteBuffer readBack;
    private final Runnable cancelCheck;
    private final Blake3 hasher = new Blake3();
    /** Final ranges not hashed yet, start -> end, disjoint and not touching. */
    private final TreeMap<Long, Long> done = new TreeMap<>();
    /** The block's bytes before this position are hashed. */
    private long hashed;
    private boolean hashing;

    /**
     * Hashes bytes [start, end) of {@code file}, reading back through {@code readBack} (a buffer the caller owns
     * and frees after {@link #finish}); {@code cancelCheck} runs before each read back and may throw to stop.
     */
    OrderedBlockHash(FileChannel file, Path path, long start, long end, ByteBuffer readBack, Runnable cancelCheck) {
        this.file = file;
        this.path = path;
        this.start = start;
        this.end = end;
        this.readBack = readBack;
        this.cancelCheck = cancelCheck;
        this.hashed = start;
    }

    /**
     * Records file bytes [from, to) as final; {@code bytes} holds them from {@code offset} for the duration of
     * the call (null: read them back later). Hashes now if they extend the hashed prefix and no one else is.
     */
    void finished(long from, long to, ByteBuffer bytes, int offset) {
        from = Math.max(from, start);
        to = Math.min(to, end);
        if (to <= from) {
            return;
        }
        synchronized (this) {
            add(from, to);
            if (hashing || done.firstKey() > hashed) {
                return;
            }
            hashing = true;
        }
        drain(from, to, bytes, offset);
    }

    /** Hashes the rest of the block, once every writer is done, and returns the digest in base58. */
    String finish() {
        synchronized (this) {
            while (hashing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JobCancelledException("interrupted while hashing bytes " + start + ".." + end + " of "
                            + path);
                }
            }
            // every byte is final now: what no writer reported is hashed from the file
            add(hashed, end);
            hashing = true;
        }
        drain(0, 0, null, 0);
        return hasher.finishBase58();
    }

    /** Hashes the ranges at the prefix until none is left; the caller set {@link #hashing}. */
    private void drain(long ownFrom, long ownTo, ByteBuffer own, int ownOffset) {
        try {
            while (true) {
                long from;
                long to;
                synchronized (this) {
                    Map.Entry<Long, Long> first = done.firstEntry();
                    if (first == null || first.getKey() > hashed) {
                        hashing = false;
                        notifyAll();
                        return;
                    }
                    done.pollFirstEntry();
                    from = hashed;
                    to = first.getValue();
                }
                if (to > from) {
                    hash(from, to, ownFrom, ownTo, own, ownOffset);
                    synchronized (this) {
                        hashed = to;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                hashing = false;
                notifyAll();
            }
            throw e;
        }
    }

    /** Hashes [from, to): from the caller's buffer where it holds them, else read back from the file. */
    private void hash(long from, long to, long ownFrom, long ownTo, ByteBuffer own, int ownOffset) {
        long at = from;
        while (at < to) {
            if (own != null && at >= ownFrom && at < ownTo) {
                long n = Math.min(to, ownTo) - at;
                hasher.update(own, ownOffset + (int) (at - ownFrom), (int) n);
                at += n;
                continue;
            }
            long stop = own != null && ownFrom > at ? Math.min(to, ownFrom) : to;
            int n = (int) Math.min(readBack.capacity(), stop - at);
            cancelCheck.run();
            PositionalIo.read(file, at, readBack, 0, n, path);
            hasher.update(readBack, 0, n);
            at += n;
        }
    }

    /** Adds [from, to) to the final ranges, merging it with those it touches. */
    private void add(long from, long to) {
        Map.Entry<Long, Long> before = done.floorEntry(from);
        if (before != null && before.getValue() >= from) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
            done.remove(before.getKey());
        }
        while (true) {
            Map.Entry<Long, Long> next = done.ceilingEntry(from);
            if (next == null || next.getKey() > to) {
                break;
            }
            to = Math.max(to, next.getValue());
            done.remove(next.getKey());
        }
        done.put(from, to);
    }
}
