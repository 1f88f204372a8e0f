package org.rqlib.layout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.rqlib.LayoutException;
import org.rqlib.RqlibIoException;
import org.rqlib.limits.JobControl;

/**
 * Reads and writes {@code _raptorq_layout.json} in the original library's exact format: 2-space indentation,
 * {@code "key": value}, one array element per line, no trailing newline. Both directions stream (jackson-core's
 * parser and generator, no tree and no text of the whole document in memory), so a layout costs the heap of its
 * ids' digests only. Reading checks every field and throws {@link LayoutException} naming the first bad one; see
 * {@link LayoutReader} and {@link CappedInput} for what hostile input can cost. Needs jackson-core 2.13 or newer (no API of a later version)
 * (uses its read limits from 2.15 on when present). Thread-safe.
 */
public final class LayoutJson {
    private static final JsonFactory FACTORY = factory();

    private LayoutJson() {
    }

    private static JsonFactory factory() {
        try {
            return Constrained.factory();
        } catch (LinkageError olderJackson) {
            // before 2.15 there are no StreamReadConstraints: CappedInput and LayoutReader's checks still bound
            // the input; only Jackson's own early cut-off of long strings is missing
            return new JsonFactory();
        }
    }

    /** The layout as bytes, for tests and small layouts; large ones go through {@link #write(Layout, OutputStream)}. */
    public static byte[] write(Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(layout, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing layout to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes the layout to {@code out} as it goes; does not close {@code out}. */
    public static void write(Layout layout, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(new NonClosing(out))) {
            json.setPrettyPrinter(new LayoutPrinter());
            json.writeStartObject();
            json.writeFieldName("blocks");
            json.writeStartArray();
            for (LayoutBlock block : layout.blocks()) {
                json.writeStartObject();
                json.writeNumberField("block_id", block.blockId());
                json.writeFieldName("encoder_parameters");
                json.writeStartArray();
                for (byte b : block.oti().toBytes()) {
                    json.writeNumber(b & 0xFF);
                }
                json.writeEndArray();
                json.writeNumberField("original_offset", block.originalOffset());
                json.writeNumberField("size", block.size());
                json.writeFieldName("symbols");
                json.writeStartArray();
                // one block's ids in the heap at a time, wherever the job keeps the others
                for (String id : block.symbols().load()) {
                    json.writeString(id);
                }
                json.writeEndArray();
                json.writeStringField("hash", block.hash());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Parses and validates a layout held in memory; the blocks must tile the file from offset 0. */
    public static Layout read(byte[] json) {
        try {
            return read(new ByteArrayInputStream(json), JobControl.none(), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a layout from memory", e);
        }
    }

    /** {@link #read(byte[])} whose blocks are kept in {@code ids} as each is read. */
    public static Layout read(byte[] json, BlockIdStore ids) {
        try {
            return read(new ByteArrayInputStream(json), JobControl.none(), Long.MAX_VALUE, ids);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a layout from memory", e);
        }
    }

    /**
     * Parses and validates a layout file. Only a regular file is opened (a link is followed to one): a FIFO or a
     * device such as {@code /dev/zero} is refused before it is opened.
     *
     * @param maxIdBytes heap the ids may take ({@link SymbolIds#BYTES_PER_ID} each); more is a
     *     {@link org.rqlib.ResourceLimitException}
     */
    public static Layout read(Path file, JobControl control, long maxIdBytes) {
        return read(file, control, maxIdBytes, BlockIdStore.inHeap());
    }

    /**
     * {@link #read(Path, JobControl, long)} whose blocks are kept in {@code ids} as each is read: the ids a spill
     * moves to disk count neither in the heap nor against {@code maxIdBytes}.
     */
    public static Layout read(Path file, JobControl control, long maxIdBytes, BlockIdStore ids) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new LayoutException("(document)", "layout " + file + " is not a regular file"
                        + (attributes.isDirectory() ? " but a directory" : " (a device, FIFO or socket)"));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, control, maxIdBytes, ids);
            }
        } catch (NoSuchFileException e) {
            throw new RqlibIoException("no layout file " + file, e);
        } catch (IOException e) {
            throw new RqlibIoException("reading layout " + file, e);
        }
    }

    /**
     * Parses and validates a layout from a stream, checking {@code control} for cancellation as it reads.
     *
     * @throws IOException when the stream itself fails (bad content is a {@link LayoutException})
     */
    public static Layout read(InputStream in, JobControl control, long maxIdBytes) throws IOException {
        return read(in, control, maxIdBytes, BlockIdStore.inHeap());
    }

    /** {@link #read(InputStream, JobControl, long)} whose blocks are kept in {@code ids} as each is read. */
    public static Layout read(InputStream in, JobControl control, long maxIdBytes, BlockIdStore ids)
            throws IOException {
        CappedInput capped = new CappedInput(in, control);
        try (JsonParser parser = FACTORY.createParser(capped)) {
            return new LayoutReader(parser, capped, maxIdBytes, ids).read();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (JsonProcessingException e) {
            throw new LayoutException("(document)", "not valid JSON: "
                    + TextExcerpt.unquoted(String.valueOf(e.getOriginalMessage()), 200), e);
        } catch (IOException e) {
            // what is left are decoding errors of the parser (bytes that look like UTF-16 or UTF-32 but are not):
            // bad input like any other, not an I/O failure; the stream's own failures came as UncheckedIOException
            throw new LayoutException("(document)", "not valid JSON text: "
                    + TextExcerpt.unquoted(String.valueOf(e.getMessage()), 200), e);
        }
    }

    /** Jackson 2.15+ read limits: no string longer than any field needs, little nesting. */
    private static final class Constrained {
        private Constrained() {
        }

        static JsonFactory factory() {
            return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(64 << 10).maxNestingDepth(64).maxNumberLength(64).build()).build();
        }
    }

    /** Lets the generator flush and close its buffer without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
