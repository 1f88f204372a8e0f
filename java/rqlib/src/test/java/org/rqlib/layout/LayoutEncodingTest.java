package org.rqlib.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rqlib.LayoutException;

/**
 * Found by the long fuzz run (ci/fuzz.sh, seed 424242, layout-json input 351): bytes that Jackson's encoding
 * detection takes for UTF-32 threw UncheckedIOException ("reading layout from memory") instead of LayoutException.
 */
class LayoutEncodingTest {

    @Test
    void bytesThatAreNotValidUtf32AreALayoutException() {
        byte[] utf32Looking = {0x7b, 0, 0, 0, (byte) 0x80, 'b', 'l', 'o', 'c', 'k', 's', (byte) 0xa2, ':', ' ', '['};
        LayoutException e = assertThrows(LayoutException.class, () -> LayoutJson.read(utf32Looking));
        assertEquals("(document)", e.field());
    }

    @Test
    void bytesThatAreNotValidUtf8AreALayoutException() {
        byte[] text = "{\"blocks\": [\"\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(LayoutException.class, () -> LayoutJson.read(text));
    }
}
