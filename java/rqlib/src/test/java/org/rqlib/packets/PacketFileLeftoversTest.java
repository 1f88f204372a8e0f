package org.rqlib.packets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.codec.Codec;
import org.rqlib.codec.Oti;
import org.rqlib.io.FileClaim;
import org.rqlib.kernel.Kernels;

/**
 * What a killed {@code rq packets encode} or {@code decode} leaves (issue 10, item 6): its hidden
 * {@code .NAME.<random>.part}, full size and held by no process after {@code kill -9}, is removed by the next run
 * writing the same target, as {@code rq decode} does; a {@code .part} a running job holds, and the {@code .part}
 * files of other targets, stay. Before, the leftover stayed for good.
 */
class PacketFileLeftoversTest {
    @TempDir
    Path dir;

    private final Codec codec = Codec.create(Kernels.selected());
    private final Oti oti = Oti.parseHex(String.format("%010x00%04x%02x%04x%02x", 20_000, 200, 1, 1, 8));

    @Test
    void aPartLeftByAKilledPacketDecodeIsRemovedByTheNextDecode() throws IOException {
        byte[] data = data();
        Path packets = dir.resolve("packets");
        new PacketFileEncoder(codec).encode(oti, dir.resolve("data"), packets, 10);
        Path target = Files.createDirectories(dir.resolve("target"));
        Path killed = target.resolve(".out.bin.4f2k9.part");
        Path other = target.resolve(".other.bin.4f2k9.part");
        Files.write(killed, new byte[data.length]);
        Files.write(other, new byte[10]);
        try (FileClaim running = FileClaim.createNew(target.resolve(".out.bin.running.part"), false)) {
            new PacketFileDecoder(codec).decode(oti, packets, target.resolve("out.bin"));
            assertTrue(Files.exists(running.file()), "a .part a running job holds was removed");
            running.closeAndDelete();
        }
        assertArrayEquals(data, Files.readAllBytes(target.resolve("out.bin")));
        assertEquals(List.of(".other.bin.4f2k9.part", "out.bin"), names(target),
                "left beside the output (another target's .part stays)");
    }

    @Test
    void aPartLeftByAKilledPacketEncodeIsRemovedByTheNextEncode() throws IOException {
        data();
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.write(target.resolve(".packets.zz.part"), new byte[1000]);
        new PacketFileEncoder(codec).encode(oti, dir.resolve("data"), target.resolve("packets"), 10);
        assertEquals(List.of("packets"), names(target));
    }

    private byte[] data() throws IOException {
        byte[] data = new byte[20_000];
        new Random(6).nextBytes(data);
        Files.write(dir.resolve("data"), data);
        return data;
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
