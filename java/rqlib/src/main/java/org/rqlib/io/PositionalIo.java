package org.rqlib.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.rqlib.RqlibIoException;

/**
 * Positional reads and writes of whole ranges on a {@link FileChannel} (safe to use from several threads at
 * once), with errors that name the file. Stateless.
 */
public final class PositionalIo {
    private PositionalIo() {
    }

    /** Reads exactly {@code length} bytes at file position {@code position} into dst[offset, offset+length). */
    public static void read(FileChannel channel, long position, ByteBuffer dst, int offset, int length, Object file) {
        ByteBuffer view = dst.slice(offset, length);
        try {
            while (view.hasRemaining()) {
                int n = channel.read(view, position + view.position());
                if (n < 0) {
                    throw new EOFException("end of file at " + (position + view.position()));
                }
            }
        } catch (IOException e) {
            throw new RqlibIoException("reading " + length + " bytes at " + position + " of " + file, e);
        }
    }

    /**
     * Reads file bytes [position, position+length) into dst, where bytes at or past {@code limit} are not read but
     * set to zero: the zero padding of the last symbol of a block (RFC 6330 4.4.1.2).
     */
    public static void readPadded(FileChannel channel, long position, long limit, ByteBuffer dst, int offset,
            int length, Object file) {
        int present = (int) Math.max(0, Math.min(length, limit - position));
        if (present > 0) {
            read(channel, position, dst, offset, present, file);
        }
        zero(dst, offset + present, length - present);
    }

    public static void write(FileChannel channel, long position, ByteBuffer src, int offset, int length, Object file) {
        ByteBuffer view = src.slice(offset, length);
        try {
            while (view.hasRemaining()) {
                channel.write(view, position + view.position());
            }
        } catch (IOException e) {
            throw new RqlibIoException("writing " + length + " bytes at " + position + " of " + file, e);
        }
    }

    /** Writes src bytes meant for file [position, position+length), dropping those at or past {@code limit}. */
    public static void writeClipped(FileChannel channel, long position, long limit, ByteBuffer src, int offset,
            int length, Object file) {
        int present = (int) Math.max(0, Math.min(length, limit - position));
        if (present > 0) {
            write(channel, position, src, offset, present, file);
        }
    }

    public static void zero(ByteBuffer dst, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            dst.putLong(i, 0L);
        }
        for (; i < end; i++) {
            dst.put(i, (byte) 0);
        }
    }
}
