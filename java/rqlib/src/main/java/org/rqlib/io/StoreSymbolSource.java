package org.rqlib.io;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.rqlib.io.SymbolDirectoryReader.Outcome;
import org.rqlib.store.SymbolStore;

/**
 * Reads a decode's symbols from a {@link SymbolStore} and checks each as a symbol directory's are: length 4 + T,
 * BLAKE3 equal to its id, payload id equal to its place. A file failing a check, or whose reading throws, is
 * counted as corrupt and skipped: the block still decodes from the others. Thread-safe.
 */
public final class StoreSymbolSource implements SymbolSource {
    private final SymbolStore store;
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();

    public StoreSymbolSource(SymbolStore store) {
        this.store = store;
    }

    @Override
    public Outcome read(int block, String id, int sbn, int esi, int symbolSize, ByteBuffer dst, int offset) {
        int length = 4 + symbolSize;
        int found;
        try {
            found = store.readSymbol(block, id, dst.slice(offset, length));
        } catch (RuntimeException e) {
            corrupt.incrementAndGet();
            return Outcome.CORRUPT;
        }
        if (found < 0) {
            missing.incrementAndGet();
            return Outcome.MISSING;
        }
        if (found != length || !Blake3.id(dst, offset, length).equals(id)
                || dst.getInt(offset) != SymbolSink.payloadId(sbn, esi)) {
            corrupt.incrementAndGet();
            return Outcome.CORRUPT;
        }
        valid.incrementAndGet();
        return Outcome.VALID;
    }

    @Override
    public long validCount() {
        return valid.get();
    }

    @Override
    public long missingCount() {
        return missing.get();
    }

    @Override
    public long corruptCount() {
        return corrupt.get();
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
