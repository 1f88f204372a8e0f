package org.rqlib.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden outputs of the original library in {@code testdata/vectors/rq-library/}: every layout file (a
 * corpus for layout fuzzing) and the cases whose symbols were all kept (a corpus for symbol directory fuzzing).
 */
public final class GoldenCorpus {
    private GoldenCorpus() {
    }

    public static Path directory() {
        return VectorCorpus.directory().resolve("rq-library");
    }

    /** Every {@code _raptorq_layout.json}. */
    public static List<byte[]> layouts() {
        List<byte[]> layouts = new ArrayList<>();
        try (Stream<Path> cases = Files.list(directory())) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                layouts.add(Files.readAllBytes(dir.resolve("_raptorq_layout.json")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (layouts.size() < 5) {
            throw new IllegalStateException("expected the five golden layouts in " + directory());
        }
        return layouts;
    }

    /** Cases with input.bin and every symbol file: they decode back to the input. */
    public static List<Path> completeCases() {
        return List.of(directory().resolve("hello"), directory().resolve("small70k"), directory().resolve("blocks3"));
    }
}
