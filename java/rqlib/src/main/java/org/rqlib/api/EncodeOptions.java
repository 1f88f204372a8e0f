package org.rqlib.api;

import org.rqlib.chunking.LayoutSettings;

/**
 * Settings of one encode that override the instance's, as the original library's session lets each
 * {@code encode_file} call pick its block size: block size, symbol size and redundancy factor. What is not set
 * here comes from the {@link RaptorQ} instance. Immutable; {@code with...} returns a copy.
 *
 * <pre>{@code
 * rq.encodeFile(input, outDir, EncodeOptions.defaults().withBlockSize(1280L << 20).withRedundancyFactor(2), control);
 * }</pre>
 */
public final class EncodeOptions {
    private static final EncodeOptions DEFAULTS = new EncodeOptions(null, null, null);

    private final Integer symbolSize;
    private final Integer redundancyFactor;
    private final Long blockSize;

    private EncodeOptions(Integer symbolSize, Integer redundancyFactor, Long blockSize) {
        this.symbolSize = symbolSize;
        this.redundancyFactor = redundancyFactor;
        this.blockSize = blockSize;
    }

    /** Every setting from the instance. */
    public static EncodeOptions defaults() {
        return DEFAULTS;
    }

    /** The original's {@code symbol_size} for this encode. */
    public EncodeOptions withSymbolSize(int symbolSize) {
        return new EncodeOptions(symbolSize, redundancyFactor, blockSize);
    }

    /** The original's {@code redundancy_factor} for this encode. */
    public EncodeOptions withRedundancyFactor(int redundancyFactor) {
        return new EncodeOptions(symbolSize, redundancyFactor, blockSize);
    }

    /** Bytes per block for this encode (the original's {@code block_size} argument); 0 = automatic. */
    public EncodeOptions withBlockSize(long blockSize) {
        return new EncodeOptions(symbolSize, redundancyFactor, blockSize);
    }

    /**
     * The settings of an encode with these options over the instance's {@code defaults}; validated, so a bad
     * value fails here with {@link org.rqlib.InvalidParameterException} naming it.
     */
    public LayoutSettings applyTo(LayoutSettings defaults) {
        if (this == DEFAULTS) {
            return defaults;
        }
        return new LayoutSettings(symbolSize != null ? symbolSize : defaults.symbolSize(),
                redundancyFactor != null ? redundancyFactor : defaults.redundancyFactor(),
                blockSize != null ? blockSize : defaults.blockSize(), defaults.layoutMemoryBytes());
    }

    @Override
    public String toString() {
        return "EncodeOptions[symbolSize=" + (symbolSize == null ? "instance" : symbolSize) + ", redundancyFactor="
                + (redundancyFactor == null ? "instance" : redundancyFactor) + ", blockSize="
                + (blockSize == null ? "instance" : blockSize) + "]";
    }
}
