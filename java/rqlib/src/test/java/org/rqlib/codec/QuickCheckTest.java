package org.rqlib.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.*;
import org.junit.jupiter.api.Test;
import org.rqlib.kernel.JavaSymbolKernel;

class QuickCheckTest {
    @Test
    void k101() throws Exception {
        for (String name : new String[] {"k8_t32", "small_k10", "k101", "k1_exact", "k_table_edge", "tiny_1byte", "odd_tail", "k1000_t1280", "k5000_t64", "kmax_t8"}) {
            Path dir = Path.of(System.getProperty("rqlib.vectors"));
            byte[] data = Files.readAllBytes(dir.resolve(name + ".bin"));
            byte[] packets = Files.readAllBytes(dir.resolve(name + ".packets"));
            String json = Files.readString(dir.resolve(name + ".json"));
            String hex = json.replaceAll("(?s).*\"oti_hex\": \"([0-9a-f]+)\".*", "$1");
            Oti oti = Oti.parseHex(hex);
            int t = oti.symbolSize();
            int k = (int) oti.totalSymbols();
            ByteBuffer src = ByteBuffer.allocateDirect(k * t);
            src.put(data);
            Codec codec = Codec.create(JavaSymbolKernel.INSTANCE);
            long t0 = System.nanoTime();
            try (BlockEncoder enc = codec.encode(k, t, src, 0)) {
                long t1 = System.nanoTime();
                int psize = 4 + t;
                int mismatches = 0;
                ByteBuffer out = ByteBuffer.allocateDirect(t);
                for (int off = 0; off < packets.length; off += psize) {
                    int esi = ((packets[off + 1] & 0xFF) << 16) | ((packets[off + 2] & 0xFF) << 8) | (packets[off + 3] & 0xFF);
                    enc.writeSymbol(esi, out, 0);
                    byte[] got = new byte[t];
                    out.get(0, got);
                    byte[] want = java.util.Arrays.copyOfRange(packets, off + 4, off + 4 + t);
                    if (!java.util.Arrays.equals(got, want)) {
                        mismatches++;
                    }
                }
                System.out.println(name + " K=" + k + " mismatches=" + mismatches + " of " + packets.length / psize
                        + " encode ms=" + (t1 - t0) / 1e6);
                assertEquals(0, mismatches, name);
            }
        }
    }
}
