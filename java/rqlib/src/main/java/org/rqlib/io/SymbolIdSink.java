package org.rqlib.io;

import java.nio.ByteBuffer;

/** A sink that only names symbols, writing nothing: what {@code createMetadata} needs. Thread-safe. */
public final class SymbolIdSink implements SymbolSink {
    @Override
    public void store(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length, String id) {
        // the id is all createMetadata keeps
    }
}
