package org.rqlib.io;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A symbol directory as a {@link SymbolSource}: every check and count is {@link SymbolDirectoryReader}'s. */
public final class DirectorySymbols implements SymbolSource {
    private final SymbolDirectoryReader reader;

    public DirectorySymbols(SymbolDirectoryReader reader) {
        this.reader = reader;
    }

    public DirectorySymbols(Path directory) {
        this(new SymbolDirectoryReader(directory));
    }

    @Override
    public SymbolDirectoryReader.Outcome read(int block, String id, int sbn, int esi, int symbolSize, ByteBuffer dst,
            int offset) {
        return reader.read("block_" + block, id, sbn, esi, symbolSize, dst, offset);
    }

    @Override
    public long validCount() {
        return reader.validCount();
    }

    @Override
    public long missingCount() {
        return reader.missingCount();
    }

    @Override
    public long corruptCount() {
        return reader.corruptCount();
    }

    @Override
    public String describe() {
        return reader.directory().toString();
    }
}
