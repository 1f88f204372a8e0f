package org.rqlib.layout;

/**
 * Where a job keeps the ids of the layout blocks it is not working on: each block, once its ids are known (coded,
 * or read from the layout file), is handed to {@link #keep} and the job holds what it returns. {@link #inHeap()}
 * keeps every id in the heap; a spill file (JVM only, {@code org.rqlib.io.SymbolIdSpill}) moves them to disk
 * beyond a threshold. Implementations are thread-safe: blocks of one job finish on several threads.
 */
public interface BlockIdStore {
    /** The block as the job keeps it: {@code block} itself, or the same block with its ids moved out of the heap. */
    LayoutBlock keep(LayoutBlock block);

    /** Ids kept in the heap so far (not counting blocks still being worked on). */
    long heapIds();

    /** A store that keeps every id in the heap: what a layout handed to the caller needs. */
    static BlockIdStore inHeap() {
        return new HeapIdStore();
    }

}
