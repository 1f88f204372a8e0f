package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.rqlib.InvalidPacketException;
import org.rqlib.kernel.JavaSymbolKernel;

/** The FEC Payload ID and the packet checks of RFC 6330 3.2, named in each message. */
class EncodingPacketTest {
    private static final Oti OTI = Oti.parseHex("000000327b00008001000108"); // F=12923, T=128, Z=1

    @Test
    void headerIsSbnThenA24BitBigEndianEsi() {
        EncodingPacket packet = new EncodingPacket(3, 0xABCDEF, new byte[] {1, 2});
        assertArrayEquals(new byte[] {3, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 1, 2}, packet.toBytes());
        assertEquals(16_777_215, new EncodingPacket(0, BlockEncoder.MAX_ESI, new byte[1]).encodingSymbolId());
    }

    @Test
    void outOfRangeFieldsAreRefusedWithTheirValue() {
        assertMessage("encoding symbol id 16777216", () -> new EncodingPacket(0, 1 << 24, new byte[4]));
        assertMessage("source block number 256", () -> new EncodingPacket(256, 0, new byte[4]));
        assertMessage("packet of 131 bytes, expected 132", () -> EncodingPacket.parse(new byte[131], 0, 131, OTI));
        byte[] bytes = new byte[132];
        bytes[0] = 1;
        assertMessage("SBN=1 but the object has Z=1", () -> EncodingPacket.parse(bytes, 0, 132, OTI));
    }

    @Test
    void aDecoderRefusesAnEsiBeyondTwentyFourBitsAndKeepsWorking() {
        Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);
        ByteBuffer symbol = ByteBuffer.allocateDirect(8);
        try (BlockDecoder decoder = codec.decoder(4, 8, "source block 0")) {
            assertMessage("encoding symbol id 16777216 of source block 0",
                    () -> decoder.addSymbol(1 << 24, symbol, 0));
            assertMessage("encoding symbol id -1", () -> decoder.addSymbol(-1, symbol, 0));
            assertEquals(0, decoder.receivedCount());
            assertTrue(decoder.addSymbol(0, symbol, 0));
            assertFalse(decoder.addSymbol(0, symbol, 0), "a duplicate ESI is not stored twice");
            assertEquals(1, decoder.receivedCount());
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        InvalidPacketException e = assertThrows(InvalidPacketException.class, executable);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
