package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rqlib.InvalidPacketException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.codec.Codec;
import org.rqlib.codec.EncodingPacket;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SourceBlockDecoder;

/**
 * Fuzz target for {@link SourceBlockDecoder} (and the {@code BlockDecoder}s under it) with hostile streams: subsets of a
 * vector's packets in random order with duplicates, mutated bytes (so wrong lengths, SBNs and ESIs), ESIs at and
 * past the edges (negative, 2^24, Integer.MAX_VALUE), short buffers and heap or direct buffers. Decoding is tried
 * half way and again at the end, because a decoder must stay usable after {@link NotEnoughSymbolsException}. When
 * every symbol the decoder kept was genuine, a decode that succeeds must give the object's bytes exactly.
 */
public final class DecoderFuzzTarget implements FuzzTarget, AutoCloseable {
    private static final List<VectorCorpus.Vector> VECTORS = VectorCorpus.smallVectors();
    private static final List<byte[]> PACKETS = VectorCorpus.packets();
    private final GenuineSymbols oracle = new GenuineSymbols();
    private final Codec codec;
    private static final int[] HOSTILE_ESIS = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 24, (1 << 24) - 1, 0};

    /** A target decoding with {@code codec}, so that every kernel can be fuzzed. */
    public DecoderFuzzTarget(Codec codec) {
        this.codec = codec;
    }

    @Override
    public void close() {
        oracle.close();
    }

    @Override
    public void run(Random random, FuzzSample sample) {
        VectorCorpus.Vector vector = VECTORS.get(random.nextInt(VECTORS.size()));
        int size = vector.packetSize();
        byte[] stream = stream(vector, random);
        if (random.nextBoolean()) {
            stream = Mutator.mutate(stream, PACKETS, random);
        }
        sample.bytes(stream);
        sample.describe(vector.name() + ", " + stream.length + " bytes = " + stream.length / size + " packets of "
                + size + " + " + stream.length % size);
        ObjectPartition partition = new ObjectPartition(vector.oti());
        Map<Integer, Boolean> keptGenuine = new HashMap<>();
        try (SourceBlockDecoder decoder = new SourceBlockDecoder(codec, partition, 0)) {
            int records = (stream.length + size - 1) / size;
            int halfway = random.nextInt(records + 1);
            for (int r = 0; r < records; r++) {
                if (r == halfway && decodedEarly(vector, decoder, keptGenuine)) {
                    return;
                }
                byte[] record = Arrays.copyOfRange(stream, r * size, Math.min(stream.length, (r + 1) * size));
                if (random.nextInt(6) == 0) {
                    addHostile(decoder, record, random);
                }
                try {
                    add(vector, decoder, record, random, keptGenuine);
                } catch (InvalidPacketException e) {
                    // what a receiver does with a bad packet: skip it and go on with the same decoder
                }
            }
            decodeAndCheck(vector, decoder, keptGenuine);
        }
    }

    /** A decode half way: must either succeed (then the decoder is done) or say not enough symbols. */
    private boolean decodedEarly(VectorCorpus.Vector vector, SourceBlockDecoder decoder,
            Map<Integer, Boolean> keptGenuine) {
        try {
            decodeAndCheck(vector, decoder, keptGenuine);
            return true;
        } catch (NotEnoughSymbolsException e) {
            // expected with few symbols; the decoder must accept more and try again
            return false;
        }
    }

    private void decodeAndCheck(VectorCorpus.Vector vector, SourceBlockDecoder decoder,
            Map<Integer, Boolean> keptGenuine) {
        ByteBuffer out = ByteBuffer.allocateDirect(vector.data().length);
        decoder.decode(out, 0);
        if (!keptGenuine.containsValue(false)) {
            byte[] bytes = new byte[out.capacity()];
            out.get(0, bytes);
            assertArrayEquals(vector.data(), bytes, "decoded from genuine symbols " + keptGenuine.keySet());
        }
    }

    private void add(VectorCorpus.Vector vector, SourceBlockDecoder decoder, byte[] record, Random random,
            Map<Integer, Boolean> keptGenuine) {
        int t = vector.oti().symbolSize();
        if (record.length < 4) {
            decoder.addSymbol(random.nextInt(8), ByteBuffer.wrap(record), 0);
            return;
        }
        int sbn = record[0] & 0xFF;
        int esi = ((record[1] & 0xFF) << 16) | ((record[2] & 0xFF) << 8) | (record[3] & 0xFF);
        byte[] symbol = Arrays.copyOfRange(record, 4, record.length);
        boolean added;
        switch (random.nextInt(4)) {
            case 0 -> added = decoder.addPacket(new EncodingPacket(sbn, esi, symbol));
            case 1 -> added = decoder.addSymbol(esi, ByteBuffer.wrap(symbol), 0);
            case 2 -> {
                // the symbol somewhere inside a larger direct buffer
                int at = random.nextInt(16);
                ByteBuffer direct = ByteBuffer.allocateDirect(at + symbol.length);
                direct.put(at, symbol);
                added = decoder.addSymbol(esi, direct, at);
            }
            default -> {
                // the record inside a read buffer, as a receiver holds it
                added = decoder.addSymbol(esi, ByteBuffer.wrap(record), 4);
            }
        }
        if (added) {
            boolean genuine = symbol.length == t && Arrays.equals(symbol, oracle.symbol(vector, 0, esi));
            keptGenuine.put(esi, genuine);
        }
    }

    /**
     * A call that must be refused with {@link InvalidPacketException}, leaving the decoder as it was: an ESI
     * outside [0, 2^24), or a symbol that does not fit the buffer at its offset.
     */
    private static void addHostile(SourceBlockDecoder decoder, byte[] record, Random random) {
        int esi = HOSTILE_ESIS[random.nextInt(HOSTILE_ESIS.length)];
        ByteBuffer buffer = ByteBuffer.wrap(record);
        int offset = esi >= 0 && esi < (1 << 24)
                ? new int[] {-1, Integer.MIN_VALUE, record.length - 3, record.length + 1}[random.nextInt(4)]
                : 4;
        int received = decoder.receivedCount();
        assertThrows(InvalidPacketException.class, () -> decoder.addSymbol(esi, buffer, offset),
                "ESI " + esi + " at offset " + offset + " of " + record.length + " bytes");
        assertEquals(received, decoder.receivedCount(), "a refused symbol was counted");
    }

    /** Some packets of the vector (K-3 to K+4 of them, duplicates allowed), shuffled, concatenated. */
    private static byte[] stream(VectorCorpus.Vector vector, Random random) {
        List<byte[]> chosen = new ArrayList<>();
        int k = new ObjectPartition(vector.oti()).symbolsInBlock(0);
        int count = Math.max(1, Math.min(vector.packetCount(), k - 3 + random.nextInt(8)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vector.packetCount(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i = 0; i < count; i++) {
            chosen.add(vector.packet(order.get(i)));
            if (random.nextInt(10) == 0) {
                chosen.add(vector.packet(order.get(random.nextInt(i + 1))));
            }
        }
        return Mutator.concat(chosen.toArray(new byte[0][]));
    }
}
