package org.rqlib.layout;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.rqlib.LayoutException;
import org.rqlib.limits.JobControl;

/**
 * The bytes of a layout being parsed, with a cap that grows only with what the parser has accepted: a base for
 * the document and the parser's read-ahead, plus an allowance per block and per id. A layout is thus read in
 * time and memory proportional to the blocks and ids it really lists: a stream of whitespace, {@code /dev/zero}
 * or a 10 MB string is cut off after a few hundred kilobytes. Checks for cancellation on every read. Failures of
 * the underlying stream come out as {@link UncheckedIOException}, which the parser does not mistake for bad JSON.
 * Not thread-safe.
 */
final class CappedInput extends FilterInputStream {
    /** What any document may read before its first block: the root object, slack for the parser's buffer. */
    static final long BASE_BYTES = 64 << 10;
    /** Allowance per block: its fields and OTI, generously indented. */
    static final long BYTES_PER_BLOCK = 4 << 10;
    /** Allowance per id: 44 characters, quotes, comma, and four times the canonical indentation. */
    static final long BYTES_PER_ID = 256;

    private final JobControl control;
    private long cap = BASE_BYTES;
    private long consumed;

    CappedInput(InputStream in, JobControl control) {
        super(in);
        this.control = control;
    }

    void allowBlock() {
        cap += BYTES_PER_BLOCK;
    }

    void allowIds(long ids) {
        cap += ids * BYTES_PER_ID;
    }

    long consumed() {
        return consumed;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        control.checkCancelled();
        long left = cap - consumed;
        if (left <= 0) {
            throw new LayoutException("(document)", "more than " + cap + " bytes for what it lists so far: padding"
                    + " or an endless value, refused (a layout may use " + BASE_BYTES + " bytes plus "
                    + BYTES_PER_BLOCK + " per block and " + BYTES_PER_ID + " per symbol id)");
        }
        try {
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                consumed += n;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("the layout parser reads, it does not skip");
    }
}
