package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.RqlibException;
import org.rqlib.RqlibIoException;
import org.rqlib.codec.BlockEncoder;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.Oti;
import org.rqlib.codec.SourceBlockDecoder;
import org.rqlib.codec.SourceBlockEncoder;
import org.rqlib.kernel.JavaSymbolKernel;
import org.rqlib.limits.JobControl;
import org.rqlib.packets.PacketFileDecoder;
import org.rqlib.packets.PacketFileEncoder;

/**
 * The contract of the public API around errors: one exception hierarchy, use after close named, null arguments
 * named.
 */
class ApiContractTest {
    private static final Oti OTI = Oti.parseHex("000000327b00008001000108");

    @TempDir
    Path dir;

    @Test
    void ioFailuresAreRqlibExceptionsThatKeepTheIoCause() {
        Path missing = dir.resolve("no-such-layout.json");
        RqlibException e = assertThrows(RqlibException.class, () -> RaptorQ.readLayout(missing));
        RqlibIoException io = assertInstanceOf(RqlibIoException.class, e);
        assertInstanceOf(NoSuchFileException.class, io.getCause());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aClosedRaptorQNamesItselfOnUse() throws IOException {
        Path input = Files.write(dir.resolve("in"), new byte[1000]);
        RaptorQ rq = RaptorQ.builder().symbolSize(64).memoryLimit(64L << 20).threads(1).build();
        rq.close();
        rq.close(); // idempotent
        for (Executable use : new Executable[] {
                () -> rq.encodeFile(input, dir.resolve("out")),
                () -> rq.createMetadata(input),
                () -> rq.decodeFile(dir, dir.resolve("decoded")),
        }) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use);
            assertTrue(e.getMessage().startsWith("RaptorQ@") && e.getMessage().contains("symbolSize=64")
                    && e.getMessage().endsWith(" is closed"), e.getMessage());
        }
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written by a closed instance");
    }

    @Test
    void closedCodecObjectsNameTheirBlock() {
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);
        ObjectPartition partition = new ObjectPartition(OTI);
        ByteBuffer data = ByteBuffer.allocate((int) partition.blockLength(0));
        SourceBlockEncoder encoder = SourceBlockEncoder.encode(codec, partition, 0, data, 0);
        EncodingPacket packet = encoder.packet(3);
        encoder.close();
        assertClosedNaming("source block 0", () -> encoder.packet(1));

        SourceBlockDecoder decoder = new SourceBlockDecoder(codec, partition, 0);
        decoder.close();
        assertClosedNaming("source block 0", () -> decoder.addPacket(packet));

        BlockEncoder block = codec.encode(10, 16, ByteBuffer.allocate(160), 0);
        block.close();
        assertClosedNaming("K=10 symbols of T=16", () -> block.writeSymbol(0, ByteBuffer.allocate(16), 0));
    }

    private static void assertClosedNaming(String name, Executable use) {
        IllegalStateException e = assertThrows(IllegalStateException.class, use);
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);
        ObjectPartition partition = new ObjectPartition(OTI);
        Path p = dir.resolve("x");
        try (RaptorQ rq = RaptorQ.builder().symbolSize(64).memoryLimit(64L << 20).threads(1).build();
                SourceBlockDecoder decoder = new SourceBlockDecoder(codec, partition, 0)) {
            assertNullNamed("input", () -> rq.encodeFile(null, p));
            assertNullNamed("outputDirectory", () -> rq.encodeFile(p, null));
            assertNullNamed("control", () -> rq.encodeFile(p, p, null));
            assertNullNamed("input", () -> rq.createMetadata(null));
            assertNullNamed("layoutFile", () -> RaptorQ.readLayout(null));
            assertNullNamed("directory", () -> rq.decodeFile(null, p));
            assertNullNamed("output", () -> rq.decodeFile(p, p, null, JobControl.none()));
            assertNullNamed("kernel", () -> RaptorQ.builder().kernel(null));
            assertNullNamed("kernel", () -> Codec.create(null));
            assertNullNamed("oti", () -> new ObjectPartition(null));
            assertNullNamed("codec", () -> SourceBlockEncoder.encode(null, partition, 0, ByteBuffer.allocate(1), 0));
            assertNullNamed("block", () -> SourceBlockEncoder.encode(codec, partition, 0, null, 0));
            assertNullNamed("partition", () -> new SourceBlockDecoder(codec, null, 0));
            assertNullNamed("packet", () -> decoder.addPacket(null));
            assertNullNamed("dst", () -> decoder.decode(null, 0));
            assertNullNamed("symbol", () -> new EncodingPacket(0, 0, null));
            assertNullNamed("oti", () -> EncodingPacket.parse(new byte[4], 0, 4, null));
            assertNullNamed("codec", () -> new PacketFileEncoder(null));
            assertNullNamed("data", () -> new PacketFileEncoder(codec).encode(OTI, null, p, 1));
            assertNullNamed("codec", () -> new PacketFileDecoder(null));
            assertNullNamed("output", () -> new PacketFileDecoder(codec).decode(OTI, p, null));
        }
    }

    private static void assertNullNamed(String parameter, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(parameter, e.getMessage());
    }
}
