package org.rqlib.io;

import java.nio.ByteBuffer;

/** A sink that only names symbols, writing nothing: what {@code createMetadata} needs. Thread-safe. */
public final class SymbolIdSink implements SymbolSink {
    @Override
    public String accept(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length) {
        return SymbolSink.symbolId(sbn, esi, symbol, offset, length);
    }

    @Override
    public void acceptBand(int block, int sbn, int firstEsi, int count, ByteBuffer band, int offset, int length,
            String[] ids, int idsOffset) {
        String[] named = SymbolSink.symbolIds(sbn, firstEsi, count, band, offset, length);
        System.arraycopy(named, 0, ids, idsOffset, count);
    }
}
