package org.rqlib.faults;

import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fault-injection seam: a file system over the real one whose every open, read, write, move, delete and
 * listing first asks a {@link FaultPlan}. rqlib's file layer takes {@link Path}s and does all I/O through
 * {@code Files} and {@code FileChannel.open}, which dispatch on the path's provider, so a test hands it
 * {@link #wrap wrapped} paths and needs no hook inside rqlib. Thread-safe.
 */
public final class FaultyFileSystem extends FileSystem {
    private final FaultyFileSystemProvider provider;
    private final FileSystem real = FileSystems.getDefault();

    private FaultyFileSystem(FaultPlan plan) {
        this.provider = new FaultyFileSystemProvider(this, plan);
    }

    public static FaultyFileSystem with(FaultPlan plan) {
        return new FaultyFileSystem(plan);
    }

    /** The same file, seen through this file system. */
    public Path wrap(Path realPath) {
        return new FaultyPath(this, realPath);
    }

    public FaultPlan plan() {
        return provider.plan();
    }

    @Override
    public FaultyFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // nothing to release: the real file system stays open
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        real.getRootDirectories().forEach(r -> roots.add(wrap(r)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = real.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(FaultyPath.unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("watching a faulty file system");
    }
}
