package org.rqlib.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.io.Base58;

/**
 * Ids held as digests read back as the exact Base58 text, across page boundaries, and compare as lists; their
 * digests copied out in bulk (as a spill file stores them) add back to the same ids.
 */
class SymbolIdsTest {
    @Test
    void idsReadBackAsTheirTextAcrossPages() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        SymbolIds.Builder appended = new SymbolIds.Builder();
        int count = SymbolIds.IDS_PER_PAGE * 2 + 17;
        for (int i = 0; i < count; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            if (i % 1000 == 0) {
                digest[0] = 0;   // leading zero bytes are leading '1's in the text
                digest[1] = 0;
            }
            texts.add(Base58.encode(digest));
            appended.add(digest);
        }
        SymbolIds fromTexts = SymbolIds.of(texts);
        SymbolIds built = appended.build();
        assertEquals(texts, built);
        assertEquals(built, fromTexts);
        assertEquals(texts.hashCode(), built.hashCode());
        assertEquals(texts.get(count - 1), built.get(count - 1));
        assertArrayEquals(Base58.decode(texts.get(5000)), built.digest(5000));
        assertNotEquals(built, SymbolIds.of(texts.subList(1, count)));
    }

    @Test
    void digestsPutIntoABufferAreTheSameIdsAddedBack() {
        Random random = new Random(12);
        SymbolIds.Builder builder = new SymbolIds.Builder();
        int count = SymbolIds.IDS_PER_PAGE * 2 + 5;
        for (int i = 0; i < count; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            builder.add(digest);
        }
        SymbolIds ids = builder.build();
        // a range that starts inside the first page and ends inside the last, as a spill copies a block in pieces
        int from = SymbolIds.IDS_PER_PAGE - 3;
        int n = SymbolIds.IDS_PER_PAGE + 6;
        ByteBuffer packed = ByteBuffer.allocate(n * SymbolIds.BYTES_PER_ID);
        ids.putDigests(from, n, packed);
        assertEquals(packed.capacity(), packed.position());
        SymbolIds back = new SymbolIds.Builder().addDigests(packed.flip()).build();
        assertEquals(ids.subList(from, from + n), back);
        assertArrayEquals(ids.digest(from), back.digest(0));
        assertThrows(IndexOutOfBoundsException.class, () -> ids.putDigests(count - 1, 2, ByteBuffer.allocate(64)));
        assertThrows(IllegalArgumentException.class, () -> new SymbolIds.Builder().addDigests(ByteBuffer.allocate(33)));
    }
}
