package org.rqlib.io;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.rqlib.layout.BlockIdStore;
import org.rqlib.layout.BlockIds;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;

/**
 * Keeps a job's layout ids in the heap up to a threshold and the ids of every further block in a scratch file
 * (32 bytes an id, one region per block, read back with positional reads), so that the heap a job needs does not
 * grow with the file: a 20 GiB encode at rf 2 lists 655,520 ids (21 MB). The file is made on the first block that
 * goes there, in the job's scratch directory, and deleted by {@link #close()}, which the job calls however it
 * ends; one left by a {@code kill -9} is a {@link ScratchFile} like any other, removed by the next job there.
 * After close the spilled blocks still know how many ids they have, but reading them throws
 * {@link IllegalStateException}. Thread-safe: blocks finish on several threads.
 */
public final class SymbolIdSpill implements BlockIdStore, AutoCloseable {
    /** Ids copied between the heap and the file at a time: one page of {@link SymbolIds}, 128 KiB. */
    static final int IDS_PER_TRANSFER = 4096;

    private final Path directory;
    private final long heapLimitIds;
    private ScratchFile file;
    private long heapIds;
    private long spilledIds;
    private long end;
    private boolean closed;

    /**
     * A store that keeps up to {@code heapLimitIds} ids in the heap and spills the blocks beyond into a scratch
     * file in {@code directory}; {@link Long#MAX_VALUE} never spills and never makes a file.
     */
    public SymbolIdSpill(Path directory, long heapLimitIds) {
        this.directory = directory;
        this.heapLimitIds = heapLimitIds;
    }

    @Override
    public LayoutBlock keep(LayoutBlock block) {
        int count = block.symbols().size();
        long offset;
        ScratchFile target;
        synchronized (this) {
            checkOpen();
            if (heapIds + count <= heapLimitIds) {
                heapIds += count;
                return block;
            }
            if (file == null) {
                // a spill left by a killed job in this directory goes first (no process holds its lock)
                ScratchFile.removeAbandoned(directory);
                file = new ScratchFile(directory, "ids");
            }
            target = file;
            offset = end;
            end += (long) count * SymbolIds.BYTES_PER_ID;
            spilledIds += count;
        }
        // regions are disjoint, so blocks finishing on several threads write at once; close waits for none of
        // them because a job closes its spill only after its blocks are done
        write(target, offset, block.symbols().load());
        return block.withSymbols(new Spilled(offset, count));
    }

    @Override
    public synchronized long heapIds() {
        return heapIds;
    }

    /** Ids moved to the file so far. */
    public synchronized long spilledIds() {
        return spilledIds;
    }

    /** The spill file, or null while nothing has been spilled. */
    public synchronized Path path() {
        return file == null ? null : file.path();
    }

    private static void write(ScratchFile file, long offset, SymbolIds ids) {
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(ids.size(), IDS_PER_TRANSFER) * SymbolIds.BYTES_PER_ID);
        for (int from = 0; from < ids.size(); from += IDS_PER_TRANSFER) {
            int n = Math.min(IDS_PER_TRANSFER, ids.size() - from);
            chunk.clear();
            ids.putDigests(from, n, chunk);
            PositionalIo.write(file.channel(), offset + (long) from * SymbolIds.BYTES_PER_ID, chunk, 0,
                    n * SymbolIds.BYTES_PER_ID, file);
        }
    }

    private synchronized ScratchFile openFile() {
        checkOpen();
        return file;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the symbol ids this job spilled to " + (file == null ? directory
                    : file.path()) + " were removed when the job ended; read them from the layout file");
        }
    }

    /** Deletes the spill file; spilled blocks can no longer be read. Idempotent. */
    @Override
    public void close() {
        ScratchFile toDelete;
        synchronized (this) {
            closed = true;
            toDelete = file;
        }
        if (toDelete != null) {
            toDelete.close();
        }
    }

    /** The ids of one spilled block: a region of the file, read back on demand. */
    private final class Spilled extends BlockIds {
        private final long offset;
        private final int size;

        Spilled(long offset, int size) {
            this.offset = offset;
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public String get(int index) {
            java.util.Objects.checkIndex(index, size);
            ScratchFile source = openFile();
            ByteBuffer digest = ByteBuffer.allocate(SymbolIds.BYTES_PER_ID);
            PositionalIo.read(source.channel(), offset + (long) index * SymbolIds.BYTES_PER_ID, digest, 0,
                    SymbolIds.BYTES_PER_ID, source);
            return Base58.encode(digest.array());
        }

        /** Does not read the ids: they may be gone, and a message naming a block should not fail for it. */
        @Override
        public String toString() {
            return "[" + size + " ids spilled at byte " + offset + " of " + directory + "]";
        }

        /** One read per 4096 ids into a fresh {@link SymbolIds}: the block's ids, in the heap while it is coded. */
        @Override
        public SymbolIds load() {
            ScratchFile source = openFile();
            SymbolIds.Builder ids = new SymbolIds.Builder();
            ByteBuffer chunk = ByteBuffer.allocate(Math.min(size, IDS_PER_TRANSFER) * SymbolIds.BYTES_PER_ID);
            for (int from = 0; from < size; from += IDS_PER_TRANSFER) {
                int bytes = Math.min(IDS_PER_TRANSFER, size - from) * SymbolIds.BYTES_PER_ID;
                chunk.clear();
                PositionalIo.read(source.channel(), offset + (long) from * SymbolIds.BYTES_PER_ID, chunk, 0, bytes,
                        source);
                chunk.limit(bytes);
                ids.addDigests(chunk);
            }
            return ids.build();
        }
    }
}
