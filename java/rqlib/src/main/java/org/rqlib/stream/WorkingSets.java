package org.rqlib.stream;

import org.rqlib.codec.Codec;

/**
 * Bytes each unit of work holds, the numbers the governor is asked for. They count every direct buffer the unit
 * allocates plus the codec's working set, so the governor's accounting bounds the real off-heap use. Stateless.
 */
final class WorkingSets {
    /** Largest band of whole symbols assembled or scanned at once. */
    static final long BAND_BYTES = 4L << 20;
    /** Repair symbols generated per write to scratch, in bytes. */
    static final long REPAIR_CHUNK_BYTES = 1L << 20;
    /**
     * Symbols fed to a decoder beyond K: with K + 2 decoding fails with probability about 1e-6 (RFC 6330 5.8),
     * and K + 2 is what the decoder holds without growing its slab; on failure more are added.
     */
    static final int DECODE_MARGIN = 2;

    private WorkingSets() {
    }

    /** Symbols per band: at most BAND_BYTES and a quarter of the budget share of one thread. */
    static int bandSymbols(int symbolSize, long budget, int threads) {
        long bytes = Math.min(BAND_BYTES, budget / Math.max(1, threads) / 4);
        return (int) Math.max(1, bytes / symbolSize);
    }

    /** A band task: the band of whole symbols plus one run of pieces. */
    /**
     * Working memory per thread beyond which larger groups stop paying: a group's symbols are touched once per
     * plan operation, so groups that stay within a few tens of MiB run from cache-friendly, reused buffers,
     * while a whole 1 GiB block in memory streams from RAM on every operation (measured: 100 MiB at 2g encodes
     * faster in groups than whole). The output bytes do not depend on it.
     */
    static final long EFFICIENT_BYTES_PER_THREAD = 48L << 20;

    /** The part of the budget worth using at once with this many threads. */
    static long efficientBudget(long budget, int threads) {
        return Math.min(budget, EFFICIENT_BYTES_PER_THREAD * Math.max(1, threads));
    }

    static long bandBytes(int symbols, int symbolSize) {
        return 2L * symbols * symbolSize;
    }

    static int repairChunk(int repair, int width) {
        return (int) Math.max(1, Math.min(Math.max(1, repair), REPAIR_CHUNK_BYTES / width));
    }

    /**
     * Encoding a group of sub-blocks: the encoder, whose source symbols are read straight into it, and one repair
     * chunk. The staging buffer that interleaves a group of several sub-blocks is the reader's
     * ({@link #STAGING_BYTES}, one per source block).
     */
    static long encodeGroupBytes(int k, int width, int repair) {
        return Codec.encoderWorkingSetBytes(k, width, false) + (long) repairChunk(repair, width) * width;
    }

    /** Bytes read at once from a sub-block before its pieces are interleaved into the encoder's symbols. */
    static final int STAGING_BYTES = 1 << 20;

    /** The staging buffer of a source block of sub-symbols up to {@code maxPiece} bytes. */
    static int stagingBytes(int maxPiece) {
        return Math.max(STAGING_BYTES, maxPiece);
    }

    /**
     * Encoding a whole source block in memory, read straight into the encoder (through a staging buffer when it
     * has several sub-blocks), with {@code bands} band buffers for writing symbols.
     */
    static long encodeWholeBytes(int k, int symbolSize, boolean interleaved, int bandSymbols, int bands) {
        return Codec.encoderWorkingSetBytes(k, symbolSize) + (interleaved ? stagingBytes(symbolSize) : 0)
                + (long) bands * bandSymbols * symbolSize;
    }

    /**
     * Symbols of {@code width} bytes a decoding group of K symbols reads at once: at most a band, at most K, and
     * two runs (assembled symbols and the pieces read) at most {@link #REPAIR_CHUNK_BYTES}, the encoder's one
     * repair chunk.
     */
    static int decodeRunSymbols(int bandSymbols, int width, int k) {
        return (int) Math.max(1, Math.min(Math.min(bandSymbols, k), REPAIR_CHUNK_BYTES / 2 / width));
    }

    /**
     * Decoding a group: the decoder with room for the {@code received} symbols it is given (made for that many, so
     * it never grows), a run of assembled source symbols and a run of pieces read. The source symbols stay in the
     * output, where the recovered ones are written straight from the decoder: no copy of the group's sub-blocks,
     * so the smallest group (one sub-block of up to WS = 10 MiB) needs less to decode than to encode.
     */
    static long decodeGroupBytes(int k, int width, int received, int bandSymbols) {
        return Codec.decoderWorkingSetBytesWithRoom(k, width, received)
                + 2L * decodeRunSymbols(bandSymbols, width, k) * width;
    }
}
