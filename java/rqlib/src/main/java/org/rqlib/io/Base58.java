package org.rqlib.io;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as the original library names symbols and blocks: leading zero bytes become
 * leading '1's, the rest is the big-endian number in base 58. Stateless and thread-safe.
 */
public final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEX[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    public static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // base-58 digits, least significant first; each input byte multiplies the number by 256
        byte[] digits = new byte[input.length * 138 / 100 + 1];
        int length = 0;
        for (int i = zeros; i < input.length; i++) {
            int carry = input[i] & 0xFF;
            for (int j = 0; j < length; j++) {
                carry += (digits[j] & 0xFF) << 8;
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[length++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        char[] out = new char[zeros + length];
        Arrays.fill(out, 0, zeros, ALPHABET[0]);
        for (int i = 0; i < length; i++) {
            out[zeros + i] = ALPHABET[digits[length - 1 - i]];
        }
        return new String(out);
    }

    /**
     * Most characters the Base58 form of {@code bytes} bytes can have: each leading zero byte is one '1', the rest
     * at most ceil(n * log(256) / log(58)) digits; for a 32-byte digest, 44.
     */
    public static int maxEncodedLength(int bytes) {
        return (int) Math.ceil(bytes * Math.log(256) / Math.log(58));
    }

    /**
     * Decodes the Base58 form of a fixed-length value (a BLAKE3 digest). Length and alphabet are checked first, in
     * one pass, so hostile text costs time linear in nothing but the few characters a valid value may have: a
     * 10 MB string is refused without being decoded (general decoding is quadratic in the length).
     *
     * @throws IllegalArgumentException when the text is too long or short, has a character outside the alphabet,
     *     or decodes to another number of bytes; the message quotes no hostile text beyond one escaped character
     */
    public static byte[] decodeFixed(CharSequence text, int bytes) {
        int max = maxEncodedLength(bytes);
        if (text.length() == 0 || text.length() > max) {
            throw new IllegalArgumentException("has " + text.length() + " characters; the base58 form of "
                    + bytes + " bytes has 1 to " + max);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || INDEX[c] < 0) {
                throw new IllegalArgumentException(describe(c) + " at " + i + " is not a base58 character");
            }
        }
        byte[] decoded = decode(text.toString());
        if (decoded.length != bytes) {
            throw new IllegalArgumentException("decodes to " + decoded.length + " bytes, not " + bytes);
        }
        return decoded;
    }

    /** One character, printable as itself or escaped as a Unicode escape: safe to show in a message. */
    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("'\\u%04x'", (int) c);
    }

    /**
     * Decodes a Base58 string; throws IllegalArgumentException naming the first character outside the alphabet.
     * Takes time quadratic in the length: for untrusted text of a known size use {@link #decodeFixed}.
     */
    public static byte[] decode(String text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == ALPHABET[0]) {
            zeros++;
        }
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? INDEX[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException(describe(c) + " at " + i + " is not a base58 character");
            }
            int carry = digit;
            for (int j = 0; j < length; j++) {
                carry += (bytes[j] & 0xFF) * 58;
                bytes[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                bytes[length++] = (byte) carry;
                carry >>>= 8;
            }
        }
        byte[] out = new byte[zeros + length];
        for (int i = 0; i < length; i++) {
            out[zeros + i] = bytes[length - 1 - i];
        }
        return out;
    }
}
