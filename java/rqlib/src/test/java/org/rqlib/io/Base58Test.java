package org.rqlib.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Base58 with the Bitcoin alphabet, as symbol ids use it. */
class Base58Test {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Test
    void knownValues() {
        assertEquals("", Base58.encode(new byte[0]));
        assertEquals("1", Base58.encode(new byte[1]));
        assertEquals("111", Base58.encode(new byte[3]));
        assertEquals("2g", Base58.encode(new byte[] {0x61}));
        assertEquals("StV1DL6CwTryKyV", Base58.encode("hello world".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("11StV1DL6CwTryKyV", Base58.encode(("\0\0hello world").getBytes(StandardCharsets.US_ASCII)));
    }

    /** Against the textbook definition: leading zero bytes become '1's, the rest is the number in base 58. */
    @Test
    void agreesWithBigIntegerOnRandomDigests() {
        Random random = new Random(58);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bytes = new byte[trial % 40];
            random.nextBytes(bytes);
            if (trial % 7 == 0 && bytes.length > 2) {
                bytes[0] = 0;
                bytes[1] = 0;
            }
            assertEquals(reference(bytes), Base58.encode(bytes), "trial " + trial);
        }
    }

    private static String reference(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(58);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append('1');
        }
        return out.reverse().toString();
    }

    /** A 10 MB id ran 15 minutes in decode (quadratic); decodeFixed refuses it by length, without decoding. */
    @Test
    void decodeFixedRefusesLongTextByLengthAtOnce() {
        String huge = "2".repeat(10_000_000);
        long start = System.nanoTime();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Base58.decodeFixed(huge, 32));
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 1_000_000_000L, "took too long");
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("10000000 characters"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().length() < 200);
    }

    @Test
    void decodeFixedChecksAlphabetLengthAndSize() {
        byte[] digest = new byte[32];
        new Random(9).nextBytes(digest);
        String id = Base58.encode(digest);
        org.junit.jupiter.api.Assertions.assertArrayEquals(digest, Base58.decodeFixed(id, 32));
        assertEquals(44, Base58.maxEncodedLength(32));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Base58.decodeFixed("0" + id.substring(1), 32));           // '0' is not in the alphabet
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Base58.decodeFixed("", 32));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Base58.decodeFixed("2g", 32));                            // one byte, not 32
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Base58.decodeFixed("\u001b[2J", 32));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains(String.valueOf((char) 27)),
                "raw escape in: " + e.getMessage());
    }
}
