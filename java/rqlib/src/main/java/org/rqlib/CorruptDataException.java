package org.rqlib;

/**
 * Data on disk is not what its name or the layout says: a symbol file whose BLAKE3 does not match its id, or a
 * decoded block whose hash differs from the layout's. Names the file or block.
 */
public class CorruptDataException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }
}
