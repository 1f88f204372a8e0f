package org.rqlib;

/**
 * Decoding a source block needs more symbols than were given (or the given ones were linearly dependent).
 * Names the block and how many more symbols are needed at least.
 */
public class NotEnoughSymbolsException extends RqlibException {
    private static final long serialVersionUID = 1L;

    private final String block;
    private final int received;
    private final int moreNeeded;

    public NotEnoughSymbolsException(String block, int received, int moreNeeded) {
        super("not enough symbols to decode " + block + ": have " + received + " usable, need at least "
                + moreNeeded + " more");
        this.block = block;
        this.received = received;
        this.moreNeeded = moreNeeded;
    }

    /** Which block failed, e.g. {@code "source block 2"} or {@code "block_0 source block 1"}. */
    public String block() {
        return block;
    }

    public int received() {
        return received;
    }

    /** The least number of additional symbols with which the decode can succeed. */
    public int moreNeeded() {
        return moreNeeded;
    }
}
