package org.rqlib.io;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.rqlib.store.SymbolStore;

/**
 * Hands an encode's symbols to a {@link SymbolStore}: assembles each symbol file (payload id, then the symbol),
 * names it and writes it. Thread-safe.
 */
public final class StoreSymbolSink implements SymbolSink {
    private final SymbolStore store;
    private final AtomicLong written = new AtomicLong();

    public StoreSymbolSink(SymbolStore store) {
        this.store = store;
    }

    @Override
    public String accept(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length) {
        String id = SymbolSink.symbolId(sbn, esi, symbol, offset, length);
        write(block, sbn, esi, symbol, offset, length, id);
        return id;
    }

    @Override
    public void acceptBand(int block, int sbn, int firstEsi, int count, ByteBuffer band, int offset, int length,
            String[] ids, int idsOffset) {
        // the whole band is named in one call of the selected hasher (native where the kernel is), as the
        // directory writer does, then each file is assembled and handed to the store
        String[] named = SymbolSink.symbolIds(sbn, firstEsi, count, band, offset, length);
        for (int j = 0; j < count; j++) {
            write(block, sbn, firstEsi + j, band, offset + j * length, length, named[j]);
            ids[idsOffset + j] = named[j];
        }
    }

    private void write(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length, String id) {
        ByteBuffer file = ByteBuffer.allocate(4 + length);
        file.putInt(SymbolSink.payloadId(sbn, esi)).put(symbol.slice(offset, length)).flip();
        store.writeSymbol(block, id, file.asReadOnlyBuffer());
        written.incrementAndGet();
    }

    /** Symbol files written so far. */
    public long written() {
        return written.get();
    }
}
