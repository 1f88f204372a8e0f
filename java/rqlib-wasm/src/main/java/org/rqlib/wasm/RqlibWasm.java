package org.rqlib.wasm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rqlib.InvalidParameterException;
import org.rqlib.RqlibException;
import org.rqlib.chunking.BlockPlanner;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.chunking.LayoutSettings;
import org.rqlib.codec.Codec;
import org.rqlib.codec.SolveGate;
import org.rqlib.codec.Oti;
import org.rqlib.io.Base58;
import org.rqlib.kernel.ArraySymbolKernel;
import org.rqlib.kernel.HeapBufferAllocator;
import org.rqlib.kernel.JavaSymbolHasher;
import org.rqlib.kernel.SymbolHasher;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * What the browser build exports to JavaScript (compiled by TeaVM to WebAssembly GC and to JavaScript): the
 * original's block planner, a block encoder that hands out symbol files a batch at a time, a block decoder, and
 * BLAKE3/base58 ids. The JavaScript APIs in {@code src/main/js} sit on top. Sizes cross as numbers (doubles,
 * exact to 2^53), bytes as typed arrays, the OTI as 24 hex digits. Encoders and decoders are handles into a
 * table: JavaScript runs one thread, and each is closed by the caller. Java exceptions leave as JavaScript
 * errors whose name is the exception's simple class name.
 */
public final class RqlibWasm {
    /** The version of rqlib this build was made from. */
    static final String VERSION = "0.1.0";

    private static final Codec CODEC = Codec.create(ArraySymbolKernel.INSTANCE, 16L << 20,
            HeapBufferAllocator.INSTANCE, SolveGate.UNBOUNDED);
    /** BLAKE3 in Java: the JVM's kernel-driven hasher selection is not part of the browser build. */
    private static final SymbolHasher HASHER = JavaSymbolHasher.INSTANCE;
    private static final Map<Integer, AutoCloseable> OPEN = new HashMap<>();
    private static int nextHandle = 1;

    private RqlibWasm() {
    }

    /** TeaVM needs an entry point; the module does its work through the exports. */
    public static void main(String[] args) {
        // nothing to start: the exports are called by the JavaScript wrapper
    }

    @JSExport
    public static String version() {
        return VERSION;
    }

    /**
     * The blocks the original would cut a file into, as JSON: [{"block_id", "offset", "size", "oti" (hex),
     * "repair", "symbols", "file_size"}, ...].
     */
    @JSExport
    public static String planBlocks(double fileSize, int symbolSize, int redundancyFactor, double blockSize,
            double layoutMemoryBytes) {
        try {
            BlockPlanner planner = new BlockPlanner(new LayoutSettings(symbolSize, redundancyFactor,
                    exactLong(blockSize, "block size"), exactLong(layoutMemoryBytes, "layout memory")));
            List<BlockSpec> blocks = planner.plan(exactLong(fileSize, "file size"));
            StringBuilder json = new StringBuilder("[");
            for (BlockSpec block : blocks) {
                json.append(block.index() == 0 ? "" : ",")
                        .append("{\"block_id\":").append(block.index())
                        .append(",\"offset\":").append(block.offset())
                        .append(",\"size\":").append(block.length())
                        .append(",\"oti\":\"").append(Hex.of(block.oti().toBytes())).append('"')
                        .append(",\"repair\":").append(block.repairPerSourceBlock())
                        .append(",\"symbols\":").append(block.symbolCount())
                        .append(",\"file_size\":").append(4 + block.oti().symbolSize())
                        .append('}');
            }
            return json.append(']').toString();
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /**
     * Starts encoding one block with the planner's OTI and repair count; its bytes follow through
     * {@link #encoderAppend}, in order, so JavaScript never holds the whole block beside the encoder's copy.
     */
    @JSExport
    public static int encoderOpen(String otiHex, int repair) {
        try {
            Oti oti = Oti.parse(Hex.parse(otiHex, "oti"));
            return register(new BlockSymbolStream(CODEC, new BlockSpec(0, 0, oti.transferLength(), oti, repair)));
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** The block's next bytes. */
    @JSExport
    public static void encoderAppend(int handle, Int8Array piece) {
        try {
            ((BlockSymbolStream) handle(handle)).append(piece.copyToJavaArray());
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** The layout's hash of the block an encoder was opened on (base58 BLAKE3-256 of its bytes). */
    @JSExport
    public static String encoderHash(int handle) {
        try {
            return ((BlockSymbolStream) handle(handle)).blockHash(HASHER);
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** The next at most {@code maxFiles} symbol files of the block, back to back; empty when it is done. */
    @JSExport
    public static Int8Array encoderNext(int handle, int maxFiles) {
        try {
            return Int8Array.copyFromJavaArray(((BlockSymbolStream) handle(handle)).next(maxFiles));
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** Starts decoding a block with this OTI (its size is the OTI's transfer length). */
    @JSExport
    public static int decoderOpen(String otiHex, String blockName) {
        try {
            return register(new BlockRecovery(CODEC, Oti.parse(Hex.parse(otiHex, "oti")), blockName));
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** Adds symbol files laid back to back (each 4 + T bytes); returns how many were new. */
    @JSExport
    public static int decoderAdd(int handle, Int8Array files) {
        try {
            return ((BlockRecovery) handle(handle)).add(files.copyToJavaArray());
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /**
     * The block's bytes, then under one symbol of zero padding (JavaScript keeps the block's size), or an error
     * {@code NotEnoughSymbolsException} naming the source block.
     */
    @JSExport
    public static Int8Array decoderFinish(int handle) {
        try {
            return Int8Array.copyFromJavaArray(((BlockRecovery) handle(handle)).finish());
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** The base58 BLAKE3-256 of the bytes a decoder's {@link #decoderFinish} recovered. */
    @JSExport
    public static String decoderHash(int handle) {
        try {
            return ((BlockRecovery) handle(handle)).recoveredHash(HASHER);
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** Frees an encoder or decoder; unknown handles are ignored. */
    @JSExport
    public static void close(int handle) {
        AutoCloseable open = OPEN.remove(handle);
        if (open != null) {
            try {
                open.close();
            } catch (Exception e) {
                throw rethrow(e instanceof RuntimeException r ? r : new RqlibException(e.getMessage(), e));
            }
        }
    }

    /** The ids of symbol files laid back to back, each {@code fileSize} bytes: base58 BLAKE3, comma-separated. */
    @JSExport
    public static String symbolIds(Int8Array files, int fileSize) {
        try {
            byte[] bytes = files.copyToJavaArray();
            if (fileSize <= 0 || bytes.length % fileSize != 0) {
                throw new InvalidParameterException(bytes.length + " bytes are not a whole number of " + fileSize
                        + "-byte symbol files");
            }
            int count = bytes.length / fileSize;
            byte[] digests = new byte[count * SymbolHasher.DIGEST_BYTES];
            HASHER.digestMany(java.nio.ByteBuffer.wrap(bytes), 0, fileSize, fileSize, count, null, 0, digests, 0);
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < count; i++) {
                byte[] digest = java.util.Arrays.copyOfRange(digests, i * SymbolHasher.DIGEST_BYTES,
                        (i + 1) * SymbolHasher.DIGEST_BYTES);
                ids.append(i == 0 ? "" : ",").append(Base58.encode(digest));
            }
            return ids.toString();
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** A hasher for a block's bytes given in pieces: {@link #hasherUpdate}, then {@link #hasherFinish}. */
    @JSExport
    public static int hasherOpen() {
        return register(new BlockHash());
    }

    @JSExport
    public static void hasherUpdate(int handle, Int8Array bytes) {
        try {
            byte[] piece = bytes.copyToJavaArray();
            ((BlockHash) handle(handle)).hasher.update(piece, 0, piece.length);
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    /** Base58 BLAKE3-256 of everything added; closes the handle. */
    @JSExport
    public static String hasherFinish(int handle) {
        try {
            byte[] digest = new byte[SymbolHasher.DIGEST_BYTES];
            ((BlockHash) handle(handle)).hasher.finish(digest, 0);
            String hash = Base58.encode(digest);
            OPEN.remove(handle);
            return hash;
        } catch (RuntimeException e) {
            throw rethrow(e);
        }
    }

    private static final class BlockHash implements AutoCloseable {
        final SymbolHasher.Incremental hasher = HASHER.newIncremental();

        @Override
        public void close() {
            // nothing held beyond the heap
        }
    }

    private static int register(AutoCloseable open) {
        int handle = nextHandle++;
        OPEN.put(handle, open);
        return handle;
    }

    private static AutoCloseable handle(int handle) {
        AutoCloseable open = OPEN.get(handle);
        if (open == null) {
            throw new IllegalStateException("handle " + handle + " is closed or was never opened");
        }
        return open;
    }

    private static long exactLong(double value, String what) {
        if (value != Math.floor(value) || value < 0 || value > 9.007199254740992E15) {
            throw new InvalidParameterException(what + " " + value + " must be a whole number in [0, 2^53]");
        }
        return (long) value;
    }

    /** Throws a JavaScript Error carrying the Java message, named after the exception class. */
    private static RuntimeException rethrow(RuntimeException e) {
        throwJs(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        return e;
    }

    @JSBody(params = {"name", "message"}, script = "var e = new Error(message); e.name = name; throw e;")
    private static native void throwJs(String name, String message);
}
