package org.rqlib.api;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.ResourceLimitException;
import org.rqlib.limits.HeapBudget;
import org.rqlib.limits.JobControl;

/**
 * In a heap too small for a layout's ids (run by {@link SpilledAdmissionTest} with -Xmx24m): a 256 MiB file at
 * symbol size 1024, redundancy 2 and blocks of 4 MiB lists 524,288 ids (16 MiB of digests) in blocks of 8,192.
 * Metadata that hands the caller every id is refused for them; metadata and decode that spill them are admitted
 * (the decode, of a directory without symbols, then fails for want of symbols, not of heap). Prints one "ok"
 * line per check, then "done".
 */
public final class SpilledAdmissionMain {
    private SpilledAdmissionMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path input = TestFiles.random(work, "in.bin", 256L << 20, 41);
        long ids = 524_288;
        long capacity = HeapBudget.jvm().capacity();
        if (ids * 32 <= capacity) {
            throw new AssertionError("the heap budget of " + capacity + " bytes holds all " + ids + " ids");
        }
        try (RaptorQ rq = RaptorQ.builder().symbolSize(1024).redundancyFactor(2).blockSize(4L << 20)
                .memoryLimit(48L << 20).threads(2).scratchDirectory(work).build()) {
            try {
                rq.createMetadata(input);
                throw new AssertionError("metadata kept in the heap was admitted");
            } catch (ResourceLimitException expected) {
                if (!expected.getMessage().contains("16 MiB for the layout's symbol ids")) {
                    throw new AssertionError("refused for something else: " + expected.getMessage(), expected);
                }
                System.out.println("ok in-heap metadata refused: " + expected.getMessage());
            }
            Path layout = work.resolve("layout.json");
            long symbols = RaptorQ.symbolCount(rq.createMetadata(input, layout, JobControl.none()));
            if (symbols != ids) {
                throw new AssertionError(symbols + " ids, not " + ids);
            }
            System.out.println("ok spilled metadata of " + symbols + " ids, " + Files.size(layout) + " bytes");
            Path noSymbols = Files.createDirectories(work.resolve("empty"));
            try {
                rq.decodeFile(noSymbols, layout, work.resolve("out.bin"), JobControl.none());
                throw new AssertionError("a decode without symbols succeeded");
            } catch (NotEnoughSymbolsException expected) {
                System.out.println("ok spilled decode admitted: " + expected.getMessage());
            }
        }
        try (var files = Files.list(work)) {
            long left = files.filter(p -> p.getFileName().toString().startsWith(".rqlib-scratch-")).count();
            if (left != 0) {
                throw new AssertionError(left + " scratch files left in " + work);
            }
        }
        System.out.println("done");
    }
}
