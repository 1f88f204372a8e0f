package org.rqlib.io;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.rqlib.store.SymbolStore;

/**
 * Hands an encode's symbols to a {@link SymbolStore}: assembles each symbol file (payload id, then the symbol),
 * names it and writes it. Thread-safe.
 */
public final class StoreSymbolSink implements SymbolSink {
    private final SymbolStore target;
    private final AtomicLong written = new AtomicLong();

    public StoreSymbolSink(SymbolStore store) {
        this.target = store;
    }

    @Override
    public void store(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length, String id) {
        ByteBuffer file = ByteBuffer.allocate(4 + length);
        file.putInt(SymbolSink.payloadId(sbn, esi)).put(symbol.slice(offset, length)).flip();
        target.writeSymbol(block, id, file.asReadOnlyBuffer());
        written.incrementAndGet();
    }

    /** Symbol files written so far. */
    public long written() {
        return written.get();
    }
}
