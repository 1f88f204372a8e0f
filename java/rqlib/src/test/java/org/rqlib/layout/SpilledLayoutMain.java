package org.rqlib.layout;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.rqlib.io.SymbolIdSpill;
import org.rqlib.limits.JobControl;

/**
 * Makes a layout of {@code args[0]} blocks of 1 GiB (symbol size 65535: 16,387 source and 49,152 repair ids, 65,539
 * ids each) with its ids in a spill file, writes it to {@code args[1]}/written.json, reads that back into a second
 * spill with at most {@code args[2]} bytes of ids in the heap, writes it again to read.json, and prints "ok IDS"
 * when both texts are the same bytes and no spill file is left. Run by {@link LargeLayoutTest} in a heap far
 * smaller than the ids.
 */
public final class SpilledLayoutMain {
    private SpilledLayoutMain() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        long maxIdBytes = Long.parseLong(args[2]);
        Path written = dir.resolve("written.json");
        Path read = dir.resolve("read.json");
        long ids;
        String lastId;
        try (SymbolIdSpill spill = new SymbolIdSpill(dir, 0)) {
            Layout layout = SyntheticLayouts.of(new Random(blocks), blocks, 1L << 30, 49_152, spill);
            ids = spill.spilledIds();
            write(layout, written);
            BlockIds last = layout.blocks().get(blocks - 1).symbols();
            lastId = last.get(last.size() - 1);
        }
        try (SymbolIdSpill spill = new SymbolIdSpill(dir, 0)) {
            Layout layout = LayoutJson.read(written, JobControl.none(), maxIdBytes, spill);
            if (spill.spilledIds() != ids || spill.heapIds() != 0) {
                throw new AssertionError("read " + spill.spilledIds() + " ids into the spill, not " + ids);
            }
            BlockIds last = layout.blocks().get(blocks - 1).symbols();
            if (!last.get(last.size() - 1).equals(lastId)) {
                throw new AssertionError("last id read " + last.get(last.size() - 1) + ", not " + lastId);
            }
            write(layout, read);
        }
        long mismatch = Files.mismatch(written, read);
        if (mismatch != -1) {
            throw new AssertionError("the layout written again differs at byte " + mismatch);
        }
        try (var files = Files.list(dir)) {
            long left = files.filter(p -> p.getFileName().toString().startsWith(".rqlib-scratch-")).count();
            if (left != 0) {
                throw new AssertionError(left + " spill files left in " + dir);
            }
        }
        System.out.println("ok " + ids + " ids, " + Files.size(written) + " bytes");
    }

    private static void write(Layout layout, Path file) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            LayoutJson.write(layout, out);
        }
    }
}
