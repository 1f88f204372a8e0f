package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.codec.Codec;
import org.rqlib.codec.Oti;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.packets.PacketFileDecoder;

/**
 * Fuzzes {@link PacketFileDecoder} with mutated packet files (and now and then a mutated OTI). Whatever happens,
 * the directory holds only the packet file and, after a success, the output: never a temporary file, never a
 * partial output. The packet file itself is never changed. A success from genuine packets gives the object.
 */
class PacketFileFuzzTest {
    private static final List<VectorCorpus.Vector> VECTORS = VectorCorpus.smallVectors();
    private static final List<byte[]> PACKETS = VectorCorpus.packets();
    private static final GenuineSymbols ORACLE = new GenuineSymbols();
    private static final PacketFileDecoder DECODER = new PacketFileDecoder(Codec.create(JavaSymbolKernel.INSTANCE));

    @TempDir
    Path dir;

    @AfterAll
    static void closeOracle() {
        ORACLE.close();
    }

    @Test
    void mutatedPacketFilesDecodeOrFailCleanly() {
        FuzzReport report = new FuzzHarness("packet-file", FuzzBudget.forTarget(1500), 10_000).run(this::input);
        assertTrue(report.findings().isEmpty(), report.details());
        assertTrue(report.passed() > 0, "no packet file decoded at all");
    }

    private void input(Random random, FuzzSample sample) throws IOException {
        VectorCorpus.Vector vector = VECTORS.get(random.nextInt(VECTORS.size()));
        byte[] file = subset(vector, random);
        boolean mutated = random.nextInt(3) > 0;
        if (mutated) {
            file = Mutator.mutate(file, PACKETS, random);
        }
        Oti oti = vector.oti();
        if (random.nextInt(8) == 0) {
            byte[] otiBytes = Mutator.mutate(oti.toBytes(), VectorCorpus.otis(), random);
            try {
                oti = Oti.parse(otiBytes);
            } catch (org.rqlib.InvalidParameterException e) {
                // keep the vector's OTI: this input is about the packets
            }
        }
        sample.bytes(file);
        sample.describe(vector.name() + ", " + oti + ", " + file.length + " bytes");
        Path packets = dir.resolve("in.packets");
        Path output = dir.resolve("out.bin");
        Files.deleteIfExists(output);
        Files.write(packets, file);
        try {
            DECODER.decode(oti, packets, output);
            assertEquals(oti.transferLength(), Files.size(output));
            if (oti.equals(vector.oti()) && allGenuine(vector, file)) {
                assertArrayEquals(vector.data(), Files.readAllBytes(output), "decoded from genuine packets");
            }
        } catch (RuntimeException e) {
            assertFalse(Files.exists(output), "a failed decode left its output: " + e);
            throw e;
        } finally {
            assertArrayEquals(file, Files.readAllBytes(packets), "the packet file changed");
            try (Stream<Path> left = Files.list(dir)) {
                List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
                assertTrue(names.equals(List.of("in.packets")) || names.equals(List.of("in.packets", "out.bin")),
                        "left behind: " + names);
            }
        }
    }

    private static boolean allGenuine(VectorCorpus.Vector vector, byte[] file) {
        int size = vector.packetSize();
        if (file.length % size != 0) {
            return false;
        }
        for (int at = 0; at < file.length; at += size) {
            int esi = ((file[at + 1] & 0xFF) << 16) | ((file[at + 2] & 0xFF) << 8) | (file[at + 3] & 0xFF);
            if (file[at] != 0
                    || !Arrays.equals(Arrays.copyOfRange(file, at + 4, at + size), ORACLE.symbol(vector, 0, esi))) {
                return false;
            }
        }
        return true;
    }

    /** A shuffled subset of the vector's packets: K-2 to all of them. */
    private static byte[] subset(VectorCorpus.Vector vector, Random random) {
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < vector.packetCount(); i++) {
            packets.add(vector.packet(i));
        }
        Collections.shuffle(packets, random);
        int keep = Math.max(1, vector.packetCount() - random.nextInt(Math.min(vector.packetCount(), 8)));
        return Mutator.concat(packets.subList(0, keep).toArray(new byte[0][]));
    }
}
