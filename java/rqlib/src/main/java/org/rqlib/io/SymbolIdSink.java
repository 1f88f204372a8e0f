package org.rqlib.io;

import java.nio.ByteBuffer;

/** A sink that only names symbols, writing nothing: what {@code createMetadata} needs. Thread-safe. */
public final class SymbolIdSink implements SymbolSink {
    @Override
    public String accept(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length) {
        return SymbolSink.symbolId(sbn, esi, symbol, offset, length);
    }
}
