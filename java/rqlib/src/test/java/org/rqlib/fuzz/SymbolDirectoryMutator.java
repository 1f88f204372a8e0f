package org.rqlib.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damages a copy of a symbol directory the way storage does: symbol files corrupted, truncated, renamed, moved to
 * another block folder or the top level, deleted, replaced by a folder; extra files and folders added; the layout
 * mutated. Each call says what it did, for the finding report. Stateless.
 */
final class SymbolDirectoryMutator {
    private SymbolDirectoryMutator() {
    }

    /** Copies the layout and the block folders of {@code golden} into {@code target} (which must not exist). */
    static void copy(Path golden, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(golden)) {
            for (Path p : walk.toList()) {
                String rel = golden.relativize(p).toString();
                if (rel.isEmpty() || rel.startsWith("block_") || rel.equals("_raptorq_layout.json")) {
                    Path to = target.resolve(rel);
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                        to.toFile().setWritable(true);
                    }
                }
            }
        }
    }

    /** Applies one to three damages; returns their description. */
    static String mutate(Path dir, Random random, List<byte[]> layouts) throws IOException {
        StringBuilder done = new StringBuilder();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            List<Path> symbols = symbolFiles(dir);
            if (symbols.isEmpty()) {
                break;
            }
            Path victim = symbols.get(random.nextInt(symbols.size()));
            Path other = symbols.get(random.nextInt(symbols.size()));
            String name = dir.relativize(victim).toString();
            switch (random.nextInt(9)) {
                case 0 -> {
                    Files.write(victim, Mutator.mutate(Files.readAllBytes(victim), List.of(Files.readAllBytes(other)),
                            random));
                    done.append("corrupted ").append(name);
                }
                case 1 -> {
                    byte[] bytes = Files.readAllBytes(victim);
                    Files.write(victim, java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
                    done.append("truncated ").append(name);
                }
                case 2 -> {
                    Files.move(victim, other, StandardCopyOption.REPLACE_EXISTING);
                    done.append("renamed ").append(name).append(" over ").append(dir.relativize(other));
                }
                case 3 -> {
                    Path extra = random.nextBoolean() ? victim.resolveSibling(fakeId(random)) : dir.resolve(fakeId(random));
                    if (random.nextBoolean()) {
                        Files.copy(other, extra, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        byte[] junk = new byte[random.nextInt(2000)];
                        random.nextBytes(junk);
                        Files.write(extra, junk);
                    }
                    done.append("added ").append(dir.relativize(extra));
                }
                case 4 -> {
                    int n = random.nextInt(Math.max(1, symbols.size() / 2));
                    java.util.Collections.shuffle(symbols, random);
                    for (Path p : symbols.subList(0, n)) {
                        Files.delete(p);
                    }
                    done.append("deleted ").append(n).append(" of ").append(symbols.size());
                }
                case 5 -> {
                    Path to = random.nextBoolean() ? dir.resolve(victim.getFileName())
                            : dir.resolve("block_" + random.nextInt(4)).resolve(victim.getFileName());
                    Files.createDirectories(to.getParent());
                    Files.move(victim, to, StandardCopyOption.REPLACE_EXISTING);
                    done.append("moved ").append(name).append(" to ").append(dir.relativize(to));
                }
                case 6 -> {
                    Files.delete(victim);
                    Files.createDirectory(victim);
                    done.append("replaced ").append(name).append(" by a folder");
                }
                case 7 -> {
                    Path layout = dir.resolve("_raptorq_layout.json");
                    if (Files.exists(layout)) {
                        Files.write(layout, JsonMutator.mutate(Files.readAllBytes(layout), layouts, random));
                        done.append("mutated the layout");
                    }
                }
                default -> {
                    Path stray = Files.createDirectories(dir.resolve("block_" + (3 + random.nextInt(3))));
                    Files.copy(other, stray.resolve(fakeId(random)), StandardCopyOption.REPLACE_EXISTING);
                    done.append("copied ").append(dir.relativize(other)).append(" into a stray block folder");
                }
            }
            done.append("; ");
        }
        return done.toString();
    }

    /**
     * Puts something that is not a regular file in place of a symbol file, or of the layout: a FIFO (opening one
     * blocks until a writer comes), a link to a FIFO or a device outside the directory, or a link to a genuine
     * symbol file moved out of the directory. A decode must skip each like a corrupt file, or refuse such a
     * layout, without blocking. {@code outside} is a folder beside the directory. Returns what it did.
     */
    static String nonRegular(Path dir, Path outside, Random random) throws IOException {
        List<Path> symbols = symbolFiles(dir);
        boolean layout = symbols.isEmpty() || random.nextInt(6) == 0;
        Path victim = layout ? dir.resolve("_raptorq_layout.json") : symbols.get(random.nextInt(symbols.size()));
        String name = dir.relativize(victim).toString();
        Files.createDirectories(outside);
        switch (random.nextInt(4)) {
            case 0 -> {
                Files.deleteIfExists(victim);
                mkfifo(victim);
                return "replaced " + name + " by a FIFO";
            }
            case 1 -> {
                Path fifo = outside.resolve("fifo-" + random.nextInt(1 << 20));
                mkfifo(fifo);
                Files.deleteIfExists(victim);
                Files.createSymbolicLink(victim, fifo);
                return "replaced " + name + " by a link to a FIFO outside";
            }
            case 2 -> {
                Files.deleteIfExists(victim);
                Files.createSymbolicLink(victim, Path.of("/dev/zero"));
                return "replaced " + name + " by a link to /dev/zero";
            }
            default -> {
                if (!Files.exists(victim)) {
                    return "nothing (no " + name + ")";
                }
                Path moved = outside.resolve(victim.getFileName().toString());
                Files.move(victim, moved, StandardCopyOption.REPLACE_EXISTING);
                Files.createSymbolicLink(victim, moved);
                return "moved " + name + " out of the directory, a link in its place";
            }
        }
    }

    private static void mkfifo(Path path) throws IOException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making a FIFO", e);
        }
    }

    static List<Path> symbolFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return new ArrayList<>(walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().equals("_raptorq_layout.json"))
                    .sorted(Comparator.naturalOrder()).toList());
        }
    }

    private static String fakeId(Random random) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 44; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p); // walk does not follow links: a link is deleted, never what it points to
            }
        }
    }
}
