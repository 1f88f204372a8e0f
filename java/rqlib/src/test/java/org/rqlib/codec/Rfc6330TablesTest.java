package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables compiled into {@link Rfc6330Tables} are the RFC's text, number for number. */
class Rfc6330TablesTest {

    @Test
    void table2MatchesTheRfcText() {
        List<long[]> rows = ResourceTables.read("rfc6330-table2.txt");
        assertEquals(SystematicIndices.ROWS, rows.size());
        assertEquals(5 * rows.size(), Rfc6330Tables.TABLE2.length);
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(rows.get(i)[c], Rfc6330Tables.TABLE2[5 * i + c], "row " + i + " column " + c);
            }
        }
    }

    @Test
    void randTablesMatchTheRfcText() {
        List<long[]> tables = ResourceTables.read("rfc6330-rand-tables.txt");
        assertEquals(4, tables.size());
        for (int t = 0; t < 4; t++) {
            assertEquals(256, tables.get(t).length);
            for (int i = 0; i < 256; i++) {
                assertEquals(tables.get(t)[i], Rfc6330Tables.RAND_V[t][i] & 0xFFFFFFFFL, "V" + t + "[" + i + "]");
            }
        }
    }
}
