package org.rqlib.layout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rqlib.LayoutException;
import org.rqlib.ResourceLimitException;
import org.rqlib.RqlibException;
import org.rqlib.codec.Oti;
import org.rqlib.io.Base58;
import org.rqlib.io.Blake3;

/**
 * Parses one layout document token by token (jackson-core streaming, no tree), checking every field as it comes
 * and keeping ids as digests ({@link SymbolIds}), each block handed to a {@link BlockIdStore} once read (which may
 * move its ids to disk). Every string is checked for length before it is looked at, so an id costs constant time
 * whatever its claimed length; numbers are checked for length before conversion. The ids' heap (those the store
 * keeps there plus the block being read) is held to {@code maxIdBytes}: more is a {@link ResourceLimitException}
 * as soon as it is passed. Field order is free; unknown fields are skipped; a field given twice is an error. One
 * per document; not thread-safe.
 */
final class LayoutReader {
    /** Longest number text accepted: Long.MAX_VALUE has 19 digits. */
    private static final int MAX_NUMBER_CHARS = 20;

    private final JsonParser parser;
    private final CappedInput input;
    private final long maxIdBytes;
    private final BlockIdStore store;
    private long idsRead;

    LayoutReader(JsonParser parser, CappedInput input, long maxIdBytes, BlockIdStore store) {
        this.parser = parser;
        this.input = input;
        this.maxIdBytes = maxIdBytes;
        this.store = store;
    }

    Layout read() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new LayoutException("(document)", "must be a JSON object");
        }
        List<LayoutBlock> blocks = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!"blocks".equals(name)) {
                parser.skipChildren();
                continue;
            }
            if (blocks != null) {
                throw new LayoutException("blocks", "appears twice");
            }
            if (value != JsonToken.START_ARRAY) {
                throw new LayoutException("blocks", "must be a non-empty array, got " + excerpt());
            }
            blocks = readBlocks();
        }
        if (blocks == null) {
            throw new LayoutException("blocks", "missing");
        }
        if (parser.nextToken() != null) {
            throw new LayoutException("(document)", "has content after the layout object");
        }
        return new Layout(blocks);
    }

    private List<LayoutBlock> readBlocks() throws IOException {
        List<LayoutBlock> blocks = new ArrayList<>();
        Set<Integer> blockIds = new HashSet<>();
        long expectedOffset = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int i = blocks.size();
            String path = "blocks[" + i + "]";
            input.allowBlock();
            LayoutBlock block = readBlock(path);
            if (block.originalOffset() != expectedOffset) {
                throw new LayoutException(path + ".original_offset", "is " + block.originalOffset()
                        + " but the blocks before end at " + expectedOffset + ": blocks must tile the file");
            }
            if (!blockIds.add(block.blockId())) {
                throw new LayoutException(path + ".block_id", "duplicate block id " + block.blockId());
            }
            expectedOffset += block.size();
            blocks.add(store.keep(block));
        }
        if (blocks.isEmpty()) {
            throw new LayoutException("blocks", "must be a non-empty array");
        }
        return blocks;
    }

    private LayoutBlock readBlock(String path) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new LayoutException(path, "must be an object, got " + excerpt());
        }
        Long blockId = null;
        Oti oti = null;
        Long offset = null;
        Long size = null;
        SymbolIds symbols = null;
        String hash = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            String field = path + "." + name;
            switch (name) {
                case "block_id" -> blockId = once(blockId, field, longValue(field, 0, Integer.MAX_VALUE));
                case "encoder_parameters" -> oti = once(oti, field, readOti(field));
                case "original_offset" -> offset = once(offset, field, longValue(field, 0, Long.MAX_VALUE));
                case "size" -> size = once(size, field, longValue(field, 1, Oti.MAX_TRANSFER_LENGTH));
                case "symbols" -> symbols = once(symbols, field, readSymbols(field));
                case "hash" -> hash = once(hash, field, Base58.encode(digest(field)));
                default -> parser.skipChildren();
            }
        }
        require(blockId, path + ".block_id");
        require(oti, path + ".encoder_parameters");
        require(offset, path + ".original_offset");
        require(size, path + ".size");
        if (size != oti.transferLength()) {
            throw new LayoutException(path + ".size", "is " + size + " but encoder_parameters say "
                    + oti.transferLength());
        }
        require(symbols, path + ".symbols");
        checkSymbolCount(symbols.size(), oti, path + ".symbols");
        require(hash, path + ".hash");
        return new LayoutBlock(blockId.intValue(), oti, offset, size, symbols, hash);
    }

    private static <T> T once(T previous, String field, T value) {
        if (previous != null) {
            throw new LayoutException(field, "appears twice");
        }
        return value;
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new LayoutException(field, "missing");
        }
    }

    private static void checkSymbolCount(long ids, Oti oti, String field) {
        long repair = ids - oti.totalSymbols();
        if (repair < 0 || repair % oti.sourceBlocks() != 0) {
            throw new LayoutException(field, "has " + ids + " ids; the OTI needs " + oti.totalSymbols()
                    + " source ids plus the same number of repair ids for each of " + oti.sourceBlocks()
                    + " source blocks");
        }
    }

    private Oti readOti(String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new LayoutException(field, "must be an array of " + Oti.ENCODED_LENGTH + " bytes, got "
                    + excerpt());
        }
        byte[] bytes = new byte[Oti.ENCODED_LENGTH];
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (count == bytes.length) {
                throw new LayoutException(field, "must be an array of " + Oti.ENCODED_LENGTH + " bytes");
            }
            bytes[count] = (byte) longValue(field + "[" + count + "]", 0, 255);
            count++;
        }
        if (count != bytes.length) {
            throw new LayoutException(field, "must be an array of " + Oti.ENCODED_LENGTH + " bytes");
        }
        try {
            return Oti.parse(bytes);
        } catch (RqlibException e) {
            throw new LayoutException(field, e.getMessage(), e);
        }
    }

    private SymbolIds readSymbols(String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new LayoutException(field, "must be an array of symbol ids, got " + excerpt());
        }
        SymbolIds.Builder ids = new SymbolIds.Builder();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            idsRead++;
            long inHeap = store.heapIds() + ids.size() + 1;
            if (SymbolIds.heapBytes(inHeap) > maxIdBytes) {
                throw new ResourceLimitException("the layout lists more than " + (idsRead - 1) + " symbol ids; the "
                        + SymbolIds.heapBytes(inHeap) + " bytes of those held in the heap would pass the " + maxIdBytes
                        + " bytes of Java heap this job may give the layout (" + SymbolIds.BYTES_PER_ID
                        + " per id): raise the memory limit (the rq launcher sizes the heap from it) or -Xmx");
            }
            input.allowIds(1);
            ids.add(digest(field + "[" + ids.size() + "]"));
        }
        return ids.build();
    }

    /** A Base58 digest string: its length and alphabet checked before it is decoded or even made a String. */
    private byte[] digest(String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new LayoutException(field, "must be a base58 string, got " + excerpt());
        }
        CharSequence text = CharBuffer.wrap(parser.getTextCharacters(), parser.getTextOffset(),
                parser.getTextLength());
        try {
            return Base58.decodeFixed(text, Blake3.DIGEST_BYTES);
        } catch (IllegalArgumentException e) {
            throw new LayoutException(field, TextExcerpt.of(text) + " is not the base58 form of a "
                    + Blake3.DIGEST_BYTES + "-byte BLAKE3 digest: it " + e.getMessage());
        }
    }

    private long longValue(String field, long min, long max) throws IOException {
        JsonToken token = parser.currentToken();
        boolean integral = token == JsonToken.VALUE_NUMBER_INT && parser.getTextLength() <= MAX_NUMBER_CHARS
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
        if (integral) {
            long value = parser.getLongValue();
            if (value >= min && value <= max) {
                return value;
            }
        }
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            throw new LayoutException(field, "must be an integer in [" + min + ", " + max + "], got "
                    + (token == JsonToken.START_ARRAY ? "an array" : "an object"));
        }
        throw new LayoutException(field, "must be an integer in [" + min + ", " + max + "], got " + excerpt());
    }

    /** The current token's text, shortened and escaped; never the whole of a hostile value. */
    private String excerpt() throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the document";
        }
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            return token == JsonToken.START_ARRAY ? "an array" : "an object";
        }
        CharSequence text = CharBuffer.wrap(parser.getTextCharacters(), parser.getTextOffset(),
                parser.getTextLength());
        return token == JsonToken.VALUE_STRING ? TextExcerpt.of(text) : TextExcerpt.unquoted(text);
    }

}
