package org.rqlib.codec;

import java.util.Objects;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.rqlib.InvalidPacketException;

/**
 * One encoding packet, RFC 6330 3.2: the FEC Payload ID (source block number, 8 bits, and encoding symbol id,
 * 24 bits, big-endian) and one symbol of T bytes. Immutable and thread-safe (the symbol is copied in and out).
 */
public final class EncodingPacket {
    /** Bytes of the FEC Payload ID that precede the symbol. */
    public static final int HEADER_BYTES = 4;

    private final int sbn;
    private final int esi;
    private final byte[] symbol;

    public EncodingPacket(int sbn, int esi, byte[] symbol) {
        if (sbn < 0 || sbn > 255) {
            throw new InvalidPacketException("source block number " + sbn + " outside [0, 255]");
        }
        if (esi < 0 || esi > BlockEncoder.MAX_ESI) {
            throw new InvalidPacketException("encoding symbol id " + esi + " outside [0, " + BlockEncoder.MAX_ESI + "]");
        }
        this.sbn = sbn;
        this.esi = esi;
        this.symbol = Objects.requireNonNull(symbol, "symbol").clone();
    }

    /**
     * Parses {@code length} bytes at {@code offset}: a header and a symbol of the OTI's size, for a block the OTI
     * has. Throws {@link InvalidPacketException} naming the field at fault, also when the range lies outside
     * {@code bytes}.
     */
    public static EncodingPacket parse(byte[] bytes, int offset, int length, Oti oti) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(oti, "oti");
        int expected = HEADER_BYTES + oti.symbolSize();
        // offset and length may come from a network frame: a range outside the array is bad input, not a bug
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new InvalidPacketException("packet of " + length + " bytes at offset " + offset
                    + " lies outside the " + bytes.length + " bytes given");
        }
        if (length != expected) {
            throw new InvalidPacketException("packet of " + length + " bytes, expected " + expected
                    + " (4-byte header + T=" + oti.symbolSize() + ")");
        }
        int sbn = bytes[offset] & 0xFF;
        int esi = ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
        checkFits(sbn, oti);
        return new EncodingPacket(sbn, esi, Arrays.copyOfRange(bytes, offset + HEADER_BYTES, offset + length));
    }

    /** Throws unless the OTI's object has a source block {@code sbn}. */
    public static void checkFits(int sbn, Oti oti) {
        if (sbn >= oti.sourceBlocks()) {
            throw new InvalidPacketException("source block number SBN=" + sbn + " but the object has Z="
                    + oti.sourceBlocks() + " source blocks");
        }
    }

    /** Writes the 4-byte FEC Payload ID for (sbn, esi) at {@code offset}. */
    public static void writeHeader(ByteBuffer dst, int offset, int sbn, int esi) {
        dst.put(offset, (byte) sbn);
        dst.put(offset + 1, (byte) (esi >>> 16));
        dst.put(offset + 2, (byte) (esi >>> 8));
        dst.put(offset + 3, (byte) esi);
    }

    public int sourceBlockNumber() {
        return sbn;
    }

    public int encodingSymbolId() {
        return esi;
    }

    /** A copy of the symbol. */
    public byte[] symbol() {
        return symbol.clone();
    }

    public int symbolSize() {
        return symbol.length;
    }

    /** The packet as sent: header, then symbol. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + symbol.length);
        writeHeader(out, 0, sbn, esi);
        out.put(HEADER_BYTES, symbol);
        return out.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodingPacket p && p.sbn == sbn && p.esi == esi && Arrays.equals(p.symbol, symbol);
    }

    @Override
    public int hashCode() {
        return (sbn * 31 + esi) * 31 + Arrays.hashCode(symbol);
    }

    @Override
    public String toString() {
        return "EncodingPacket[sbn=" + sbn + ", esi=" + esi + ", T=" + symbol.length + "]";
    }
}
