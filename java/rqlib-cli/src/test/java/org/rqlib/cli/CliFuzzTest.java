package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rqlib.faults.DirectorySnapshot;
import org.rqlib.fuzz.FuzzBudget;
import org.rqlib.fuzz.FuzzHarness;
import org.rqlib.fuzz.FuzzReport;
import org.rqlib.fuzz.FuzzSample;
import org.rqlib.fuzz.Mutator;
import org.rqlib.fuzz.VectorCorpus;

/**
 * Fuzzes {@code rq} through {@link RqCommand#execute} with mutated argument lists built from valid command lines:
 * arguments dropped, repeated, swapped, replaced by edge tokens (empty, dashes, unknown options, numbers at and
 * past int and ESI limits, suffixed or Unicode numbers, argument files), and OTIs mutated byte by byte. Every run
 * must return an exit code in {0, 1, 2, 3}, throw nothing, print no stack trace (ErrorReporter prints one only for
 * an exception that is not rqlib's or I/O's, i.e. a bug) and leave no temporary file.
 *
 * <p>File arguments are names inside the test's directory, or tokens used as relative paths, which land in the
 * working directory surefire gives this module (target/test-cwd, see its pom); numbers are only replaced whole: a byte-level mutation of {@code --repair 5} into
 * {@code --repair 9999999} would be a legitimate request for gigabytes of packets, not a bug. {@code rq bench}
 * runs only as {@code bench --help}: a real benchmark takes seconds per input.
 */
class CliFuzzTest {
    private static final VectorCorpus.Vector VECTOR = VectorCorpus.smallVectors().stream()
            .filter(v -> v.name().equals("small_k10")).findFirst().orElseThrow();
    private static final List<String> TOKENS = List.of("", "-", "--", "--oti", "--repair", "--help", "-h", "-V",
            "--version", "--unknown", "-x", "encode", "decode", "packets", "info", "help", "-1", "0", "1",
            "2147483647", "2147483648", "-2147483649", "16777215", "16777216", "99999999999999999999", "1e3", "0x10",
            "64k", "+3", " 5", "\u0665", "NaN", "--repair=", "--oti=", "--oti=00", "-Dx=y", "\u0000", "%s%n",
            "encode", "metadata", "--symbol-size", "--redundancy", "--block-size", "--layout-memory",
            "--memory-limit", "--threads", "--layout", "-q", "--quiet", "4m", "1g", "8", "7", "65536", "999999999999g",
            "1.5m", "m", "0b", "2t", "--memory-limit=1", "--threads=0", "--symbol-size=-8");
    private static final Set<Integer> EXIT_CODES = Set.of(0, 1, 2, 3);

    @TempDir
    Path dir;

    private List<String> paths;
    private DirectorySnapshot encoded;
    private final java.util.Map<Integer, Integer> exitCodes = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeEach
    void fixtures() throws IOException {
        Files.createDirectories(dir.resolve("adir"));
        Files.writeString(dir.resolve("args.txt"), "info\n");
        paths = List.of(p("data.bin"), p("in.packets"), p("out.bin"), p("out.packets"), p("adir"), p("adir/"),
                p("missing/x.bin"), p("missing"), "@" + p("args.txt"), "@" + p("missing.txt"), "@" + p("in.packets"),
                p("enc"), p("encout"), p("layout.json"), p("enc/_raptorq_layout.json"), p("enc/block_0"));
        Files.write(dir.resolve("data.bin"), VECTOR.data());
        int code = RqCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "encode", p("data.bin"), p("enc"), "--symbol-size", "1024", "--redundancy", "2", "-q");
        assertTrue(code == 0, "fixture encode failed: " + code);
        encoded = DirectorySnapshot.of(dir.resolve("enc"));
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void everyArgumentListEndsInADocumentedExitCode() {
        FuzzReport report = new FuzzHarness("cli-argv", FuzzBudget.forTarget(1500), 30_000)
                .accepting(e -> false)
                .run(this::input);
        assertTrue(report.findings().isEmpty(), report.details());
        assertTrue(report.passed() == report.inputs(), report.summary());
        System.out.println("cli-argv exit codes: " + exitCodes);
        // the mutations must reach success, bad input and usage errors alike, or the fuzzer tests too little
        assertTrue(exitCodes.keySet().containsAll(Set.of(0, 1, 2)), "exit codes seen: " + exitCodes);
    }

    private void input(Random random, FuzzSample sample) throws IOException {
        resetFixtures();
        List<String> argv = mutate(template(random), random);
        if (argv.contains("bench") || argv.contains("@" + p("in.packets")) && argv.contains("bench")) {
            argv = List.of("bench", "--help");
        }
        sample.bytes(String.join("\n", argv).getBytes(StandardCharsets.UTF_8));
        sample.describe(argv.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RqCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), argv.toArray(new String[0]));
        exitCodes.merge(code, 1, Integer::sum);
        assertTrue(EXIT_CODES.contains(code), "exit code " + code + " for " + argv + "\n" + err);
        assertFalse(err.toString().contains("\tat "), "unexpected exception for " + argv + ":\n" + err);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> partial = files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
            assertTrue(partial.isEmpty(), "temporary files left by " + argv + ": " + partial);
        }
        if (code != 0 && argv.contains("encode") && !argv.contains(p("enc"))) {
            assertFalse(Files.exists(dir.resolve("encout/_raptorq_layout.json")), "failed " + argv + " left a layout");
        }
        if (code != 0 && !argv.contains(p("out.bin"))) {
            assertFalse(Files.exists(dir.resolve("out.bin")), "failed " + argv + " wrote out.bin");
        }
        if (!argv.contains(p("data.bin")) || code != 0) {
            assertArrayEquals(VECTOR.data(), Files.readAllBytes(dir.resolve("data.bin")), "input changed by " + argv);
        }
    }

    private void resetFixtures() throws IOException {
        Files.write(dir.resolve("data.bin"), VECTOR.data());
        Files.write(dir.resolve("in.packets"), VECTOR.packets());
        // any output name may have become a file or a folder (rq encode FILE out.bin makes a folder)
        for (String output : List.of("out.bin", "out.packets", "layout.json", "encout")) {
            deleteTree(dir.resolve(output));
        }
        if (!Files.isDirectory(dir.resolve("enc")) || !encoded.equals(DirectorySnapshot.of(dir.resolve("enc")))) {
            // a mutated decode may have written its output over the fixture (e.g. onto the layout): rebuild it
            deleteTree(dir.resolve("enc"));
            RqCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                    "encode", p("data.bin"), p("enc"), "--symbol-size", "1024", "--redundancy", "2", "-q");
            assertTrue(encoded.equals(DirectorySnapshot.of(dir.resolve("enc"))), "fixture not rebuilt");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private List<String> template(Random random) {
        String oti = VECTOR.oti().toHex();
        List<List<String>> templates = List.of(
                List.of("packets", "encode", "--oti", oti, p("data.bin"), p("out.packets"), "--repair", "5"),
                List.of("packets", "decode", "--oti", oti, p("in.packets"), p("out.bin")),
                List.of("packets", "decode", "--oti", oti, p("in.packets"), p("out.bin")),
                List.of("info"), List.of("--help"), List.of("--version"), List.of("packets", "--help"),
                List.of("help", "packets"), List.of("packets", "encode", "--help"), List.of("bench", "--help"),
                List.of("packets"), List.of(),
                List.of("encode", p("data.bin"), p("encout"), "--symbol-size", "1024", "--redundancy", "2",
                        "--memory-limit", "64m", "--threads", "2", "-q"),
                List.of("metadata", p("data.bin"), p("layout.json"), "--symbol-size", "512", "--block-size", "4k", "-q"),
                List.of("decode", p("enc"), p("out.bin"), "--memory-limit", "64m", "--threads", "2", "-q"),
                List.of("decode", p("enc"), p("out.bin"), "--layout", p("enc/_raptorq_layout.json")),
                List.of("encode", "--help"), List.of("decode", "--help"), List.of("metadata", "--help"));
        return new ArrayList<>(templates.get(random.nextInt(templates.size())));
    }

    private List<String> mutate(List<String> argv, Random random) {
        int rounds = random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int at = argv.isEmpty() ? 0 : random.nextInt(argv.size());
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (!argv.isEmpty()) {
                        argv.remove(at);
                    }
                }
                case 1 -> {
                    if (!argv.isEmpty()) {
                        argv.add(random.nextInt(argv.size() + 1), argv.get(at));
                    }
                }
                case 2 -> {
                    if (argv.size() > 1) {
                        Collections.swap(argv, at, random.nextInt(argv.size()));
                    }
                }
                case 3 -> argv.add(random.nextInt(argv.size() + 1), TOKENS.get(random.nextInt(TOKENS.size())));
                case 4 -> replace(argv, at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 5 -> replace(argv, at, paths.get(random.nextInt(paths.size())));
                default -> mutateOti(argv, random);
            }
        }
        return argv;
    }

    private static void replace(List<String> argv, int at, String token) {
        if (argv.isEmpty()) {
            argv.add(token);
        } else {
            argv.set(at, token);
        }
    }

    /** Mutates the bytes of the OTI argument, if there is one, as hex digits or as the bytes behind them. */
    private static void mutateOti(List<String> argv, Random random) {
        int at = argv.indexOf("--oti") + 1;
        if (at == 0 || at >= argv.size()) {
            return;
        }
        byte[] text = argv.get(at).getBytes(StandardCharsets.ISO_8859_1);
        byte[] mutated = Mutator.mutate(text, List.of(text), random);
        argv.set(at, new String(mutated, StandardCharsets.ISO_8859_1));
    }
}
