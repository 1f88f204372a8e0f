package org.rqlib.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rqlib.RqlibIoException;

/**
 * Writes symbol files into {@code OUT/block_<i>/<id>}: each to a temporary name first, renamed once complete, so
 * a crash never leaves a file whose name lies about its bytes. Remembers what it created so that a failed encode
 * can remove it all ({@link #removeAll()}): the block folders it made (everything in them is its own, so they are
 * emptied by listing them) and the files it wrote into folders that were there before. It does not remember each
 * file of a folder it made: that took about 250 bytes of heap per symbol file, so a 20 GiB encode at 64m (655,000
 * files) died with an OutOfMemoryError after 10 of its 16 blocks. Thread-safe.
 */
public final class SymbolDirectoryWriter implements SymbolSink {
    private final Path outDir;
    /** Block folders in use: the ones this writer made, and ones that were there before. */
    private final Set<Path> createdDirs = ConcurrentHashMap.newKeySet();
    private final Set<Path> madeDirs = ConcurrentHashMap.newKeySet();
    /** Files written into folders this writer did not make (a store's existing directory). */
    private final Set<Path> createdFiles = ConcurrentHashMap.newKeySet();

    public SymbolDirectoryWriter(Path outDir) {
        this.outDir = outDir;
    }

    @Override
    public void store(int block, int sbn, int esi, ByteBuffer symbol, int offset, int length, String id) {
        Path dir = blockDirectory(block);
        Path target = dir.resolve(id);
        Path temp = dir.resolve(id + ".part");
        boolean tracked = !madeDirs.contains(dir);
        ByteBuffer header = ByteBuffer.allocate(4).putInt(0, SymbolSink.payloadId(sbn, esi));
        ByteBuffer body = symbol.slice(offset, length);
        if (tracked) {
            createdFiles.add(temp);
        }
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer[] parts = {header, body};
            while (body.hasRemaining()) {
                out.write(parts);
            }
        } catch (IOException e) {
            throw new RqlibIoException("writing symbol " + esi + " of source block " + sbn + " to " + temp, e);
        }
        try {
            if (tracked) {
                createdFiles.add(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            createdFiles.remove(temp);
        } catch (IOException e) {
            throw new RqlibIoException("renaming " + temp + " to " + target, e);
        }
    }

    private Path blockDirectory(int block) {
        Path dir = outDir.resolve("block_" + block);
        if (!createdDirs.contains(dir)) {
            synchronized (this) {
                if (!createdDirs.contains(dir)) {
                    try {
                        Files.createDirectories(outDir);
                        Files.createDirectory(dir);
                        madeDirs.add(dir);
                    } catch (FileAlreadyExistsException e) {
                        if (!Files.isDirectory(dir)) {
                            throw new RqlibIoException("creating " + dir, e);
                        }
                    } catch (IOException e) {
                        throw new RqlibIoException("creating " + dir, e);
                    }
                    createdDirs.add(dir);
                }
            }
        }
        return dir;
    }

    /** Deletes every file and directory this writer created; returns the paths it could not delete. */
    public List<Path> removeAll() {
        List<Path> failed = new ArrayList<>();
        for (Path file : createdFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failed.add(file);
            }
        }
        for (Path dir : madeDirs) {
            // a folder this writer made holds only its files (symbols and their temporary names)
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        failed.add(file);
                    }
                }
            } catch (IOException e) {
                failed.add(dir);
            }
        }
        for (Path dir : createdDirs) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                failed.add(dir);
            }
        }
        createdFiles.clear();
        createdDirs.clear();
        madeDirs.clear();
        return failed;
    }

    /** Files remembered one by one (those written into folders this writer did not make), for tests. */
    int filesRemembered() {
        return createdFiles.size();
    }
}
