package org.rqlib.layout;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.rqlib.api.RaptorQ;
import org.rqlib.chunking.OtiDerivation;

/**
 * Writes then reads back a layout of {@code args[0]} ids in {@code args[1]}, in whatever heap the JVM was given;
 * prints "ok IDS" when the ids read are the ids written. Run by {@link LargeLayoutTest} in a small heap.
 */
public final class LargeLayoutMain {
    private LargeLayoutMain() {
    }

    public static void main(String[] args) throws Exception {
        int ids = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        int kt = (int) OtiDerivation.derive(1L << 30, 65535).totalSymbols();
        Layout written = SyntheticLayouts.of(new Random(ids), 1, 1L << 30, ids - kt);
        String first = written.blocks().get(0).symbols().get(0);
        String last = written.blocks().get(0).symbols().get(ids - 1);
        try (OutputStream out = Files.newOutputStream(file)) {
            LayoutJson.write(written, out);
        }
        written = null;
        Layout read = RaptorQ.readLayout(file);
        BlockIds symbols = read.blocks().get(0).symbols();
        if (symbols.size() != ids || !symbols.get(0).equals(first) || !symbols.get(ids - 1).equals(last)) {
            throw new AssertionError("read " + symbols.size() + " ids, not the " + ids + " written");
        }
        System.out.println("ok " + symbols.size());
    }
}
