package org.rqlib.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Routes every operation on {@link FaultyPath}s to the real provider after asking the {@link FaultPlan}. */
public final class FaultyFileSystemProvider extends FileSystemProvider {
    static final String SCHEME = "faulty";

    private final FaultyFileSystem fileSystem;
    private final FaultPlan plan;
    private final FileSystemProvider real = java.nio.file.FileSystems.getDefault().provider();

    FaultyFileSystemProvider(FaultyFileSystem fileSystem, FaultPlan plan) {
        this.fileSystem = fileSystem;
        this.plan = plan;
    }

    FaultPlan plan() {
        return plan;
    }

    private static Path r(Path path) {
        return FaultyPath.unwrap(path);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("use FaultyFileSystem.with(plan)");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fileSystem;
    }

    @Override
    public Path getPath(URI uri) {
        return fileSystem.wrap(Path.of(uri.getPath()));
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean writing = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        plan.before(writing ? IoOperation.OPEN_WRITE : IoOperation.OPEN_READ, r(path));
        return new FaultyFileChannel(real.newFileChannel(r(path), options, attrs), plan, r(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        plan.before(IoOperation.LIST, r(dir));
        DirectoryStream<Path> entries = real.newDirectoryStream(r(dir), p -> filter.accept(fileSystem.wrap(p)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> it = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fileSystem.wrap(it.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        plan.before(IoOperation.CREATE_DIRECTORY, r(dir));
        real.createDirectory(r(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        plan.before(IoOperation.DELETE, r(path));
        real.delete(r(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        plan.before(IoOperation.WRITE, r(target));
        real.copy(r(source), r(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        plan.before(IoOperation.MOVE, r(target));
        real.move(r(source), r(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return real.isSameFile(r(path), r(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return real.isHidden(r(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return real.getFileStore(r(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        plan.before(IoOperation.ATTRIBUTES, r(path));
        real.checkAccess(r(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return real.getFileAttributeView(r(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        plan.before(IoOperation.ATTRIBUTES, r(path));
        return real.readAttributes(r(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        plan.before(IoOperation.ATTRIBUTES, r(path));
        return real.readAttributes(r(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        real.setAttribute(r(path), attribute, value, options);
    }
}
