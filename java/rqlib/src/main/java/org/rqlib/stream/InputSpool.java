package org.rqlib.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import org.rqlib.RqlibIoException;
import org.rqlib.io.PositionalIo;
import org.rqlib.io.ScratchFile;
import org.rqlib.kernel.DirectBuffers;

/**
 * A window of a stream kept in a scratch file, so that a block can be read as often as its coding needs (a block
 * too large for the budget is coded a group of sub-blocks at a time, then its symbols are assembled from the
 * source a second time). The file holds stream bytes [base, end) at positions [0, end - base); what comes before
 * the block being coded is dropped, so the file holds one block, or while an unknown length is being sized, what
 * the block plan needs to see. Never holds the stream in memory: bytes pass through one small direct buffer.
 * Used by one thread.
 */
final class InputSpool implements AutoCloseable {
    /** Bytes moved through memory at once. */
    static final int BUFFER_BYTES = 1 << 20;
    /** Left-over bytes moved to the front of the file when a block is dropped; more stay where they are. */
    private static final long COMPACT_BYTES = 8L << 20;

    private final ReadableByteChannel in;
    private final String source;
    private final ScratchFile file;
    private final ByteBuffer buffer;
    private long base;
    private long end;
    private boolean ended;

    InputSpool(ReadableByteChannel in, String source, Path scratchDirectory) {
        this.in = in;
        this.source = source;
        this.file = new ScratchFile(scratchDirectory, "stream");
        try {
            this.buffer = DirectBuffers.allocate(BUFFER_BYTES);
        } catch (RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }

    /** The scratch file; position 0 holds stream byte {@link #base()}. */
    FileChannel channel() {
        return file.channel();
    }

    Path path() {
        return file.path();
    }

    long base() {
        return base;
    }

    /** Stream bytes read so far. */
    long end() {
        return end;
    }

    /** True once the stream has reported its end. */
    boolean ended() {
        return ended;
    }

    /** Reads until {@code upTo} stream bytes have been read or the stream ends; returns {@link #end()}. */
    long fill(long upTo) {
        try {
            while (end < upTo && !ended) {
                buffer.clear();
                buffer.limit((int) Math.min(BUFFER_BYTES, upTo - end));
                int n = in.read(buffer);
                if (n < 0) {
                    ended = true;
                } else if (n > 0) {
                    PositionalIo.write(file.channel(), end - base, buffer, 0, n, file);
                    end += n;
                }
            }
            return end;
        } catch (IOException e) {
            throw new RqlibIoException("reading " + source + " after " + end + " bytes", e);
        }
    }

    /** True when the stream has no byte past {@link #end()} (reads one more byte to find out). */
    boolean atEnd() {
        fill(end + 1);
        return ended;
    }

    /** Drops stream bytes before {@code from}: the file then starts at {@code from} when that is cheap. */
    void dropBefore(long from) {
        long keep = end - from;
        if (from <= base || keep > COMPACT_BYTES) {
            return;
        }
        buffer.clear();
        try {
            for (long done = 0; done < keep; done += BUFFER_BYTES) {
                int n = (int) Math.min(BUFFER_BYTES, keep - done);
                PositionalIo.read(file.channel(), from - base + done, buffer, 0, n, file);
                PositionalIo.write(file.channel(), done, buffer, 0, n, file);
            }
            file.channel().truncate(keep);
            base = from;
        } catch (IOException e) {
            throw new RqlibIoException("truncating " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            DirectBuffers.free(buffer);
        } finally {
            file.close();
        }
    }
}
