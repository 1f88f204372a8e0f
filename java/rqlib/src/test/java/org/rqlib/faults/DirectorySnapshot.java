package org.rqlib.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a directory with its SHA-256 (directories as "dir"): two snapshots are equal exactly when a
 * failed operation left the tree as it found it. Immutable.
 */
public record DirectorySnapshot(Map<String, String> entries) {

    public static DirectorySnapshot of(Path root) {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String name = root.relativize(p).toString();
                entries.put(name, describe(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DirectorySnapshot(entries);
    }

    /** A folder, a link (never followed), a FIFO or device (never opened: it could block), or a file's hash. */
    private static String describe(Path p) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory()) {
            return "dir";
        }
        if (attributes.isSymbolicLink()) {
            return "link to " + Files.readSymbolicLink(p);
        }
        if (!attributes.isRegularFile()) {
            return "special";
        }
        return sha256(Files.readAllBytes(p));
    }

    /** The entries that differ from {@code other}, for a short failure message. */
    public String diff(DirectorySnapshot other) {
        Map<String, String> changes = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String there = other.entries.get(e.getKey());
            if (!e.getValue().equals(there)) {
                changes.put(e.getKey(), there == null ? "gone" : "changed");
            }
        }
        for (String key : other.entries.keySet()) {
            if (!entries.containsKey(key)) {
                changes.put(key, "new");
            }
        }
        return changes.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
