package org.rqlib.io;

import java.nio.ByteBuffer;

/**
 * Where a decode reads its symbol files from: a symbol directory ({@link DirectorySymbols}) or any
 * {@link org.rqlib.store.SymbolStore}. Every file it reports {@link SymbolDirectoryReader.Outcome#VALID} has been
 * checked: length 4 + T, BLAKE3-256 equal to its id, FEC payload id equal to the place the layout gives it.
 * Implementations are thread-safe and count what they saw.
 */
public interface SymbolSource {
    /**
     * Reads symbol file {@code id} of block {@code block} (expected: source block sbn, symbol esi, T bytes) into
     * {@code dst[offset, offset + 4 + T)}.
     */
    SymbolDirectoryReader.Outcome read(int block, String id, int sbn, int esi, int symbolSize, ByteBuffer dst,
            int offset);

    /** Symbol files read and found valid, so far. */
    long validCount();

    /** Symbol files listed in the layout but absent, so far. */
    long missingCount();

    /** Symbol files skipped because their bytes do not match their name or place, or could not be read, so far. */
    long corruptCount();

    /** Where the symbols are, for messages. */
    String describe();
}
