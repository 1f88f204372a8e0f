package org.rqlib.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Seeded test inputs and symbol directory surgery. */
final class TestFiles {
    private TestFiles() {
    }

    static Path random(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        GoldenCase.writeSeeded(file, seed, size);
        return file;
    }

    static List<Path> symbolFiles(Path outDir) throws IOException {
        try (Stream<Path> s = Files.walk(outDir)) {
            List<Path> files = new ArrayList<>(s.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().startsWith("block_")).sorted().toList());
            return files;
        }
    }

    /** Deletes a seeded random {@code fraction} of the symbol files; returns how many. */
    static int deleteFraction(Path outDir, double fraction, long seed) throws IOException {
        List<Path> files = symbolFiles(outDir);
        Collections.shuffle(files, new Random(seed));
        int n = (int) (files.size() * fraction);
        for (Path p : files.subList(0, n)) {
            Files.delete(p);
        }
        return n;
    }

    /** Every file under dir with its bytes' SHA-256, by relative path. */
    static List<String> listing(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.add(dir.relativize(p) + " " + GoldenVectorsTest.sha256(p));
            }
        }
        return out;
    }
}
