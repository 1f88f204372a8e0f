package org.rqlib.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rqlib.chunking.OtiDerivation;
import org.rqlib.codec.Oti;
import org.rqlib.io.Base58;

/** Well-formed layouts of any size, with random digests as ids: for tests and fuzz targets of the layout code. */
public final class SyntheticLayouts {
    private SyntheticLayouts() {
    }

    /**
     * A layout of {@code blocks} blocks of {@code blockBytes} bytes each (symbol size 65535), each listing its
     * source ids plus {@code repairPerSourceBlock} repair ids per source block.
     */
    public static Layout of(Random random, int blocks, long blockBytes, int repairPerSourceBlock) {
        return of(random, blocks, blockBytes, repairPerSourceBlock, BlockIdStore.inHeap());
    }

    /** {@link #of(Random, int, long, int)} with each block kept in {@code store} as soon as it is made. */
    public static Layout of(Random random, int blocks, long blockBytes, int repairPerSourceBlock,
            BlockIdStore store) {
        List<LayoutBlock> list = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            Oti oti = OtiDerivation.derive(blockBytes, 65535);
            long count = oti.totalSymbols() + (long) oti.sourceBlocks() * repairPerSourceBlock;
            SymbolIds.Builder ids = new SymbolIds.Builder(Math.toIntExact(count));
            byte[] digest = new byte[32];
            for (int i = 0; i < count; i++) {
                random.nextBytes(digest);
                ids.set(i, digest);
            }
            random.nextBytes(digest);
            list.add(store.keep(new LayoutBlock(b, oti, b * blockBytes, blockBytes, ids.build(),
                    Base58.encode(digest))));
        }
        return new Layout(list);
    }

    /** A valid one-block layout whose first symbol id is replaced by {@code id} (written raw, JSON-escaped). */
    public static String withFirstId(String id) {
        Layout layout = of(new Random(1), 1, 100_000, 2);
        String json = new String(LayoutJson.write(layout), java.nio.charset.StandardCharsets.UTF_8);
        String first = layout.blocks().get(0).symbols().get(0);
        return json.replace("\"" + first + "\"", "\"" + id + "\"");
    }
}
