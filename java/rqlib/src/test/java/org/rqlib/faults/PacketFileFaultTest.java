package org.rqlib.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.codec.Codec;
import org.rqlib.codec.Oti;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.packets.PacketFileDecoder;
import org.rqlib.packets.PacketFileEncoder;

/**
 * Fault injection into the packet file encoder and decoder through {@link FaultyFileSystem}: an IOException at
 * every single operation of a clean run in turn (except listing the directory: that only sweeps what a killed run
 * left, a courtesy the job does not depend on, so its failure is ignored by design), and a disk that fills up after a random number of bytes. Each
 * failure must surface as an IOException (or an rqlib exception), leave the directory exactly as before (no
 * output, no temporary file) and the input untouched.
 */
class PacketFileFaultTest {
    private static final Codec CODEC = Codec.create(JavaSymbolKernel.INSTANCE);
    // two source blocks of 4 sub-blocks: several reads and writes per run
    private static final Oti OTI = new Oti(40_000, 1024, 2, 4, 8);
    /** Every operation a run depends on: all but the leftover sweep's directory listing. */
    private static final EnumSet<IoOperation> JOB_OPERATIONS = EnumSet.complementOf(EnumSet.of(IoOperation.LIST));

    @TempDir
    Path dir;

    @Test
    void encodeFailingAtEveryOperationLeavesNothing() throws IOException {
        byte[] data = data();
        Files.write(dir.resolve("data.bin"), data);
        long operations = cleanRun(plan -> encode(plan, 8));
        for (long n = 1; n <= operations; n++) {
            FaultPlan plan = new FaultPlan().failAt(n, JOB_OPERATIONS);
            expectCleanFailure("encode, fault at operation " + n, plan, () -> encode(plan, 8));
        }
    }

    @Test
    void decodeFailingAtEveryOperationLeavesNothing() throws IOException {
        Files.write(dir.resolve("data.bin"), data());
        encode(new FaultPlan(), 8);
        long operations = cleanRun(plan -> decode(plan));
        Files.deleteIfExists(dir.resolve("out.bin"));
        for (long n = 1; n <= operations; n++) {
            FaultPlan plan = new FaultPlan().failAt(n, JOB_OPERATIONS);
            expectCleanFailure("decode, fault at operation " + n, plan, () -> decode(plan));
        }
    }

    @Test
    void aDiskFillingUpAtARandomByteLeavesNothing() throws IOException {
        long seed = 20261125L;
        Random random = new Random(seed);
        Files.write(dir.resolve("data.bin"), data());
        encode(new FaultPlan(), 8);
        long packetBytes = Files.size(dir.resolve("out.packets"));
        Files.move(dir.resolve("out.packets"), dir.resolve("in.packets"));
        for (int i = 0; i < 20; i++) {
            long room = random.nextInt((int) Math.min(packetBytes, data().length));
            FaultPlan encodePlan = new FaultPlan().diskFullAfter(room);
            expectCleanFailure("encode, disk full after " + room + " bytes (seed " + seed + ")", encodePlan,
                    () -> encode(encodePlan, 8));
            FaultPlan decodePlan = new FaultPlan().diskFullAfter(room);
            expectCleanFailure("decode, disk full after " + room + " bytes (seed " + seed + ")", decodePlan,
                    () -> decodeFrom(decodePlan, "in.packets"));
        }
    }

    private interface Run {
        void run(FaultPlan plan) throws IOException;
    }

    private interface Action {
        void run() throws IOException;
    }

    private long cleanRun(Run run) throws IOException {
        FaultPlan counting = new FaultPlan();
        run.run(counting);
        long operations = JOB_OPERATIONS.stream().mapToLong(counting::count).sum();
        assertTrue(operations > 5, "too few operations to inject into: " + operations);
        return operations;
    }

    private void expectCleanFailure(String what, FaultPlan plan, Action action) throws IOException {
        DirectorySnapshot before = DirectorySnapshot.of(dir);
        try {
            action.run();
            fail(what + ": succeeded although a fault was injected (" + plan.injectedCount() + " faults)");
        } catch (IOException | org.rqlib.RqlibException e) {
            assertTrue(plan.injectedCount() > 0, what + ": failed without an injected fault: " + e);
        }
        assertEquals(before, DirectorySnapshot.of(dir), what + ": the directory changed");
    }

    private void encode(FaultPlan plan, int repair) throws IOException {
        FaultyFileSystem fs = FaultyFileSystem.with(plan);
        new PacketFileEncoder(CODEC).encode(OTI, fs.wrap(dir.resolve("data.bin")), fs.wrap(dir.resolve("out.packets")),
                repair);
    }

    private void decode(FaultPlan plan) throws IOException {
        decodeFrom(plan, "out.packets");
        assertArrayEquals(data(), Files.readAllBytes(dir.resolve("out.bin")));
    }

    private void decodeFrom(FaultPlan plan, String packets) throws IOException {
        FaultyFileSystem fs = FaultyFileSystem.with(plan);
        new PacketFileDecoder(CODEC).decode(OTI, fs.wrap(dir.resolve(packets)), fs.wrap(dir.resolve("out.bin")));
    }

    private static byte[] data() {
        byte[] data = new byte[40_000];
        new Random(6330).nextBytes(data);
        return data;
    }
}
