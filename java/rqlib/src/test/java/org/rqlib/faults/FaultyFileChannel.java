package org.rqlib.faults;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A real file channel whose reads, writes and forces first ask the {@link FaultPlan}; writes may be cut short or
 * refused as on a full disk. Thread-safe as the channel it wraps.
 */
final class FaultyFileChannel extends FileChannel {
    private final FileChannel real;
    private final FaultPlan plan;
    private final Path path;

    FaultyFileChannel(FileChannel real, FaultPlan plan, Path path) {
        this.real = real;
        this.plan = plan;
        this.path = path;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        plan.before(IoOperation.READ, path);
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        plan.before(IoOperation.READ, path);
        return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        plan.before(IoOperation.READ, path);
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        plan.before(IoOperation.WRITE, path);
        return limited(src, () -> real.write(src));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        plan.before(IoOperation.WRITE, path);
        return limited(src, () -> real.write(src, position));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        plan.before(IoOperation.WRITE, path);
        // one buffer at a time, so that the disk quota applies to each
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer src = srcs[i];
            if (src.hasRemaining()) {
                int n = limited(src, () -> real.write(src));
                total += n;
                if (src.hasRemaining()) {
                    break;
                }
            }
        }
        return total;
    }

    private interface Write {
        int run() throws IOException;
    }

    /** Lets the write through whole, in part (limit lowered for the call) or not at all. */
    private int limited(ByteBuffer src, Write write) throws IOException {
        int wanted = src.remaining();
        if (wanted == 0) {
            return write.run();
        }
        int allowed = plan.allowWrite(wanted, path);
        if (allowed == wanted) {
            return write.run();
        }
        int limit = src.limit();
        src.limit(src.position() + allowed);
        try {
            return write.run();
        } finally {
            src.limit(limit);
        }
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        plan.before(IoOperation.WRITE, path);
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        plan.before(IoOperation.FORCE, path);
        real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        plan.before(IoOperation.READ, path);
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        plan.before(IoOperation.WRITE, path);
        return real.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        plan.before(mode == MapMode.READ_ONLY ? IoOperation.READ : IoOperation.WRITE, path);
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
