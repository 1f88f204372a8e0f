package org.rqlib.properties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutBlock;

/**
 * Deletes or corrupts symbol files per RFC source block, using the layout's order (per source block: K source ids,
 * then R repair ids). Used by the properties and the soak. Stateless.
 */
public final class SymbolLoss {
    private SymbolLoss() {
    }

    /** What to do to one symbol file. */
    private interface Damage {
        void apply(Path file) throws IOException;
    }

    /**
     * Deletes, in every source block, a random number of its K + R files up to {@code R - 2} (so K + 2 remain and
     * decoding fails with probability about 1e-6 only, RFC 6330 5.8); returns how many were deleted.
     */
    public static int deleteRecoverable(Path dir, Layout layout, Random random) throws IOException {
        return damageRecoverable(dir, layout, random, Files::delete);
    }

    /**
     * Flips one byte in each of a random number of files per source block, up to {@code R - 2} (the decoder skips
     * them by their BLAKE3, so K + 2 good ones remain); returns how many were corrupted.
     */
    public static int corruptRecoverable(Path dir, Layout layout, Random random) throws IOException {
        return damageRecoverable(dir, layout, random, file -> {
            byte[] bytes = Files.readAllBytes(file);
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            Files.write(file, bytes);
        });
    }

    private static int damageRecoverable(Path dir, Layout layout, Random random, Damage damage) throws IOException {
        int damaged = 0;
        for (LayoutBlock block : layout.blocks()) {
            ObjectPartition partition = new ObjectPartition(block.oti());
            int r = block.repairPerSourceBlock();
            int at = 0;
            for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
                int k = partition.symbolsInBlock(sbn);
                List<String> ids = new ArrayList<>(block.symbols().subList(at, at + k + r));
                at += k + r;
                Collections.shuffle(ids, random);
                int count = r <= 2 ? 0 : random.nextInt(r - 1);
                for (String id : ids.subList(0, count)) {
                    damage.apply(dir.resolve(block.directoryName()).resolve(id));
                    damaged++;
                }
            }
        }
        return damaged;
    }

    /** Deletes R + 1 files of source block 0 of the first block, leaving K - 1: the decode cannot succeed. */
    public static void deleteTooMany(Path dir, Layout layout, Random random) throws IOException {
        LayoutBlock block = layout.blocks().get(0);
        int k = new ObjectPartition(block.oti()).symbolsInBlock(0);
        List<String> ids = new ArrayList<>(block.symbols().subList(0, k + block.repairPerSourceBlock()));
        Collections.shuffle(ids, random);
        for (String id : ids.subList(0, block.repairPerSourceBlock() + 1)) {
            Files.delete(dir.resolve(block.directoryName()).resolve(id));
        }
    }
}
