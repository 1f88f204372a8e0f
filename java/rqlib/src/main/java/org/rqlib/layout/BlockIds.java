package org.rqlib.layout;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The symbol ids of one layout block, as Base58 text, wherever the job keeps them: in the heap ({@link SymbolIds})
 * or in a region of a spill file on disk, so that the heap a job needs does not grow with the file's size (a 20
 * GiB encode lists about a million ids, 31 MB). Code that works on a block's ids {@link #load()}s them once; the
 * list view reads them one at a time. Thread-safety: as the implementation says.
 */
public abstract class BlockIds extends AbstractList<String> implements RandomAccess {
    protected BlockIds() {
    }

    /** The ids in the heap: this when they already are, else a copy read from where they are kept. */
    public abstract SymbolIds load();
}
