package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectPartitionTest {

    static java.util.List<String> vectors() {
        return ConformanceVector.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void blockSizesMatchTheVectors(String name) {
        ConformanceVector vector = ConformanceVector.load(name);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        var blocks = vector.meta().get("blocks");
        assertEquals(blocks.size(), partition.sourceBlockCount());
        for (int sbn = 0; sbn < blocks.size(); sbn++) {
            assertEquals(blocks.get(sbn).get("source_symbols").asInt(), partition.symbolsInBlock(sbn), name);
        }
    }

    /** RFC 6330 4.4.1.2: blocks tile the object, sub-symbols tile the symbol, every size a multiple of Al. */
    @Property(tries = 300, seed = "6330")
    void blocksAndSubBlocksTile(@ForAll @LongRange(min = 1, max = 50_000_000) long f,
            @ForAll @IntRange(min = 1, max = 64) int alignmentUnits, @ForAll @IntRange(min = 1, max = 255) int z,
            @ForAll @IntRange(min = 1, max = 64) int n, @ForAll @IntRange(min = 1, max = 8) int al) {
        int t = Math.min(65535 / al, alignmentUnits * n) * al;
        long kt = (f + t - 1) / t;
        if (z > kt || n > t / al || (kt + z - 1) / z > SystematicIndices.MAX_K_PRIME) {
            return;
        }
        ObjectPartition partition = new ObjectPartition(new Oti(f, t, z, n, al));
        long symbols = 0;
        long expectedOffset = 0;
        for (int sbn = 0; sbn < z; sbn++) {
            assertEquals(expectedOffset, partition.blockOffset(sbn));
            symbols += partition.symbolsInBlock(sbn);
            expectedOffset += (long) partition.symbolsInBlock(sbn) * t;
            assertEquals(Math.min((long) partition.symbolsInBlock(sbn) * t, f - partition.blockOffset(sbn)),
                    partition.blockLength(sbn));
        }
        assertEquals(kt, symbols);
        int subSymbolBytes = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(subSymbolBytes, partition.subSymbolOffset(i));
            assertEquals(0, partition.subSymbolSize(i) % al);
            subSymbolBytes += partition.subSymbolSize(i);
        }
        assertEquals(t, subSymbolBytes);
    }
}
