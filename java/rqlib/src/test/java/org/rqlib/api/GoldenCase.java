package org.rqlib.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One case of the original library's golden outputs in {@code rqlib.vectors/rq-library}. */
record GoldenCase(Path dir, JsonNode settings) {
    static Path vectorsRoot() {
        String root = System.getProperty("rqlib.vectors");
        assertTrue(root != null && Files.isDirectory(Path.of(root, "rq-library")),
                "system property rqlib.vectors must point at testdata/vectors (has rq-library/), got " + root);
        return Path.of(root, "rq-library");
    }

    static List<GoldenCase> all() throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(vectorsRoot())) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("case.json"))) {
                    cases.add(new GoldenCase(dir, new ObjectMapper().readTree(dir.resolve("case.json").toFile())));
                }
            }
        }
        return cases;
    }

    String name() {
        return settings.get("name").asText();
    }

    boolean allSymbolsKept() {
        return "all".equals(settings.get("symbols_kept").asText());
    }

    RaptorQ.Builder builder() {
        return RaptorQ.builder()
                .symbolSize(settings.get("symbol_size").asInt())
                .redundancyFactor(settings.get("redundancy_factor").asInt())
                .blockSize(settings.get("block_size").asLong())
                .layoutMemory(settings.get("max_memory_mb").asLong() << 20);
    }

    /** The input: kept as input.bin, or regenerated from the seed as the vectors' README says. */
    Path input(Path workDir) throws IOException {
        Path kept = dir.resolve("input.bin");
        if (Files.isRegularFile(kept)) {
            return kept;
        }
        Path made = workDir.resolve(name() + ".bin");
        writeSeeded(made, settings.get("seed").asLong(), settings.get("file_size").asLong());
        return made;
    }

    /** Byte i is the low 8 bits of x >> 33 after x = x * 6364136223846793005 + 1442695040888963407. */
    static void writeSeeded(Path file, long seed, long size) throws IOException {
        long x = seed;
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(chunk.length, size - done);
                for (int i = 0; i < n; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    chunk[i] = (byte) (x >>> 33);
                }
                out.write(chunk, 0, n);
                done += n;
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
