package org.rqlib.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rqlib.LayoutException;
import org.rqlib.layout.Layout;
import org.rqlib.layout.LayoutJson;
import org.rqlib.layout.SyntheticLayouts;

/**
 * Fuzzes the layout reader with what the golden corpus lacks (issue 10, item 7): large well-formed layouts (up to
 * tens of thousands of ids, several blocks), which must read back equal, and the same with one id replaced by a
 * long or hostile string (up to 200,000 characters of the alphabet, other letters, control characters), which must
 * be a {@link LayoutException} with a short message free of control characters. Each input has a timeout, so an
 * id decoded before its length is checked (quadratic time) is a finding.
 */
class LargeLayoutFuzzTest {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Test
    void largeLayoutsReadBackAndLongIdsAreRefusedQuickly() {
        FuzzReport report = new FuzzHarness("layout-large", FuzzBudget.forTarget(60), 10_000).run((random, sample) -> {
            int blocks = 1 + random.nextInt(3);
            long blockBytes = 1 + random.nextInt(random.nextBoolean() ? 100_000 : 300_000_000);
            int repair = random.nextInt(random.nextBoolean() ? 10 : 5_000);
            Layout layout = SyntheticLayouts.of(new Random(random.nextLong()), blocks, blockBytes, repair);
            byte[] json = LayoutJson.write(layout);
            sample.describe(blocks + " blocks of " + blockBytes + " bytes, R=" + repair + ", " + json.length + " bytes");
            if (random.nextInt(3) == 0) {
                assertEquals(layout, LayoutJson.read(json));
                return;
            }
            String id = layout.blocks().get(0).symbols().get(random.nextInt(layout.blocks().get(0).symbols().size()));
            String hostile = hostileId(random);
            byte[] mutated = new String(json, StandardCharsets.US_ASCII).replace("\"" + id + "\"", "\"" + hostile + "\"")
                    .getBytes(StandardCharsets.UTF_8);
            sample.bytes(mutated);
            try {
                LayoutJson.read(mutated);
                throw new AssertionError("a layout with id of " + hostile.length() + " characters was read");
            } catch (LayoutException e) {
                assertTrue(e.getMessage().length() < 400, "message of " + e.getMessage().length() + " characters");
                assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
                throw e;
            }
        });
        assertTrue(report.findings().isEmpty(), report.details());
    }

    /** An id that is not a 32-byte digest's Base58: too long, a wrong letter, or escaped control characters. */
    private static String hostileId(Random random) {
        int kind = random.nextInt(3);
        int length = kind == 0 ? 45 + random.nextInt(random.nextBoolean() ? 100 : 200_000) : 1 + random.nextInt(44);
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        if (kind == 1) {
            id.setCharAt(random.nextInt(length), "0OIl+/_".charAt(random.nextInt(7)));
        } else if (kind == 2) {
            id.insert(random.nextInt(length), "\\u00" + Integer.toHexString(16 + random.nextInt(16)));
        }
        return id.toString();
    }
}
