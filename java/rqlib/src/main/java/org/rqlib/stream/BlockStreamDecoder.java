package org.rqlib.stream;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.rqlib.CorruptDataException;
import org.rqlib.NotEnoughSymbolsException;
import org.rqlib.ResourceLimitException;
import org.rqlib.chunking.SourceBlockGeometry;
import org.rqlib.chunking.SubBlockGroup;
import org.rqlib.codec.BlockDecoder;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SharedPlan;
import org.rqlib.io.Interleave;
import org.rqlib.io.PositionalIo;
import org.rqlib.io.ScratchFile;
import org.rqlib.io.SymbolDirectoryReader;
import org.rqlib.io.SymbolSource;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.MemoryLimits;
import org.rqlib.limits.Permit;

/**
 * Decodes one block of a layout into its place in the output file, inside the job's share of the memory budget.
 *
 * <p>Source symbols are read band by band, checked, and their pieces written straight to where their sub-blocks
 * lie in the output; when all K are valid that is the whole decode. Otherwise just enough repair symbols
 * (missing + a margin) are checked and staged in a scratch file, grouped by sub-block group, and each group of
 * sub-blocks is decoded on its own, reading back the source pieces already in place. The first group is decoded
 * alone: every group shares the same symbol ids, so if it has too few symbols so do all, and more are staged
 * first. The block's BLAKE3 follows the writes ({@link OrderedBlockHash}: each part hashed once final, in file
 * order, by the thread that finished it) and is checked against the layout at the end. Used by one coordinating
 * thread.
 */
final class BlockStreamDecoder {
    /** Bytes the block hash reads back from the output at a time. */
    private static final int HASH_READ_BYTES = 256 << 10;

    private final JobContext ctx;
    private final SymbolSource symbols;
    private final LayoutBlock block;
    private final FileChannel output;
    private final long outputBase;
    private final Path outputPath;
    private final Path scratchDirectory;
    private final String name;
    /** The block's ids, loaded into the heap for as long as the block is decoded (the job may keep them on disk). */
    private final SymbolIds ids;

    BlockStreamDecoder(JobContext ctx, SymbolSource symbols, LayoutBlock block, FileChannel output,
            Path outputPath, Path scratchDirectory) {
        this(ctx, symbols, block, output, 0, outputPath, scratchDirectory);
    }

    /** Decodes into {@code output}, whose position 0 holds byte {@code outputBase} of the file. */
    BlockStreamDecoder(JobContext ctx, SymbolSource symbols, LayoutBlock block, FileChannel output, long outputBase,
            Path outputPath, Path scratchDirectory) {
        this.ctx = ctx;
        this.symbols = symbols;
        this.block = block;
        this.output = output;
        this.outputBase = outputBase;
        this.outputPath = outputPath;
        this.scratchDirectory = scratchDirectory;
        this.name = block.directoryName();
        this.ids = block.symbols().load();
    }

    void decode() {
        ObjectPartition partition = new ObjectPartition(block.oti());
        int repair = block.repairPerSourceBlock();
        long blockStart = block.originalOffset() - outputBase;
        int chunk = hashBufferBytes();
        try (Permit permit = ctx.reserve(chunk, name + " hash check")) {
            ByteBuffer readBack = DirectBuffers.allocate(chunk);
            try {
                // hashed while the block is written: each part once final, in file order (OrderedBlockHash)
                OrderedBlockHash hash = new OrderedBlockHash(output, outputPath, blockStart, blockStart + block.size(),
                        readBack, ctx.control()::checkCancelled);
                int at = 0;
                for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
                    SourceBlockGeometry geometry = new SourceBlockGeometry(partition, sbn);
                    new SourceBlockJob(geometry, repair, at, hash).run();
                    at += geometry.k() + repair;
                }
                ctx.control().checkCancelled();
                verifyHash(hash.finish());
            } finally {
                DirectBuffers.free(readBack);
            }
        }
    }

    /** The buffer the block hash reads back through, held for the whole block (so the groups get less). */
    private int hashBufferBytes() {
        return (int) Math.max(1, Math.min(HASH_READ_BYTES, block.size()));
    }

    private void verifyHash(String hash) {
        if (!hash.equals(block.hash())) {
            throw new CorruptDataException(name + " decoded to bytes whose BLAKE3 " + hash
                    + " differs from the layout's hash " + block.hash());
        }
    }

    /** Repair symbols read into one band of the scratch file: their ESIs, -1 where a file was unusable. */
    private record StagedBand(long base, int[] esis) {
    }

    /** The decoding of one source block. */
    private final class SourceBlockJob {
        private final SourceBlockGeometry geo;
        private final int k;
        private final int t;
        private final int repair;
        private final int entryBase;
        private final long fileStart;
        private final long fileLimit;
        private final String label;
        private final long budget = ctx.governor().budgetBytes() - hashBufferBytes();
        /** One solve for all groups of this source block (they receive the same ESIs), cached or not. */
        private final SharedPlan plan = new SharedPlan();
        private final int bandSymbols;
        private final boolean[] sourceValid;
        private final List<StagedBand> staged = new ArrayList<>();
        private final AtomicInteger stagedValid = new AtomicInteger();
        private final OrderedBlockHash hash;
        private int nextRepair;

        SourceBlockJob(SourceBlockGeometry geo, int repair, int entryBase, OrderedBlockHash hash) {
            this.hash = hash;
            this.geo = geo;
            this.k = geo.k();
            this.t = geo.symbolSize();
            this.repair = repair;
            this.entryBase = entryBase;
            this.fileStart = block.originalOffset() - outputBase + geo.offsetInBlock();
            this.fileLimit = fileStart + geo.length();
            this.label = name + " source block " + geo.sbn();
            this.bandSymbols = WorkingSets.bandSymbols(t + 4, budget, ctx.threads());
            this.sourceValid = new boolean[k];
        }

        void run() {
            // units are bytes of symbols, scanned then decoded, so the groups' widths add up to exactly the total
            ProgressShare progress = new ProgressShare(ctx.control(), geo.length(), 2L * k * t);
            scanSourceSymbols(progress);
            int present = 0;
            for (boolean v : sourceValid) {
                present += v ? 1 : 0;
            }
            if (present == k) {
                progress.advance((long) k * t);
                return;
            }
            try (ScratchFile scratch = new ScratchFile(scratchDirectory, "decode")) {
                List<SubBlockGroup> groups = geo.groups(groupWidth(k + WorkingSets.DECODE_MARGIN));
                stage(scratch, groups, k - present + WorkingSets.DECODE_MARGIN);
                while (true) {
                    try {
                        decodeGroup(groups.get(0), scratch, present);
                        break;
                    } catch (NotEnoughSymbolsException e) {
                        if (nextRepair >= repair) {
                            throw new NotEnoughSymbolsException(label + " of " + symbols.describe(),
                                    present + stagedValid.get(), e.moreNeeded());
                        }
                        stage(scratch, groups, e.moreNeeded() + WorkingSets.DECODE_MARGIN);
                    }
                }
                progress.advance((long) k * groups.get(0).width());
                int have = present;
                try (TaskGroup tasks = ctx.newTaskGroup()) {
                    for (SubBlockGroup g : groups.subList(1, groups.size())) {
                        Permit permit = ctx.reserve(groupBytes(g, have), label + " decode");
                        tasks.submit(permit, () -> {
                            decodeGroup(g, scratch, have);
                            progress.advance((long) k * g.width());
                        });
                    }
                    tasks.await();
                }
            }
        }

        private long groupBytes(SubBlockGroup g, int present) {
            return WorkingSets.decodeGroupBytes(k, g.width(), present + stagedValid.get(), bandSymbols);
        }

        /** The widest groups of which each thread can decode one within its share of the budget. */
        private int groupWidth(int received) {
            long share = WorkingSets.efficientBudget(budget, ctx.threads()) / Math.max(1, ctx.threads());
            for (int w = t; w > geo.pieceSize(0); w -= Math.max(8, w / 16)) {
                if (WorkingSets.decodeGroupBytes(k, w, received, bandSymbols) <= share) {
                    return w;
                }
            }
            long least = WorkingSets.decodeGroupBytes(k, geo.pieceSize(0), received, bandSymbols);
            if (least > budget) {
                throw new ResourceLimitException(label + " needs at least " + least + " bytes to decode one sub-block"
                        + " (K=" + k + ", " + geo.pieceSize(0) + " bytes per sub-symbol); the memory limit leaves "
                        + budget + " bytes for working sets: a memory limit of "
                        + MemoryLimits.limitMibFor(least + hashBufferBytes()) + "m would do");
            }
            return geo.pieceSize(0);
        }

        /** Reads the source symbols in bands and writes their pieces where their sub-blocks lie. */
        private void scanSourceSymbols(ProgressShare progress) {
            try (TaskGroup tasks = ctx.newTaskGroup()) {
                for (int first = 0; first < k; first += bandSymbols) {
                    int count = Math.min(bandSymbols, k - first);
                    int from = first;
                    Permit permit = ctx.reserve(WorkingSets.bandBytes(count, t + 4), label + " source band");
                    tasks.submit(permit, () -> {
                        scanSourceBand(from, count);
                        progress.advance((long) count * t);
                    });
                }
                tasks.await();
            }
        }

        private void scanSourceBand(int first, int count) {
            int stride = t + 4;
            ByteBuffer band = DirectBuffers.allocate((long) count * stride);
            ByteBuffer pieces = DirectBuffers.allocate((long) count * stride);
            try {
                boolean any = false;
                boolean all = true;
                for (int j = 0; j < count; j++) {
                    int esi = first + j;
                    String id = ids.get(entryBase + esi);
                    boolean ok = symbols.read(block.blockId(), id, geo.sbn(), esi, t, band, j * stride)
                            == SymbolDirectoryReader.Outcome.VALID;
                    sourceValid[esi] = ok;
                    any |= ok;
                    all &= ok;
                }
                if (!any) {
                    return;
                }
                for (int n = 0; n < geo.subBlockCount(); n++) {
                    int width = geo.pieceSize(n);
                    Interleave.gather(band, 4, stride, geo.pieceOffset(n), count, width, pieces, 0);
                    long position = fileStart + geo.subBlockStart(n) + (long) first * width;
                    PositionalIo.writeClipped(output, position, fileLimit, pieces, 0, count * width, outputPath);
                    if (all) {
                        // every symbol of the band is valid: these bytes are the block's final ones
                        hash.finished(position, Math.min(position + (long) count * width, fileLimit), pieces, 0);
                    }
                }
            } finally {
                DirectBuffers.free(pieces);
                DirectBuffers.free(band);
            }
        }

        /** Stages repair symbols until at least {@code wanted} more valid ones are in scratch or none are left. */
        private void stage(ScratchFile scratch, List<SubBlockGroup> groups, int wanted) {
            int goal = stagedValid.get() + wanted;
            while (stagedValid.get() < goal && nextRepair < repair) {
                try (TaskGroup tasks = ctx.newTaskGroup()) {
                    int planned = stagedValid.get();
                    while (planned < goal && nextRepair < repair) {
                        int count = Math.min(bandSymbols, repair - nextRepair);
                        // staged pieces keep their slots: without another band's pieces in between
                        count = Math.min(count, goal - planned);
                        StagedBand band = new StagedBand((long) staged.size() * bandSymbols * t, new int[count]);
                        staged.add(band);
                        int firstRepair = nextRepair;
                        nextRepair += count;
                        planned += count;
                        Permit permit = ctx.reserve(WorkingSets.bandBytes(count, t + 4), label + " repair band");
                        tasks.submit(permit, () -> stageBand(scratch, groups, band, firstRepair));
                    }
                    tasks.await();
                }
            }
        }

        private void stageBand(ScratchFile scratch, List<SubBlockGroup> groups, StagedBand staging, int firstRepair) {
            int count = staging.esis().length;
            int stride = t + 4;
            ByteBuffer band = DirectBuffers.allocate((long) count * stride);
            ByteBuffer pieces = DirectBuffers.allocate((long) count * stride);
            try {
                for (int j = 0; j < count; j++) {
                    int esi = k + firstRepair + j;
                    String id = ids.get(entryBase + esi);
                    boolean ok = symbols.read(block.blockId(), id, geo.sbn(), esi, t, band, j * stride)
                            == SymbolDirectoryReader.Outcome.VALID;
                    staging.esis()[j] = ok ? esi : -1;
                    if (ok) {
                        stagedValid.incrementAndGet();
                    }
                }
                for (SubBlockGroup g : groups) {
                    Interleave.gather(band, 4, stride, g.symbolOffset(), count, g.width(), pieces, 0);
                    long position = staging.base() + (long) bandSymbols * g.symbolOffset();
                    PositionalIo.write(scratch.channel(), position, pieces, 0, count * g.width(), scratch);
                }
            } finally {
                DirectBuffers.free(pieces);
                DirectBuffers.free(band);
            }
        }

        /**
         * Decodes one group of sub-blocks from the source pieces in place and the staged repair pieces. Source
         * symbols are assembled a run at a time from each sub-block's pieces in the output, and only the recovered
         * symbols are written back, piece by piece: besides the decoder, the group needs two runs of symbols, not a
         * copy of its sub-blocks.
         */
        private void decodeGroup(SubBlockGroup g, ScratchFile scratch, int present) {
            int width = g.width();
            try (Permit permit = g.first() == 0 ? ctx.reserve(groupBytes(g, present), label + " decode") : null;
                    BlockDecoder decoder = ctx.codec().decoderWithRoom(k, width, label + " sub-blocks " + g.first()
                            + ".." + (g.end() - 1), present + stagedValid.get(), plan)) {
                int run = WorkingSets.decodeRunSymbols(bandSymbols, width, k);
                ByteBuffer symbols = DirectBuffers.allocate((long) run * width);
                ByteBuffer pieces = DirectBuffers.allocate((long) run * width);
                try {
                    addSourceSymbols(g, decoder, run, symbols, pieces);
                    for (StagedBand band : staged) {
                        int[] esis = band.esis();
                        long position = band.base() + (long) bandSymbols * g.symbolOffset();
                        for (int first = 0; first < esis.length; first += run) {
                            int count = Math.min(run, esis.length - first);
                            PositionalIo.read(scratch.channel(), position + (long) first * width, pieces, 0,
                                    count * width, scratch);
                            for (int j = 0; j < count; j++) {
                                if (esis[first + j] >= 0) {
                                    decoder.addSymbol(esis[first + j], pieces, j * width);
                                }
                            }
                        }
                    }
                    decoder.decodeMissing((esi, memory, offset) -> writeRecovered(g, esi, memory, offset));
                    // the group's sub-blocks are whole now (present pieces from the scan, recovered ones just
                    // written): the block hash can take them, read back while they are in the page cache
                    long regionStart = fileStart + geo.subBlockStart(g.first());
                    hash.finished(regionStart, Math.min(regionStart + (long) k * width, fileLimit), null, 0);
                } finally {
                    DirectBuffers.free(pieces);
                    DirectBuffers.free(symbols);
                }
            }
        }

        /** Gives the decoder the group's valid source symbols, read from the output a run of symbols at a time. */
        private void addSourceSymbols(SubBlockGroup g, BlockDecoder decoder, int run, ByteBuffer symbols,
                ByteBuffer pieces) {
            for (int first = 0; first < k; first += run) {
                int count = Math.min(run, k - first);
                if (!anyValid(first, count)) {
                    continue;
                }
                for (int n = g.first(); n < g.end(); n++) {
                    int piece = geo.pieceSize(n);
                    long position = fileStart + geo.subBlockStart(n) + (long) first * piece;
                    PositionalIo.readPadded(output, position, fileLimit, pieces, 0, count * piece, outputPath);
                    Interleave.scatter(pieces, 0, count, piece, symbols, 0, g.width(),
                            geo.pieceOffset(n) - g.symbolOffset());
                }
                for (int j = 0; j < count; j++) {
                    if (sourceValid[first + j]) {
                        decoder.addSymbol(first + j, symbols, j * g.width());
                    }
                }
            }
        }

        private boolean anyValid(int first, int count) {
            for (int i = first; i < first + count; i++) {
                if (sourceValid[i]) {
                    return true;
                }
            }
            return false;
        }

        /** Writes a recovered group symbol's pieces where their sub-blocks lie, clipped at the end of the file. */
        private void writeRecovered(SubBlockGroup g, int esi, ByteBuffer memory, int offset) {
            for (int n = g.first(); n < g.end(); n++) {
                int piece = geo.pieceSize(n);
                long position = fileStart + geo.subBlockStart(n) + (long) esi * piece;
                PositionalIo.writeClipped(output, position, fileLimit, memory,
                        offset + geo.pieceOffset(n) - g.symbolOffset(), piece, outputPath);
            }
        }
    }
}
