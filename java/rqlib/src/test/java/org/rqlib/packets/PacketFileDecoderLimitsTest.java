package org.rqlib.packets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.codec.Codec;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SolveGate;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.kernel.Kernels;
import org.rqlib.kernel.SymbolBufferAllocator;

/**
 * {@code rq packets decode} against OTIs that claim far more than the file holds (issue 10, item 5): memory must
 * follow the packets received. Before, a 196 KB file whose OTI claimed a 3.5 GB block reserved the whole block
 * (5.9 GB of RSS), and one packet of a 3 GiB source block of two sub-blocks allocated 2.2 GB and died with an
 * OutOfMemoryError; the test JVM has 1 GiB of direct memory, so either would fail here.
 */
class PacketFileDecoderLimitsTest {
    @TempDir
    Path dir;

    private final Codec codec = Codec.create(Kernels.selected());

    private static Oti oti(long f, int t, int z, int n) {
        return Oti.parseHex(String.format("%010x00%04x%02x%04x%02x", f, t, z, n, 8));
    }

    /** Three packets of T = 65528 (196 KB) under an OTI of one 3.5 GB block (K = 56403). */
    @Test
    void hostileOtiOverAFewPacketsIsRefusedWithoutReservingTheBlock() throws IOException {
        Oti oti = oti(56403L * 65528, 65528, 1, 1);
        Path packets = packetFile(oti.symbolSize(), 0, 1, 2);
        NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class,
                () -> new PacketFileDecoder(codec).decode(oti, packets, dir.resolve("out")));
        assertEquals(3, e.received());
        assertEquals(56403 - 3, e.moreNeeded());
        assertFalse(Files.exists(dir.resolve("out")));

        // a block just under 2 GiB (K = 30000): the old decoder reserved all of it, 5.9 GB of RSS for 196 KB
        Oti under2GiB = oti(30000L * 65528, 65528, 1, 1);
        NotEnoughSymbolsException under = assertThrows(NotEnoughSymbolsException.class,
                () -> new PacketFileDecoder(codec).decode(under2GiB, packets, dir.resolve("out")));
        assertEquals(30000 - 3, under.moreNeeded());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    /** One packet of an RFC-valid 3 GiB source block cut into two sub-blocks: a typed error, no allocation. */
    @Test
    void onePacketOfASourceBlockOverTwoGibIsATypedError() throws IOException {
        Oti oti = oti(3L << 30, 65528, 1, 2);
        Path packets = packetFile(oti.symbolSize(), 7);
        NotEnoughSymbolsException e = assertThrows(NotEnoughSymbolsException.class,
                () -> new PacketFileDecoder(codec).decode(oti, packets, dir.resolve("out")));
        assertEquals("source block 0", e.block());
    }

    /**
     * Far more distinct packets than K: the block keeps K + spare and decodes. Before, the decoder grew to hold
     * every distinct packet, so a block with more than 2 GiB of them (32,729 at T = 65528) was refused although K
     * would do; that takes a 2 GiB file to show, so here the decoder's largest buffer is what is checked: room for
     * K + spare symbols, not for the 2,100 received.
     */
    @Test
    void manyMoreDistinctPacketsThanKStillDecode() throws IOException {
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        Path input = dir.resolve("data");
        Files.write(input, data);
        Oti oti = oti(data.length, 200, 1, 1);   // K = 100
        Path packets = dir.resolve("packets");
        new PacketFileEncoder(codec).encode(oti, input, packets, 2000);
        Path out = dir.resolve("out");
        AtomicLong largest = new AtomicLong();
        SymbolBufferAllocator direct = DirectBuffers.allocator();
        SymbolBufferAllocator recording = new SymbolBufferAllocator() {
            @Override
            public ByteBuffer allocate(long bytes) {
                largest.accumulateAndGet(bytes, Math::max);
                return direct.allocate(bytes);
            }

            @Override
            public void free(ByteBuffer buffer) {
                direct.free(buffer);
            }
        };
        Codec measured = Codec.create(codec.kernel(), Codec.DEFAULT_PLAN_CACHE_BYTES, recording, SolveGate.UNBOUNDED);
        new PacketFileDecoder(measured).decode(oti, packets, out);
        assertArrayEquals(data, Files.readAllBytes(out));
        // the slab: K + spare received symbols plus the LDPC/HDPC/padding rows and one batch (64), well under 2,100
        long bound = (100L + PacketFileDecoder.SPARE_SYMBOLS + 128) * 200;
        assertTrue(largest.get() <= bound, "largest codec buffer " + largest.get() + " bytes, bound " + bound);
    }

    private Path packetFile(int symbolSize, int... esis) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(esis.length * (4 + symbolSize));
        for (int esi : esis) {
            bytes.putInt(esi);   // SBN 0
            bytes.position(bytes.position() + symbolSize);
        }
        Path file = dir.resolve("packets-" + esis.length);
        Files.write(file, bytes.array());
        return file;
    }
}
