package org.rqlib.layout;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.rqlib.LayoutException;
import org.rqlib.RqlibException;
import org.rqlib.codec.Oti;
import org.rqlib.io.Base58;
import org.rqlib.io.Blake3;

/**
 * Reads and writes {@code _raptorq_layout.json} in the original library's exact format: 2-space indentation,
 * {@code "key": value}, one array element per line, no trailing newline. Reading checks every field and throws
 * {@link LayoutException} naming the first bad one. Thread-safe.
 */
public final class LayoutJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LayoutJson() {
    }

    public static byte[] write(Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.setPrettyPrinter(prettyPrinter());
            json.writeStartObject();
            json.writeArrayFieldStart("blocks");
            for (LayoutBlock block : layout.blocks()) {
                json.writeStartObject();
                json.writeNumberField("block_id", block.blockId());
                json.writeArrayFieldStart("encoder_parameters");
                for (byte b : block.oti().toBytes()) {
                    json.writeNumber(b & 0xFF);
                }
                json.writeEndArray();
                json.writeNumberField("original_offset", block.originalOffset());
                json.writeNumberField("size", block.size());
                json.writeArrayFieldStart("symbols");
                for (String id : block.symbols()) {
                    json.writeString(id);
                }
                json.writeEndArray();
                json.writeStringField("hash", block.hash());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing layout to memory", e);
        }
        return out.toByteArray();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /** Parses and validates a layout; the blocks must tile the file from offset 0 without gaps or overlaps. */
    public static Layout read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LayoutException("(document)", "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // from a byte array the only IOExceptions left are decoding errors (bytes that look like UTF-16 or
            // UTF-32 but are not): bad input like any other, not an I/O failure
            throw new LayoutException("(document)", "not valid JSON text: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LayoutException("(document)", "must be a JSON object");
        }
        JsonNode blocksNode = root.get("blocks");
        if (blocksNode == null || !blocksNode.isArray() || blocksNode.isEmpty()) {
            throw new LayoutException("blocks", blocksNode == null ? "missing" : "must be a non-empty array");
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        long expectedOffset = 0;
        for (int i = 0; i < blocksNode.size(); i++) {
            LayoutBlock block = readBlock(blocksNode.get(i), "blocks[" + i + "]");
            if (block.originalOffset() != expectedOffset) {
                throw new LayoutException("blocks[" + i + "].original_offset", "is " + block.originalOffset()
                        + " but the blocks before end at " + expectedOffset + ": blocks must tile the file");
            }
            for (LayoutBlock earlier : blocks) {
                if (earlier.blockId() == block.blockId()) {
                    throw new LayoutException("blocks[" + i + "].block_id", "duplicate block id " + block.blockId());
                }
            }
            expectedOffset += block.size();
            blocks.add(block);
        }
        return new Layout(blocks);
    }

    private static LayoutBlock readBlock(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new LayoutException(path, "must be an object");
        }
        int blockId = (int) longField(node, path, "block_id", 0, Integer.MAX_VALUE);
        Oti oti = readOti(node, path + ".encoder_parameters");
        long offset = longField(node, path, "original_offset", 0, Long.MAX_VALUE);
        long size = longField(node, path, "size", 1, Oti.MAX_TRANSFER_LENGTH);
        if (size != oti.transferLength()) {
            throw new LayoutException(path + ".size", "is " + size + " but encoder_parameters say "
                    + oti.transferLength());
        }
        List<String> symbols = readSymbols(node, path + ".symbols", oti);
        String hash = idField(node.get("hash"), path + ".hash");
        return new LayoutBlock(blockId, oti, offset, size, symbols, hash);
    }

    private static Oti readOti(JsonNode block, String path) {
        JsonNode node = block.get("encoder_parameters");
        if (node == null || !node.isArray() || node.size() != Oti.ENCODED_LENGTH) {
            throw new LayoutException(path, node == null ? "missing" : "must be an array of "
                    + Oti.ENCODED_LENGTH + " bytes");
        }
        byte[] bytes = new byte[Oti.ENCODED_LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode b = node.get(i);
            if (!b.isIntegralNumber() || b.asLong() < 0 || b.asLong() > 255) {
                throw new LayoutException(path + "[" + i + "]", "must be an integer in [0, 255], got " + b);
            }
            bytes[i] = (byte) b.asInt();
        }
        try {
            return Oti.parse(bytes);
        } catch (RqlibException e) {
            throw new LayoutException(path, e.getMessage(), e);
        }
    }

    private static List<String> readSymbols(JsonNode block, String path, Oti oti) {
        JsonNode node = block.get("symbols");
        if (node == null || !node.isArray()) {
            throw new LayoutException(path, node == null ? "missing" : "must be an array of symbol ids");
        }
        long sourceSymbols = oti.totalSymbols();
        long repair = node.size() - sourceSymbols;
        if (repair < 0 || repair % oti.sourceBlocks() != 0) {
            throw new LayoutException(path, "has " + node.size() + " ids; the OTI needs " + sourceSymbols
                    + " source ids plus the same number of repair ids for each of " + oti.sourceBlocks()
                    + " source blocks");
        }
        List<String> ids = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            ids.add(idField(node.get(i), path + "[" + i + "]"));
        }
        return ids;
    }

    private static long longField(JsonNode block, String path, String name, long min, long max) {
        JsonNode node = block.get(name);
        if (node == null) {
            throw new LayoutException(path + "." + name, "missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw new LayoutException(path + "." + name, "must be an integer in [" + min + ", " + max + "], got "
                    + node);
        }
        return node.asLong();
    }

    private static String idField(JsonNode node, String path) {
        if (node == null) {
            throw new LayoutException(path, "missing");
        }
        if (!node.isTextual()) {
            throw new LayoutException(path, "must be a base58 string, got " + node);
        }
        String id = node.asText();
        byte[] digest;
        try {
            digest = Base58.decode(id);
        } catch (IllegalArgumentException e) {
            throw new LayoutException(path, "\"" + id + "\" is not base58: " + e.getMessage(), e);
        }
        if (digest.length != Blake3.DIGEST_BYTES) {
            throw new LayoutException(path, "\"" + id + "\" decodes to " + digest.length + " bytes, not a "
                    + Blake3.DIGEST_BYTES + "-byte BLAKE3 digest");
        }
        return id;
    }
}
