package org.rqlib.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens files for reading only when they are regular files. A FIFO blocks {@code open()} until a writer comes
 * (forever, in a hostile directory), and a device such as {@code /dev/zero} never ends, so neither may be
 * opened. Symbol files are opened without following a symbolic link, so a link cannot lead a decode out of its
 * directory; files the caller names (the input, a layout) may be links to a regular file. Stateless.
 *
 * <p>The type is checked just before the open: a FIFO put in place between the two is not caught (Java cannot
 * open with {@code O_NONBLOCK}); that needs a writer racing the reader inside the directory.
 */
public final class RegularFiles {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    private RegularFiles() {
    }

    /** Thrown when a path is there but is not a regular file (a FIFO, a device, a folder, a link not followed). */
    public static final class NotRegularFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        NotRegularFileException(Path file, String kind) {
            super(file.toString(), null, "is " + kind + ", not a regular file");
        }
    }

    /** Opens {@code file} for reading; it must be a regular file itself, not a link to one. */
    public static FileChannel openNoFollow(Path file) throws IOException {
        check(file, NO_FOLLOW);
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** Opens {@code file} for reading; it must be a regular file or a link to one. */
    public static FileChannel open(Path file) throws IOException {
        check(file, FOLLOW);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Opens {@code file} with {@code options} (NOFOLLOW_LINKS added) after checking it is a regular file. */
    public static FileChannel openNoFollow(Path file, OpenOption... options) throws IOException {
        check(file, NO_FOLLOW);
        OpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = LinkOption.NOFOLLOW_LINKS;
        return FileChannel.open(file, all);
    }

    /** Whether {@code file} is a regular file itself (not a link, FIFO, device or folder); false when absent. */
    public static boolean isRegularNoFollow(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, NO_FOLLOW).isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code file} is a folder itself, not a link to one. */
    public static boolean isDirectoryNoFollow(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, NO_FOLLOW).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Throws unless {@code file} is a regular file or a link to one: call it before handing a path the caller named
     * (a layout) to code that opens it, so a FIFO or a device is refused instead of blocking or never ending.
     */
    public static void requireRegular(Path file) throws IOException {
        check(file, FOLLOW);
    }

    private static void check(Path file, LinkOption[] links) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, links);
        if (!attributes.isRegularFile()) {
            throw new NotRegularFileException(file, kind(attributes));
        }
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a folder";
        }
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        return "a FIFO, socket or device";
    }
}
