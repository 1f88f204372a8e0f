package org.rqlib.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where the symbol files and the layout of an encoded file live: the SPI a storage node implements to keep symbols
 * in its own storage (a key-value store, an object store, a database) without touching the codec. rqlib computes
 * every id and checks every symbol it reads against its id, so a store only moves bytes.
 *
 * <p>A symbol file is the 4-byte FEC payload id then the T-byte symbol; its id is the base58 BLAKE3-256 of those
 * bytes, and the layout lists the ids per block. An encode calls {@link #writeSymbol} for every symbol (from
 * several threads at once), then {@link #publishLayout} once, last, only when every symbol is written: a store that
 * has a layout holds a complete encode. When an encode fails it calls {@link #discard()}. A decode reads the
 * layout, then symbols by id.
 *
 * <p>{@link DirectorySymbolStore} is the default, byte-compatible with the original library's directory;
 * {@link MemorySymbolStore} keeps everything on the heap. Implementations must be thread-safe.
 */
public interface SymbolStore {
    /**
     * Stores symbol file {@code id} of block {@code block}: the bytes from {@code file}'s position to its limit.
     * The buffer is only valid during the call; copy what you keep. Writing an id twice stores the same bytes.
     */
    void writeSymbol(int block, String id, ByteBuffer file);

    /** The ids of the symbol files stored for {@code block}, in any order; empty when there are none. */
    List<String> listSymbols(int block);

    /**
     * Reads symbol file {@code id} of block {@code block} into {@code dst} (at most {@code dst.remaining()} bytes,
     * from its position) and returns the file's whole length, or -1 when there is no such file. rqlib treats a
     * length other than 4 + T as a corrupt symbol.
     */
    int readSymbol(int block, String id, ByteBuffer dst);

    /** Stores the layout (the bytes of {@code _raptorq_layout.json}), after every symbol of the encode. */
    void publishLayout(byte[] layoutJson);

    /**
     * The layout bytes published, or {@code null} when this store has none.
     */
    byte[] readLayout();

    /** Removes what this store wrote for an encode that failed. Default: nothing. */
    default void discard() {
    }

    /** Where the symbols are, for messages. */
    default String describe() {
        return toString();
    }
}
