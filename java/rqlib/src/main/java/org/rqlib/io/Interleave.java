package org.rqlib.io;

import java.nio.ByteBuffer;

/**
 * Moves sub-symbols between a sub-block's contiguous run (RFC 6330 4.4.1.2 keeps each sub-block contiguous) and
 * their places inside whole symbols laid out with a fixed stride. Stateless.
 */
public final class Interleave {
    private Interleave() {
    }

    /**
     * Copies {@code count} pieces of {@code width} bytes, contiguous in {@code run} from {@code runOffset}, to
     * {@code symbols} at {@code symbolsOffset + j * stride + pieceOffset} for piece j.
     */
    public static void scatter(ByteBuffer run, int runOffset, int count, int width, ByteBuffer symbols,
            int symbolsOffset, int stride, int pieceOffset) {
        if (width == stride && pieceOffset == 0) {
            symbols.put(symbolsOffset, run, runOffset, count * width);
            return;
        }
        for (int j = 0; j < count; j++) {
            symbols.put(symbolsOffset + j * stride + pieceOffset, run, runOffset + j * width, width);
        }
    }

    /** The reverse of {@link #scatter}: collects piece j from its symbol into the contiguous run. */
    public static void gather(ByteBuffer symbols, int symbolsOffset, int stride, int pieceOffset, int count,
            int width, ByteBuffer run, int runOffset) {
        if (width == stride && pieceOffset == 0) {
            run.put(runOffset, symbols, symbolsOffset, count * width);
            return;
        }
        for (int j = 0; j < count; j++) {
            run.put(runOffset + j * width, symbols, symbolsOffset + j * stride + pieceOffset, width);
        }
    }
}
