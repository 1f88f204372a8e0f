package org.rqlib.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Symbol files and layout on the Java heap: for tests, small objects, and as the model of a store. Holds every
 * symbol of every encode given to it, so it is bounded by the heap, not by rqlib's memory limit. Thread-safe.
 */
public final class MemorySymbolStore implements SymbolStore {
    private final Map<Integer, Map<String, byte[]>> blocks = new ConcurrentHashMap<>();
    private volatile byte[] layout;

    @Override
    public void writeSymbol(int block, String id, ByteBuffer file) {
        byte[] bytes = new byte[file.remaining()];
        file.duplicate().get(bytes);
        blocks.computeIfAbsent(block, b -> new ConcurrentHashMap<>()).put(id, bytes);
    }

    @Override
    public List<String> listSymbols(int block) {
        Map<String, byte[]> files = blocks.get(block);
        return files == null ? List.of() : List.copyOf(files.keySet());
    }

    @Override
    public int readSymbol(int block, String id, ByteBuffer dst) {
        Map<String, byte[]> files = blocks.get(block);
        byte[] bytes = files == null ? null : files.get(id);
        if (bytes == null) {
            return -1;
        }
        dst.put(bytes, 0, Math.min(bytes.length, dst.remaining()));
        return bytes.length;
    }

    /** Removes a symbol file, as a lost node would; returns whether it was there. */
    public boolean removeSymbol(int block, String id) {
        Map<String, byte[]> files = blocks.get(block);
        return files != null && files.remove(id) != null;
    }

    /** Block ids that hold at least one symbol. */
    public List<Integer> blocks() {
        return blocks.keySet().stream().sorted().toList();
    }

    @Override
    public void publishLayout(byte[] layoutJson) {
        layout = layoutJson.clone();
    }

    @Override
    public byte[] readLayout() {
        byte[] l = layout;
        return l == null ? null : l.clone();
    }

    @Override
    public void discard() {
        blocks.clear();
        layout = null;
    }

    @Override
    public String describe() {
        return "memory symbol store " + Integer.toHexString(System.identityHashCode(this));
    }
}
