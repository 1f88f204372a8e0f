package org.rqlib.stream;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.rqlib.io.PositionalIo;
import org.rqlib.io.ScratchFile;
import org.rqlib.kernel.DirectBuffers;

/**
 * Where the repair pieces of a source block coded in groups of sub-blocks wait until its symbols are assembled:
 * in memory when the job's budget holds them, else in a scratch file. Memory saves writing and reading back the
 * whole repair part of the block (1 GiB per 1 GiB block at redundancy 2) through the file system, where it also
 * competes with the symbol files for the disk's write-back. Positional access to disjoint ranges is thread-safe;
 * closing frees the memory or deletes the file.
 */
abstract class RepairPieces implements AutoCloseable {
    /** Bytes per direct buffer of the memory store: sizes the buffer cache reuses, far below 2 GiB. */
    static final int MEMORY_CHUNK = 64 << 20;

    abstract void write(long position, ByteBuffer src, int offset, int length);

    abstract void read(long position, ByteBuffer dst, int offset, int length);

    @Override
    public abstract void close();

    static RepairPieces inFile(Path directory) {
        return new InFile(new ScratchFile(directory, "repair"));
    }

    /** {@code bytes} of direct memory, which the caller has reserved from the governor. */
    static RepairPieces inMemory(long bytes) {
        return new InMemory(bytes);
    }

    private static final class InFile extends RepairPieces {
        private final ScratchFile scratch;

        InFile(ScratchFile scratch) {
            this.scratch = scratch;
        }

        @Override
        void write(long position, ByteBuffer src, int offset, int length) {
            PositionalIo.write(scratch.channel(), position, src, offset, length, scratch);
        }

        @Override
        void read(long position, ByteBuffer dst, int offset, int length) {
            PositionalIo.read(scratch.channel(), position, dst, offset, length, scratch);
        }

        @Override
        public void close() {
            scratch.close();
        }
    }

    private static final class InMemory extends RepairPieces {
        private final ByteBuffer[] chunks;

        InMemory(long bytes) {
            chunks = new ByteBuffer[(int) ((bytes + MEMORY_CHUNK - 1) / MEMORY_CHUNK)];
            try {
                for (int i = 0; i < chunks.length; i++) {
                    chunks[i] = DirectBuffers.allocate(Math.min(MEMORY_CHUNK, bytes - (long) i * MEMORY_CHUNK));
                }
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        @Override
        void write(long position, ByteBuffer src, int offset, int length) {
            forEachPiece(position, offset, length, (chunk, at, from, n) -> chunk.put(at, src, from, n));
        }

        @Override
        void read(long position, ByteBuffer dst, int offset, int length) {
            forEachPiece(position, offset, length, (chunk, at, to, n) -> dst.put(to, chunk, at, n));
        }

        /** {@code n} bytes at {@code at} in {@code chunk}, which are at {@code offset} in the caller's buffer. */
        private interface Piece {
            void copy(ByteBuffer chunk, int at, int offset, int n);
        }

        /** Cuts the range {@code position, length} at chunk boundaries, in order. */
        private void forEachPiece(long position, int offset, int length, Piece piece) {
            while (length > 0) {
                int at = (int) (position % MEMORY_CHUNK);
                int n = Math.min(length, MEMORY_CHUNK - at);
                piece.copy(chunks[(int) (position / MEMORY_CHUNK)], at, offset, n);
                position += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() {
            for (int i = 0; i < chunks.length; i++) {
                DirectBuffers.free(chunks[i]);
                chunks[i] = null;
            }
        }
    }
}
