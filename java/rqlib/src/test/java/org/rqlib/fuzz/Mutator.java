package org.rqlib.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded byte mutations in the style of AFL's havoc stage: bit flips, interesting values (8, 16, 24 and 32 bits,
 * big-endian, because every rqlib format is big-endian), insertions, deletions, duplicated ranges, splices with
 * another corpus entry, truncation and extension. Deterministic for a given {@link Random}. Stateless.
 */
public final class Mutator {
    /** Values at the edges of the fields rqlib parses (lengths, ESIs, counts, sizes). */
    static final long[] INTERESTING = {0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFF8, 0xFFFF,
        0x10000, 0xDC53, 0xFFFFFF, 0x1000000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, -1};

    private Mutator() {
    }

    /** Applies 1 to 4 stacked mutations to a copy of {@code seed}; {@code corpus} supplies splice partners. */
    public static byte[] mutate(byte[] seed, List<byte[]> corpus, Random random) {
        byte[] data = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            data = mutateOnce(data, corpus, random);
        }
        return data;
    }

    static byte[] mutateOnce(byte[] data, List<byte[]> corpus, Random random) {
        switch (random.nextInt(10)) {
            case 0:
                return flipBit(data, random);
            case 1:
                return setInteresting(data, random, 1);
            case 2:
                return setInteresting(data, random, 2 + random.nextInt(3));
            case 3:
                return insert(data, random);
            case 4:
                return delete(data, random);
            case 5:
                return duplicateRange(data, random);
            case 6:
                return splice(data, corpus.get(random.nextInt(corpus.size())), random);
            case 7:
                return data.length == 0 ? data : Arrays.copyOf(data, random.nextInt(data.length));
            case 8:
                return randomBytes(data, random);
            default:
                return addSmall(data, random);
        }
    }

    private static byte[] flipBit(byte[] data, Random random) {
        if (data.length > 0) {
            int bit = random.nextInt(data.length * 8);
            data[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return data;
    }

    private static byte[] setInteresting(byte[] data, Random random, int width) {
        if (data.length < width) {
            return data;
        }
        long value = INTERESTING[random.nextInt(INTERESTING.length)];
        int at = random.nextInt(data.length - width + 1);
        for (int i = 0; i < width; i++) {
            data[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return data;
    }

    /** Adds or subtracts a small amount at one byte: walks counters and lengths across their limits. */
    private static byte[] addSmall(byte[] data, Random random) {
        if (data.length > 0) {
            int at = random.nextInt(data.length);
            data[at] += (byte) (random.nextInt(35) - 17);
        }
        return data;
    }

    private static byte[] randomBytes(byte[] data, Random random) {
        if (data.length > 0) {
            int at = random.nextInt(data.length);
            int n = Math.min(data.length - at, 1 + random.nextInt(16));
            for (int i = 0; i < n; i++) {
                data[at + i] = (byte) random.nextInt(256);
            }
        }
        return data;
    }

    private static byte[] insert(byte[] data, Random random) {
        int at = random.nextInt(data.length + 1);
        byte[] extra = new byte[1 + random.nextInt(random.nextBoolean() ? 4 : 64)];
        if (random.nextBoolean()) {
            random.nextBytes(extra);
        } else {
            Arrays.fill(extra, data.length == 0 ? 0 : data[random.nextInt(data.length)]);
        }
        return concat(Arrays.copyOf(data, at), extra, Arrays.copyOfRange(data, at, data.length));
    }

    private static byte[] delete(byte[] data, Random random) {
        if (data.length == 0) {
            return data;
        }
        int at = random.nextInt(data.length);
        int n = 1 + random.nextInt(Math.min(data.length - at, random.nextBoolean() ? 4 : 256));
        return concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, at + n, data.length));
    }

    private static byte[] duplicateRange(byte[] data, Random random) {
        if (data.length == 0) {
            return data;
        }
        int from = random.nextInt(data.length);
        int n = 1 + random.nextInt(Math.min(data.length - from, 512));
        int to = random.nextInt(data.length + 1);
        return concat(Arrays.copyOf(data, to), Arrays.copyOfRange(data, from, from + n),
                Arrays.copyOfRange(data, to, data.length));
    }

    private static byte[] splice(byte[] data, byte[] other, Random random) {
        if (data.length == 0 || other.length == 0) {
            return data;
        }
        int cut = random.nextInt(data.length);
        int from = random.nextInt(other.length);
        return concat(Arrays.copyOf(data, cut), Arrays.copyOfRange(other, from, other.length));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
