package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rqlib.InvalidParameterException;

class OtiTest {

    @Test
    void encodesAndParsesEveryFieldBigEndian() {
        Oti oti = new Oti(942_000_000_000L, 65528, 255, 1023, 8);
        byte[] bytes = oti.toBytes();
        assertEquals("db53934c00" + "00" + "fff8" + "ff" + "03ff" + "08", oti.toHex());
        assertArrayEquals(bytes, Oti.parse(bytes).toBytes());
        assertEquals(oti, Oti.parseHex(oti.toHex()));
        assertEquals(942_000_000_000L, Oti.parse(bytes).transferLength());
    }

    @Test
    void theLargestTransferLengthIsParsedAndTheNextIsRefused() {
        // 946270874880 = K'max * 65535 * 256 needs 256 source blocks, more than the 8-bit Z field holds, so
        // with Z = 255 the blocks exceed K'max: the error names that, not the length
        InvalidParameterException blocks = assertThrows(InvalidParameterException.class,
                () -> new Oti(Oti.MAX_TRANSFER_LENGTH, 65535, 255, 1, 1));
        assertTrue(blocks.getMessage().contains("K'max=56403"), blocks.getMessage());
        InvalidParameterException tooLarge = assertThrows(InvalidParameterException.class,
                () -> new Oti(Oti.MAX_TRANSFER_LENGTH + 1, 65535, 255, 1, 1));
        assertTrue(tooLarge.getMessage().contains("F=946270874881"), tooLarge.getMessage());
    }

    @Test
    void badFieldsAreNamedWithTheirValue() {
        assertMessage("T=1001 is not a multiple of the alignment Al=8", () -> new Oti(10_000, 1001, 1, 1, 8));
        assertMessage("Z=0", () -> new Oti(10_000, 1000, 0, 1, 4));
        assertMessage("N=0", () -> new Oti(10_000, 1000, 1, 0, 4));
        assertMessage("F=0", () -> new Oti(0, 1000, 1, 1, 4));
        assertMessage("Al=0", () -> new Oti(10_000, 1000, 1, 1, 0));
        assertMessage("N=251 exceeds T/Al=250", () -> new Oti(10_000, 1000, 1, 251, 4));
        assertMessage("Z=20 exceeds the number of source symbols ceil(F/T)=10", () -> new Oti(10_000, 1000, 20, 1, 4));
        assertMessage("source blocks of 56404 symbols", () -> new Oti(56_404L * 8, 8, 1, 1, 8));
        assertMessage("reserved byte must be 0, got 1", () -> Oti.parseHex("000000327b01008001000108"));
        assertMessage("24 hex digits, got '0011'", () -> Oti.parseHex("0011"));
        assertMessage("is not hexadecimal", () -> Oti.parseHex("zz0000327b00008001000108"));
        assertMessage("T=1001", () -> Oti.parseHex("0000002710" + "00" + "03e9" + "01" + "0001" + "08"));
    }

    @Test
    void largestBlockThatFitsIsAccepted() {
        Oti oti = new Oti(56_403L * 8, 8, 1, 1, 8);
        assertEquals(56_403, new ObjectPartition(oti).symbolsInBlock(0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, executable);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
