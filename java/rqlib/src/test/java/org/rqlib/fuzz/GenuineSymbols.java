package org.rqlib.fuzz;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.rqlib.codec.Codec;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SourceBlockEncoder;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * The fuzz oracle: the true symbol for any (SBN, ESI) of a vector, so a target can tell whether every symbol a
 * decoder kept was genuine (then its output must be the object) or not (then any output, or a typed error, is
 * acceptable: RaptorQ itself cannot detect a corrupt symbol). Encoders stay open for the test's lifetime. Not
 * thread-safe.
 */
final class GenuineSymbols implements AutoCloseable {
    private final Map<String, SourceBlockEncoder[]> encoders = new HashMap<>();
    private final Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);

    byte[] symbol(VectorCorpus.Vector vector, int sbn, int esi) {
        SourceBlockEncoder[] blocks = encoders.computeIfAbsent(vector.name(),
                n -> new SourceBlockEncoder[vector.oti().sourceBlocks()]);
        if (blocks[sbn] == null) {
            ObjectPartition partition = new ObjectPartition(vector.oti());
            ByteBuffer data = ByteBuffer.wrap(vector.data());
            blocks[sbn] = SourceBlockEncoder.encode(codec, partition, sbn, data, (int) partition.blockOffset(sbn));
        }
        ByteBuffer symbol = ByteBuffer.allocate(vector.oti().symbolSize());
        blocks[sbn].writeSymbols(esi, 1, symbol, 0);
        return symbol.array();
    }

    @Override
    public void close() {
        encoders.values().forEach(blocks -> {
            for (SourceBlockEncoder encoder : blocks) {
                if (encoder != null) {
                    encoder.close();
                }
            }
        });
    }
}
