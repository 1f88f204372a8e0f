package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rqlib.InvalidPacketException;
import org.rqlib.InvalidParameterException;
import org.rqlib.kernel.JavaSymbolKernel;

/**
 * Regression tests for what the fuzzers found: input that comes from outside (packet ranges, symbol lengths,
 * block sizes) is refused with a typed rqlib exception, never an IndexOutOfBoundsException or
 * IllegalArgumentException from deep inside, and a refused symbol leaves the decoder as it was.
 */
class HostileInputTest {
    private static final Codec CODEC = Codec.create(JavaSymbolKernel.INSTANCE);
    private static final Oti OTI = new Oti(10_000, 1000, 1, 1, 4);

    @Test
    void aPacketRangeOutsideTheArrayIsAnInvalidPacket() {
        byte[] bytes = new byte[1004];
        // found by packet-parse: offset 1006 of 1006 bytes threw ArrayIndexOutOfBoundsException
        for (int offset : new int[] {1, 1004, Integer.MAX_VALUE, Integer.MIN_VALUE, -1}) {
            InvalidPacketException e = assertThrows(InvalidPacketException.class,
                    () -> EncodingPacket.parse(bytes, offset, 1004, OTI));
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
        assertThrows(InvalidPacketException.class, () -> EncodingPacket.parse(bytes, 0, -4, OTI));
        assertEquals(0, EncodingPacket.parse(bytes, 0, 1004, OTI).encodingSymbolId());
    }

    @Test
    void aShortSymbolIsAnInvalidPacketAndIsNotCounted() {
        try (BlockDecoder decoder = CODEC.decoder(10, 1000, "block 7")) {
            // found by block-decoder: a truncated last record threw IndexOutOfBoundsException
            InvalidPacketException e = assertThrows(InvalidPacketException.class,
                    () -> decoder.addSymbol(3, ByteBuffer.allocate(999), 0));
            assertTrue(e.getMessage().contains("block 7") && e.getMessage().contains("1000"), e.getMessage());
            assertThrows(InvalidPacketException.class, () -> decoder.addSymbol(3, ByteBuffer.allocate(1000), 1));
            assertThrows(InvalidPacketException.class, () -> decoder.addSymbol(3, ByteBuffer.allocate(1000), -1));
            assertEquals(0, decoder.receivedCount());
            // the ESI was not marked as seen: the genuine symbol is still taken
            assertTrue(decoder.addSymbol(3, ByteBuffer.allocate(1000), 0));
        }
    }

    @Test
    void aPacketWhoseSymbolIsNotTBytesIsRefused() {
        ObjectPartition partition = new ObjectPartition(OTI);
        try (SourceBlockDecoder decoder = new SourceBlockDecoder(CODEC, partition, 0)) {
            // a longer symbol used to be cut to T bytes silently, a shorter one threw IndexOutOfBoundsException
            assertThrows(InvalidPacketException.class, () -> decoder.addPacket(new EncodingPacket(0, 1, new byte[1001])));
            assertThrows(InvalidPacketException.class, () -> decoder.addPacket(new EncodingPacket(0, 1, new byte[3])));
            assertEquals(0, decoder.receivedCount());
            assertTrue(decoder.addPacket(new EncodingPacket(0, 1, new byte[1000])));
        }
    }

    @Test
    void aBlockTooLargeToDecodeInMemoryIsAnInvalidParameter() {
        // K'max symbols of 65535 bytes: 3.7 GB; DirectBuffers used to throw IllegalArgumentException
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> CODEC.decoder(SystematicIndices.MAX_K_PRIME, 65535, "source block 0"));
        assertTrue(e.getMessage().contains("2 GiB"), e.getMessage());
    }
}
