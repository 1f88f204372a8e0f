package org.rqlib.wasm;

import org.rqlib.InvalidParameterException;

/** Lower-case hex of byte arrays, without {@code java.util.HexFormat} (which TeaVM's class library lacks). */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String of(byte[] bytes) {
        char[] out = new char[2 * bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    static byte[] parse(String hex, String what) {
        if (hex == null || hex.length() % 2 != 0) {
            throw new InvalidParameterException(what + " \"" + hex + "\" is not an even number of hex digits");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new InvalidParameterException(what + " \"" + hex + "\" is not hex");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
