package org.rqlib.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rqlib.CorruptDataException;
import org.rqlib.InvalidParameterException;
import org.rqlib.OutputLockedException;
import org.rqlib.RqlibIoException;
import org.rqlib.io.Blake3;
import org.rqlib.io.OutputDirectoryLock;
import org.rqlib.io.RegularFiles;
import org.rqlib.io.SymbolDirectoryWriter;

/**
 * The default store: the original library's directory, {@code DIR/block_<i>/<id>} and {@code DIR/_raptorq_layout.json},
 * byte for byte. Encoding into it with {@code RaptorQ.encode(..., store)} is {@code encodeFile} into the directory
 * (same checks, same clean-up), and decoding from it reads the directory as {@code decodeFile} does, flat
 * directories included. Its own methods, for a node that moves symbols itself, write through
 * rqlib's symbol directory writer (temporary name, then rename). Thread-safe.
 */
public final class DirectorySymbolStore implements SymbolStore {
    /** Name of the layout file inside the directory (the original's). */
    public static final String LAYOUT_FILE = "_raptorq_layout.json";

    private static final Random NAMES = new SecureRandom();

    private final Path directory;
    private final SymbolDirectoryWriter writer;

    public DirectorySymbolStore(Path directory) {
        this.directory = directory;
        this.writer = new SymbolDirectoryWriter(directory);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void writeSymbol(int block, String id, ByteBuffer file) {
        int length = file.remaining();
        if (length < 5) {
            throw new InvalidParameterException("symbol file " + id + " of block_" + block + " has " + length
                    + " bytes; it needs the 4-byte payload id and at least one symbol byte");
        }
        int at = file.position();
        String actual = Blake3.id(file, at, length);
        if (!actual.equals(id)) {
            throw new CorruptDataException("symbol file given as " + id + " for block_" + block
                    + " hashes to " + actual);
        }
        int payloadId = file.getInt(at);
        writer.accept(block, payloadId >>> 24, payloadId & 0xFFFFFF, file, at + 4, length - 4);
    }

    @Override
    public List<String> listSymbols(int block) {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.resolve("block_" + block))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".part") && Files.isRegularFile(file)) {
                    ids.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new RqlibIoException("listing " + directory.resolve("block_" + block), e);
        }
        return ids;
    }

    @Override
    public int readSymbol(int block, String id, ByteBuffer dst) {
        // only regular files, never through a link: a FIFO would block open() forever (RegularFiles)
        Path file = directory.resolve("block_" + block).resolve(id);
        if (!RegularFiles.isRegularNoFollow(file)) {
            Path flat = directory.resolve(id);   // a flat directory of symbols, as decodeFile accepts
            if (!RegularFiles.isRegularNoFollow(flat)) {
                return -1;
            }
            file = flat;
        }
        try (FileChannel channel = RegularFiles.openNoFollow(file)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
            ByteBuffer view = dst.slice(dst.position(), (int) Math.min(dst.remaining(), size));
            while (view.hasRemaining() && channel.read(view) >= 0) {
                // read on
            }
            dst.position(dst.position() + view.position());
            return (int) size;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new RqlibIoException("reading symbol file " + file, e);
        }
    }

    /**
     * Publishes the layout atomically and never over an existing one: a store that has a layout holds a complete
     * encode, and a second encode into the same directory must not replace it (its symbols would not match).
     *
     * @throws OutputLockedException when the directory has a layout already; it is left as it was
     */
    @Override
    public void publishLayout(byte[] layoutJson) {
        Path target = directory.resolve(LAYOUT_FILE);
        // a name of its own, so that two publishers racing into one directory both reach the no-replace step
        Path temp = directory.resolve("." + LAYOUT_FILE + "." + Long.toUnsignedString(NAMES.nextLong(), 36)
                + ".part");
        try {
            OutputDirectoryLock.publishNew(target, temp, out -> out.write(layoutJson));
        } catch (FileAlreadyExistsException e) {
            throw new OutputLockedException("layout " + target + " exists already: another encode published into "
                    + "this directory, and a layout is never replaced");
        } catch (IOException e) {
            throw new RqlibIoException("writing layout " + target, e);
        }
    }

    @Override
    public byte[] readLayout() {
        try {
            return Files.readAllBytes(directory.resolve(LAYOUT_FILE));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RqlibIoException("reading layout " + directory.resolve(LAYOUT_FILE), e);
        }
    }

    /** Removes the symbol files and block directories written through this store. */
    @Override
    public void discard() {
        writer.removeAll();
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public String toString() {
        return "DirectorySymbolStore[" + directory + "]";
    }
}
