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
        ByteBuffer file = ByteBuffer.allocate(4 + length);
        file.putInt(SymbolSink.payloadId(sbn, esi)).put(symbol.slice(offset, length)).flip();
        String id = Blake3.id(file, 0, 4 + length);
        store.writeSymbol(block, id, file.asReadOnlyBuffer());
        written.incrementAndGet();
        return id;
    }

    /** Symbol files written so far. */
    public long written() {
        return written.get();
    }
}
