package org.rqlib.layout;

/** {@link BlockIdStore#inHeap()}: keeps every block as it is and counts its ids. Thread-safe. */
final class HeapIdStore implements BlockIdStore {
    private long ids;

    @Override
    public synchronized LayoutBlock keep(LayoutBlock block) {
        ids += block.symbols().size();
        return block;
    }

    @Override
    public synchronized long heapIds() {
        return ids;
    }
}
