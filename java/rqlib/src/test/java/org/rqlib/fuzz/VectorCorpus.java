package org.rqlib.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rqlib.codec.Oti;

/**
 * The fuzz corpus built from {@code testdata/vectors/}: every vector's OTI, and the object and packet file of
 * the vectors small enough to decode thousands of times in a test run. Loaded once. Immutable.
 */
public final class VectorCorpus {
    /** Vectors whose blocks decode in well under a millisecond or two; the large-K ones only lend their OTI. */
    private static final List<String> SMALL = List.of("k1_exact", "k8_t32", "k_table_edge", "k101", "odd_tail",
            "small_k10", "tiny_1byte", "t4_al4", "subblocks_n4");

    /** One vector: its OTI, object bytes and packet file (packets of 4 + T bytes, concatenated). */
    public record Vector(String name, Oti oti, byte[] data, byte[] packets) {
        public int packetSize() {
            return 4 + oti.symbolSize();
        }

        public int packetCount() {
            return packets.length / packetSize();
        }

        public byte[] packet(int i) {
            return java.util.Arrays.copyOfRange(packets, i * packetSize(), (i + 1) * packetSize());
        }
    }

    private static final List<byte[]> OTIS = new ArrayList<>();
    private static final List<Vector> SMALL_VECTORS = new ArrayList<>();

    static {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path meta : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = json.readTree(meta.toFile());
                Oti oti = Oti.parseHex(node.get("oti_hex").asText());
                OTIS.add(oti.toBytes());
                String name = node.get("name").asText();
                if (SMALL.contains(name)) {
                    SMALL_VECTORS.add(new Vector(name, oti,
                            Files.readAllBytes(directory().resolve(node.get("data_file").asText())),
                            Files.readAllBytes(directory().resolve(node.get("packets_file").asText()))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (OTIS.isEmpty() || SMALL_VECTORS.size() != SMALL.size()) {
            throw new IllegalStateException("fuzz corpus incomplete in " + directory() + ": " + OTIS.size()
                    + " OTIs, small vectors " + SMALL_VECTORS.stream().map(Vector::name).toList());
        }
    }

    private VectorCorpus() {
    }

    /** {@code testdata/vectors}, from the system property the build sets. */
    public static Path directory() {
        String dir = System.getProperty("rqlib.vectors");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("vectors not found: rqlib.vectors=" + dir);
        }
        return Path.of(dir);
    }

    /** The 12-byte OTI of every vector. */
    public static List<byte[]> otis() {
        return List.copyOf(OTIS);
    }

    public static List<Vector> smallVectors() {
        return List.copyOf(SMALL_VECTORS);
    }

    /** Every packet of every small vector, as a splice source for mutations. */
    public static List<byte[]> packets() {
        List<byte[]> all = new ArrayList<>();
        for (Vector v : SMALL_VECTORS) {
            for (int i = 0; i < v.packetCount(); i++) {
                all.add(v.packet(i));
            }
        }
        return all;
    }
}
