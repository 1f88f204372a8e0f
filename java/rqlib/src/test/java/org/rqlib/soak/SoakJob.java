package org.rqlib.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.rqlib.JobCancelledException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.api.EncodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.layout.Layout;
import org.rqlib.limits.JobControl;
import org.rqlib.properties.SymbolLoss;

/**
 * One soak iteration: a random file is encoded, its symbols are damaged one way (none, a recoverable loss,
 * recoverable corruption, or one symbol too many lost), and it is decoded; either job may be cancelled at a random
 * moment. Each outcome is checked against what must happen and tallied: verified, or lost with the reason. The
 * job's folder is removed at the end, so anything left in the soak folder afterwards is rqlib's.
 */
final class SoakJob {
    private final RaptorQ rq;
    private final Path work;
    private final ScheduledExecutorService canceller;
    private final SoakTally tally;

    SoakJob(RaptorQ rq, Path work, ScheduledExecutorService canceller, SoakTally tally) {
        this.rq = rq;
        this.work = work;
        this.canceller = canceller;
        this.tally = tally;
    }

    void run(Random random, String name) {
        Path dir = work.resolve(name);
        try {
            Files.createDirectories(dir);
            byte[] data = new byte[size(random)];
            random.nextBytes(data);
            Path input = Files.write(dir.resolve("in.bin"), data);
            Path encoded = dir.resolve("enc");
            Layout layout = encode(random, name, input, encoded);
            if (layout != null) {
                decode(random, name, data, encoded, layout, dir.resolve("out.bin"));
            }
            if (!Arrays.equals(data, Files.readAllBytes(input))) {
                tally.lost(name + ": the input changed");
            }
        } catch (IOException | RuntimeException e) {
            tally.lost(name + ": " + e);
        } finally {
            deleteTree(dir);
        }
    }

    private static int size(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return 1 + random.nextInt(4 << 20);
        }
        return kind < 6 ? 1 + random.nextInt(1 << 20) : 1 + random.nextInt(64 << 10);
    }

    /** Encodes; returns the layout, or null when the job ended here (cancelled, or lost). */
    private Layout encode(Random random, String name, Path input, Path encoded) {
        JobControl control = maybeCancelled(random);
        try {
            EncodeResult result = rq.encodeFile(input, encoded, control);
            if (!Files.isRegularFile(encoded.resolve(RaptorQ.LAYOUT_FILE))) {
                tally.lost(name + ": encode returned without a layout");
                return null;
            }
            tally.event("encoded");
            return result.layout();
        } catch (JobCancelledException e) {
            if (Files.exists(encoded)) {
                tally.lost(name + ": a cancelled encode left " + encoded);
            } else {
                tally.verified("encode cancelled, nothing left");
            }
            return null;
        }
    }

    private void decode(Random random, String name, byte[] data, Path encoded, Layout layout, Path output)
            throws IOException {
        int damage = random.nextInt(4);
        switch (damage) {
            case 1 -> tally.event("symbols deleted: " + (SymbolLoss.deleteRecoverable(encoded, layout, random) > 0));
            case 2 -> tally.event("symbols corrupted: " + (SymbolLoss.corruptRecoverable(encoded, layout, random) > 0));
            case 3 -> SymbolLoss.deleteTooMany(encoded, layout, random);
            default -> { }
        }
        JobControl control = maybeCancelled(random);
        try {
            rq.decodeFile(encoded, encoded.resolve(RaptorQ.LAYOUT_FILE), output, control);
            if (damage == 3) {
                tally.lost(name + ": decoded although K - 1 symbols of a source block remained");
            } else if (Arrays.equals(data, Files.readAllBytes(output))) {
                tally.verified("decoded identical");
            } else {
                tally.lost(name + ": decoded bytes differ from the input");
            }
        } catch (NotEnoughSymbolsException e) {
            if (damage != 3) {
                tally.lost(name + ": " + e.getMessage() + " with a recoverable loss");
            } else if (Files.exists(output)) {
                tally.lost(name + ": a failed decode left " + output);
            } else {
                tally.verified("not enough symbols, as expected");
            }
        } catch (JobCancelledException e) {
            if (Files.exists(output)) {
                tally.lost(name + ": a cancelled decode left " + output);
            } else {
                tally.verified("decode cancelled, nothing left");
            }
        }
    }

    /** One job in six is cancelled after 0 to 40 ms, wherever it is by then. */
    private JobControl maybeCancelled(Random random) {
        JobControl control = new JobControl(null);
        if (random.nextInt(6) == 0) {
            canceller.schedule(control::cancel, random.nextInt(40), TimeUnit.MILLISECONDS);
        }
        return control;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
