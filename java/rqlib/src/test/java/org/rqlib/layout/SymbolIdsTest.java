package org.rqlib.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.io.Base58;

/** Ids held as digests read back as the exact Base58 text, across page boundaries, and compare as lists. */
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
}
