package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rq packets} end to end: round trips, the vectors' exact bytes, and exit codes with clear messages. */
class PacketsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int rq(String... args) {
        return RqCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void encodesTheVectorsPacketFileByteForByte() throws IOException {
        Path vectors = Path.of(System.getProperty("rqlib.vectors"));
        // k101 has repair ESIs 101..111 then far ESIs; its first K+11 packets are what --repair 11 writes
        byte[] expected = Files.readAllBytes(vectors.resolve("k101.packets"));
        Path packets = dir.resolve("k101.packets");
        assertEquals(0, rq("packets", "encode", "--oti", "000000327b00008001000108",
                vectors.resolve("k101.bin").toString(), packets.toString(), "--repair", "11"), err.toString());
        byte[] actual = Files.readAllBytes(packets);
        assertEquals(112 * 132, actual.length);
        assertArrayEquals(java.util.Arrays.copyOf(expected, actual.length), actual);
    }

    @Test
    void roundTripsThroughALossyShuffledSubsetWithSubBlocksAndSourceBlocks() throws IOException {
        Random random = new Random(77);
        byte[] data = new byte[300_001];
        random.nextBytes(data);
        Path input = dir.resolve("data.bin");
        Files.write(input, data);
        String oti = String.format("%010x00%04x%02x%04x%02x", data.length, 1024, 3, 4, 8);
        Path packets = dir.resolve("all.packets");
        assertEquals(0, rq("packets", "encode", "--oti", oti, input.toString(), packets.toString(), "--repair", "40"),
                err.toString());

        byte[] all = Files.readAllBytes(packets);
        int size = 4 + 1024;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.length / size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        // drop 30 of each 140-odd packets at random: every block keeps well over K + 2
        List<Integer> kept = order.subList(0, order.size() - 90);
        byte[] subset = new byte[kept.size() * size];
        for (int i = 0; i < kept.size(); i++) {
            System.arraycopy(all, kept.get(i) * size, subset, i * size, size);
        }
        Path lossy = dir.resolve("lossy.packets");
        Files.write(lossy, subset);
        Path output = dir.resolve("out.bin");
        assertEquals(0, rq("packets", "decode", "--oti", oti, lossy.toString(), output.toString()), err.toString());
        assertArrayEquals(data, Files.readAllBytes(output));
    }

    @Test
    void tooFewPacketsExitOneNamingTheBlockAndLeaveNoOutput() throws IOException {
        Path vectors = Path.of(System.getProperty("rqlib.vectors"));
        byte[] packets = Files.readAllBytes(vectors.resolve("k101.packets"));
        Path partial = dir.resolve("partial.packets");
        Files.write(partial, java.util.Arrays.copyOf(packets, 90 * 132));
        Path output = dir.resolve("out.bin");
        assertEquals(1, rq("packets", "decode", "--oti", "000000327b00008001000108", partial.toString(),
                output.toString()));
        assertTrue(err.toString().contains("source block 0") && err.toString().contains("11 more"), err.toString());
        assertFalse(Files.exists(output));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void badInputExitsOneWithTheFieldNamed() throws IOException {
        Path data = dir.resolve("d.bin");
        Files.write(data, new byte[1000]);
        Path packets = dir.resolve("p.packets");
        expectBadInput("T=1001 is not a multiple of the alignment Al=8",
                "packets", "encode", "--oti", "00000003e8" + "00" + "03e9" + "01" + "0001" + "08", data.toString(),
                packets.toString());
        expectBadInput("Z=0", "packets", "encode", "--oti", "00000003e8" + "00" + "0040" + "00" + "0001" + "08",
                data.toString(), packets.toString());
        expectBadInput("N=0", "packets", "encode", "--oti", "00000003e8" + "00" + "0040" + "01" + "0000" + "08",
                data.toString(), packets.toString());
        expectBadInput("has 1000 bytes but the OTI says F=999",
                "packets", "encode", "--oti", "00000003e7" + "00" + "0040" + "01" + "0001" + "08", data.toString(),
                packets.toString());
        expectBadInput("exceed K'max=56403",
                "packets", "encode", "--oti", "000006e2a0" + "00" + "0008" + "01" + "0001" + "08", data.toString(),
                packets.toString());
        expectBadInput("F=946270874881",
                "packets", "encode", "--oti", "dc5223ad01" + "00" + "ffff" + "ff" + "0001" + "01", data.toString(),
                packets.toString());

        String oti = "00000003e8" + "00" + "0040" + "01" + "0001" + "08";
        Files.write(packets, new byte[68 * 2 + 5]);
        expectBadInput("not a multiple of the packet size 68", "packets", "decode", "--oti", oti, packets.toString(),
                dir.resolve("o").toString());
        byte[] wrongBlock = new byte[68];
        wrongBlock[0] = 1;
        Files.write(packets, wrongBlock);
        expectBadInput("SBN=1 but the object has Z=1", "packets", "decode", "--oti", oti, packets.toString(),
                dir.resolve("o").toString());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void usageErrorsExitTwoAndHelpWorksEverywhere() {
        assertEquals(2, rq("packets", "encode", "--oti"));
        assertEquals(2, rq("packets", "decode"));
        assertEquals(2, rq("no-such-command"));
        assertEquals(2, rq("packets", "encode", "--oti", "00", "a", "b", "--repair", "many"));
        for (String[] help : new String[][] {{"--help"}, {"packets", "--help"}, {"packets", "encode", "--help"},
            {"packets", "decode", "--help"}, {"info", "--help"}, {"bench", "--help"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, rq(help), String.join(" ", help));
            assertTrue(out.toString().contains("Usage: rq"), out.toString());
        }
    }

    private void expectBadInput(String message, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(1, rq(args), String.join(" ", args) + " -> " + err);
        assertTrue(err.toString().contains(message), () -> "'" + err + "' lacks '" + message + "'");
    }
}
