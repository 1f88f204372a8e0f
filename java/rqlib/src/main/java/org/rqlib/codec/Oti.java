package org.rqlib.codec;

import java.util.HexFormat;
import org.rqlib.InvalidParameterException;

/**
 * Object Transmission Information, RFC 6330 sections 3.3.2 and 3.3.3: transfer length F, symbol size T,
 * number of source blocks Z, number of sub-blocks N and symbol alignment Al. Encoded as 12 bytes: F (40 bits),
 * a reserved zero byte, T (16 bits), Z (8 bits), N (16 bits), Al (8 bits), all big-endian.
 *
 * <p>Construction validates every field and the combination (each source block fits K'_max, every sub-symbol
 * holds at least Al bytes), so an {@code Oti} instance always describes an encodable object. Immutable and
 * thread-safe.
 */
public final class Oti {
    /** Largest transfer length RFC 6330 allows (section 4.1). */
    public static final long MAX_TRANSFER_LENGTH = 946_270_874_880L;
    /** Encoded length in bytes. */
    public static final int ENCODED_LENGTH = 12;

    private final long transferLength;
    private final int symbolSize;
    private final int sourceBlocks;
    private final int subBlocks;
    private final int alignment;

    public Oti(long transferLength, int symbolSize, int sourceBlocks, int subBlocks, int alignment) {
        this.transferLength = transferLength;
        this.symbolSize = symbolSize;
        this.sourceBlocks = sourceBlocks;
        this.subBlocks = subBlocks;
        this.alignment = alignment;
        validate();
    }

    private void validate() {
        if (transferLength < 1 || transferLength > MAX_TRANSFER_LENGTH) {
            throw new InvalidParameterException("transfer length F=" + transferLength + " must be in [1, "
                    + MAX_TRANSFER_LENGTH + "]");
        }
        if (alignment < 1 || alignment > 255) {
            throw new InvalidParameterException("alignment Al=" + alignment + " must be in [1, 255]");
        }
        if (symbolSize < 1 || symbolSize > 65535) {
            throw new InvalidParameterException("symbol size T=" + symbolSize + " must be in [1, 65535]");
        }
        if (symbolSize % alignment != 0) {
            throw new InvalidParameterException(
                    "symbol size T=" + symbolSize + " is not a multiple of the alignment Al=" + alignment);
        }
        if (sourceBlocks < 1 || sourceBlocks > 255) {
            throw new InvalidParameterException("number of source blocks Z=" + sourceBlocks + " must be in [1, 255]");
        }
        if (subBlocks < 1 || subBlocks > 65535) {
            throw new InvalidParameterException("number of sub-blocks N=" + subBlocks + " must be in [1, 65535]");
        }
        if (subBlocks > symbolSize / alignment) {
            throw new InvalidParameterException("number of sub-blocks N=" + subBlocks + " exceeds T/Al="
                    + symbolSize / alignment + ": every sub-symbol needs at least Al bytes");
        }
        long kt = totalSymbols();
        if (sourceBlocks > kt) {
            throw new InvalidParameterException("number of source blocks Z=" + sourceBlocks
                    + " exceeds the number of source symbols ceil(F/T)=" + kt);
        }
        long largestBlock = (kt + sourceBlocks - 1) / sourceBlocks;
        if (largestBlock > SystematicIndices.MAX_K_PRIME) {
            throw new InvalidParameterException("source blocks of " + largestBlock + " symbols (F=" + transferLength
                    + ", T=" + symbolSize + ", Z=" + sourceBlocks + ") exceed K'max=" + SystematicIndices.MAX_K_PRIME);
        }
    }

    /** Parses the 12-byte encoding; throws {@link InvalidParameterException} naming the bad field. */
    public static Oti parse(byte[] encoded) {
        if (encoded == null || encoded.length != ENCODED_LENGTH) {
            throw new InvalidParameterException("OTI must be " + ENCODED_LENGTH + " bytes, got "
                    + (encoded == null ? "null" : encoded.length));
        }
        long f = 0;
        for (int i = 0; i < 5; i++) {
            f = (f << 8) | (encoded[i] & 0xFF);
        }
        if (encoded[5] != 0) {
            throw new InvalidParameterException("OTI reserved byte must be 0, got " + (encoded[5] & 0xFF));
        }
        int t = ((encoded[6] & 0xFF) << 8) | (encoded[7] & 0xFF);
        int z = encoded[8] & 0xFF;
        int n = ((encoded[9] & 0xFF) << 8) | (encoded[10] & 0xFF);
        int al = encoded[11] & 0xFF;
        return new Oti(f, t, z, n, al);
    }

    /** Parses the 24-hex-digit form used by the vectors and {@code rq packets --oti}. */
    public static Oti parseHex(String hex) {
        if (hex == null || hex.length() != 2 * ENCODED_LENGTH) {
            throw new InvalidParameterException("OTI must be " + 2 * ENCODED_LENGTH + " hex digits, got "
                    + (hex == null ? "null" : "'" + hex + "'"));
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("OTI '" + hex + "' is not hexadecimal");
        }
        return parse(bytes);
    }

    public byte[] toBytes() {
        byte[] out = new byte[ENCODED_LENGTH];
        for (int i = 0; i < 5; i++) {
            out[i] = (byte) (transferLength >>> (8 * (4 - i)));
        }
        out[6] = (byte) (symbolSize >>> 8);
        out[7] = (byte) symbolSize;
        out[8] = (byte) sourceBlocks;
        out[9] = (byte) (subBlocks >>> 8);
        out[10] = (byte) subBlocks;
        out[11] = (byte) alignment;
        return out;
    }

    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    /** F: the object length in bytes. */
    public long transferLength() {
        return transferLength;
    }

    /** T: the symbol size in bytes. */
    public int symbolSize() {
        return symbolSize;
    }

    /** Z: the number of source blocks. */
    public int sourceBlocks() {
        return sourceBlocks;
    }

    /** N: the number of sub-blocks per source block. */
    public int subBlocks() {
        return subBlocks;
    }

    /** Al: the symbol alignment in bytes. */
    public int alignment() {
        return alignment;
    }

    /** Kt = ceil(F / T), the number of source symbols in the whole object. */
    public long totalSymbols() {
        return (transferLength + symbolSize - 1) / symbolSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Oti other && other.transferLength == transferLength && other.symbolSize == symbolSize
                && other.sourceBlocks == sourceBlocks && other.subBlocks == subBlocks && other.alignment == alignment;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(transferLength) * 31 + ((symbolSize * 31 + sourceBlocks) * 31 + subBlocks) * 31 + alignment;
    }

    @Override
    public String toString() {
        return "Oti[F=" + transferLength + ", T=" + symbolSize + ", Z=" + sourceBlocks + ", N=" + subBlocks
                + ", Al=" + alignment + "]";
    }
}
