package org.rqlib.stream;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.rqlib.JobCancelledException;
import org.rqlib.ResourceLimitException;
import org.rqlib.chunking.BlockSpec;
import org.rqlib.chunking.SourceBlockGeometry;
import org.rqlib.chunking.SubBlockGroup;
import org.rqlib.codec.BlockEncoder;
import org.rqlib.codec.ObjectPartition;
import org.rqlib.codec.SharedPlan;
import org.rqlib.io.Blake3;
import org.rqlib.io.Interleave;
import org.rqlib.io.PositionalIo;
import org.rqlib.io.SymbolSink;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.MemoryLimits;
import org.rqlib.limits.Permit;

/**
 * Encodes one block of a file into its symbols and layout entry, inside the job's share of the memory budget.
 *
 * <p>The file is read straight into the encoders' memory (no staging copy of the block). When a whole source
 * block fits, it is encoded in memory and its symbols written straight from the encoder. Otherwise its sub-blocks
 * are coded in groups that fit, one per worker while the coordinating thread reads the next (RFC 6330 4.4.1.2
 * keeps each sub-block contiguous in the file, so a group is one read per sub-block): each group's repair pieces
 * are kept ({@link RepairPieces}: in memory when the budget holds them, else a scratch file), and symbol files
 * are then assembled band by band from their N pieces, source pieces from the input, repair pieces from where
 * they were kept. Every way gives the same bytes. Used by one coordinating thread; the work runs on the job's
 * task group.
 */
final class BlockStreamEncoder {
    private final JobContext ctx;
    private final FileChannel input;
    private final long inputBase;
    private final Path inputPath;
    private final BlockSpec spec;
    private final SymbolSink sink;
    private final Path scratchDirectory;
    private final String name;

    BlockStreamEncoder(JobContext ctx, FileChannel input, Path inputPath, BlockSpec spec, SymbolSink sink,
            Path scratchDirectory) {
        this(ctx, input, 0, inputPath, spec, sink, scratchDirectory);
    }

    /** Reads the block from {@code input}, whose position 0 holds byte {@code inputBase} of the file. */
    BlockStreamEncoder(JobContext ctx, FileChannel input, long inputBase, Path inputPath, BlockSpec spec,
            SymbolSink sink, Path scratchDirectory) {
        this.ctx = ctx;
        this.input = input;
        this.inputBase = inputBase;
        this.inputPath = inputPath;
        this.spec = spec;
        this.sink = sink;
        this.scratchDirectory = scratchDirectory;
        this.name = spec.directoryName() + " of " + inputPath;
    }

    LayoutBlock encode() {
        ObjectPartition partition = spec.partition();
        int repair = spec.repairPerSourceBlock();
        SymbolIds.Builder ids = new SymbolIds.Builder(Math.toIntExact(spec.symbolCount()));
        Blake3 blockHash = new Blake3();
        int at = 0;
        for (int sbn = 0; sbn < partition.sourceBlockCount(); sbn++) {
            SourceBlockGeometry geometry = new SourceBlockGeometry(partition, sbn);
            new SourceBlockJob(geometry, repair, ids, at, blockHash).run();
            at += geometry.k() + repair;
        }
        return new LayoutBlock(spec.index(), spec.oti(), spec.offset(), spec.length(), ids.build(),
                blockHash.finishBase58());
    }

    /** The encoding of one source block. */
    private final class SourceBlockJob {
        private final SourceBlockGeometry geo;
        private final int k;
        private final int t;
        private final int repair;
        private final SymbolIds.Builder ids;
        private final int idBase;
        private final Blake3 blockHash;
        private final long fileStart;
        private final long fileLimit;
        private final String label;
        private final long budget = ctx.governor().budgetBytes();
        /** One solve for all groups of this source block, even when its plan is too large for the plan cache. */
        private final SharedPlan plan = new SharedPlan();

        SourceBlockJob(SourceBlockGeometry geo, int repair, SymbolIds.Builder ids, int idBase, Blake3 blockHash) {
            this.geo = geo;
            this.k = geo.k();
            this.t = geo.symbolSize();
            this.repair = repair;
            this.ids = ids;
            this.idBase = idBase;
            this.blockHash = blockHash;
            this.fileStart = spec.offset() - inputBase + geo.offsetInBlock();
            this.fileLimit = fileStart + geo.length();
            this.label = name + " source block " + geo.sbn();
        }

        void run() {
            int band = WorkingSets.bandSymbols(t, budget, ctx.threads());
            int bands = Math.max(2, ctx.threads());
            long target = WorkingSets.efficientBudget(budget, ctx.threads());
            if (WorkingSets.encodeWholeBytes(k, t, geo.subBlockCount() > 1, band, bands) <= target) {
                encodeWhole(band, bands);
                return;
            }
            // the widest groups of which each thread can hold one within its share of the budget
            long share = target / Math.max(1, ctx.threads());
            int width = geo.pieceSize(0);
            for (int w = geo.symbolSize(); w >= geo.pieceSize(0); w -= Math.max(8, w / 16)) {
                if (WorkingSets.encodeGroupBytes(k, w, repair) + WorkingSets.stagingBytes(w) <= share) {
                    width = w;
                    break;
                }
            }
            List<SubBlockGroup> groups = geo.groups(width);
            for (SubBlockGroup g : groups) {
                if (groupBytes(g) > budget) {
                    throw new ResourceLimitException(label + " needs at least " + groupBytes(g)
                            + " bytes for one sub-block (K=" + k + ", " + g.width() + " bytes per sub-symbol); "
                            + "the memory limit leaves " + budget + " bytes for working sets: a memory limit of "
                            + MemoryLimits.limitMibFor(groupBytes(g)) + "m would do");
                }
            }
            encodeByGroups(groups, band);
        }

        /** A group's encoder and repair chunk, and the staging buffer that interleaves several sub-blocks. */
        private long groupBytes(SubBlockGroup g) {
            return WorkingSets.encodeGroupBytes(k, g.width(), repair)
                    + (g.subBlocks() > 1 ? WorkingSets.stagingBytes(g.width()) : 0);
        }

        /** The whole source block in one encoder; its symbols written in bands by the workers. */
        private void encodeWhole(int bandSymbols, int bandCount) {
            ProgressShare progress = new ProgressShare(ctx.control(), geo.length(), (long) k + repair);
            try (Permit permit = ctx.reserve(
                    WorkingSets.encodeWholeBytes(k, t, geo.subBlockCount() > 1, bandSymbols, bandCount), label)) {
                BlockEncoder encoder = ctx.codec().openEncoder(k, t, true, plan);
                BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(bandCount);
                try (encoder) {
                    fill(geo.group(0, geo.subBlockCount()), encoder.sourceRegion());
                    encoder.computeIntermediateSymbols();
                    for (int i = 0; i < bandCount; i++) {
                        free.add(DirectBuffers.allocate((long) bandSymbols * t));
                    }
                    try (TaskGroup tasks = ctx.newTaskGroup()) {
                        for (int esi = 0; esi < k + repair; esi += bandSymbols) {
                            int count = Math.min(bandSymbols, k + repair - esi);
                            ByteBuffer band = take(free);
                            encoder.writeSymbols(esi, count, band, 0);
                            int first = esi;
                            tasks.submit(null, () -> {
                                writeBand(band, first, count);
                                progress.advance(count);
                            }, () -> free.add(band));
                        }
                        tasks.await();
                    }
                } finally {
                    free.forEach(DirectBuffers::free);
                }
            }
        }

        private ByteBuffer take(BlockingQueue<ByteBuffer> free) {
            try {
                return free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobCancelledException("interrupted while encoding " + label);
            }
        }

        /**
         * Reads the group's sub-blocks from the file straight into {@code symbols} (an encoder's source region) as
         * K symbols of the group's width: a lone sub-block is one read, several are read a staging buffer at a
         * time and their pieces interleaved. Groups are read in file order, so the block hash sees the block's
         * bytes in order.
         */
        private void fill(SubBlockGroup g, ByteBuffer symbols) {
            if (g.subBlocks() == 1) {
                readRegion(geo.subBlockStart(g.first()), symbols, 0, k * g.width());
                return;
            }
            ByteBuffer staging = DirectBuffers.allocate(WorkingSets.stagingBytes(g.width()));
            try {
                for (int n = g.first(); n < g.end(); n++) {
                    int piece = geo.pieceSize(n);
                    int rel = geo.pieceOffset(n) - g.symbolOffset();
                    int perRead = staging.capacity() / piece;
                    for (int first = 0; first < k; first += perRead) {
                        int count = Math.min(perRead, k - first);
                        readRegion(geo.subBlockStart(n) + (long) first * piece, staging, 0, count * piece);
                        Interleave.scatter(staging, 0, count, piece, symbols, first * g.width(), g.width(), rel);
                    }
                }
            } finally {
                DirectBuffers.free(staging);
            }
        }

        private void readRegion(long paddedOffset, ByteBuffer dst, int offset, int length) {
            long position = fileStart + paddedOffset;
            PositionalIo.readPadded(input, position, fileLimit, dst, offset, length, inputPath);
            // regions are read in file order, so the block hash sees the block's bytes in order, padding excluded
            int present = (int) Math.max(0, Math.min(length, fileLimit - position));
            blockHash.update(dst, offset, present);
        }

        private void writeBand(ByteBuffer band, int firstEsi, int count) {
            // one hashing call names the whole band (SymbolSink.acceptBand)
            String[] named = new String[count];
            sink.acceptBand(spec.index(), geo.sbn(), firstEsi, count, band, 0, t, named, 0);
            for (int j = 0; j < count; j++) {
                ids.set(idBase + firstEsi + j, named[j]);
            }
        }

        /**
         * Codes the groups one per worker, each read straight into its encoder, the repair pieces kept in memory
         * when the budget has room for them and for every unit of work at once (one reservation, taken only if
         * free now), else in a scratch file with each unit reserving its own memory; then assembles the symbols.
         */
        private void encodeByGroups(List<SubBlockGroup> groups, int bandSymbols) {
            // units are bytes of symbols, coded then assembled, so the groups' widths add up to exactly the total
            ProgressShare progress = new ProgressShare(ctx.control(), geo.length(), 2L * (k + repair) * t);
            long widest = groups.stream().mapToLong(this::groupBytes).max().orElse(0);
            // the workers' groups plus the one the reader fills ahead; the workers' bands
            long working = Math.max((ctx.threads() + 1L) * widest,
                    (long) ctx.threads() * WorkingSets.bandBytes(bandSymbols, t));
            long repairBytes = (long) repair * t;
            Permit held = ctx.tryReserve(repairBytes + working);
            try (Permit all = held;
                    RepairPieces pieces = held != null ? RepairPieces.inMemory(repairBytes)
                            : RepairPieces.inFile(scratchDirectory)) {
                try (TaskGroup tasks = ctx.newTaskGroup()) {
                    for (SubBlockGroup g : groups) {
                        Permit permit = held != null ? null : ctx.reserve(groupBytes(g), label + " sub-blocks "
                                + g.first() + ".." + (g.end() - 1));
                        BlockEncoder encoder;
                        try {
                            encoder = ctx.codec().openEncoder(k, g.width(), false, plan);
                            try {
                                fill(g, encoder.sourceRegion());
                            } catch (RuntimeException | Error e) {
                                encoder.close();
                                throw e;
                            }
                        } catch (RuntimeException | Error e) {
                            if (permit != null) {
                                permit.close();
                            }
                            throw e;
                        }
                        // the task closes the encoder; the cleanup closes it only when the task never ran
                        AtomicReference<BlockEncoder> owned = new AtomicReference<>(encoder);
                        tasks.submit(permit, () -> {
                            codeGroup(g, owned.getAndSet(null), pieces);
                            progress.advance((long) (k + repair) * g.width());
                        }, () -> {
                            BlockEncoder left = owned.getAndSet(null);
                            if (left != null) {
                                left.close();
                            }
                        });
                    }
                    tasks.await();
                }
                try (TaskGroup tasks = ctx.newTaskGroup()) {
                    for (int esi = 0; esi < k + repair; esi += bandSymbols) {
                        int count = Math.min(bandSymbols, k + repair - esi);
                        int first = esi;
                        Permit permit = held != null ? null
                                : ctx.reserve(WorkingSets.bandBytes(count, t), label + " symbol band");
                        tasks.submit(permit, () -> {
                            assembleBand(groups, pieces, first, count);
                            progress.advance((long) count * t);
                        });
                    }
                    tasks.await();
                }
            }
        }

        /** Computes a filled group's intermediate symbols and stores its repair pieces at R * offset + r * width. */
        private void codeGroup(SubBlockGroup g, BlockEncoder encoder, RepairPieces pieces) {
            int width = g.width();
            int chunk = WorkingSets.repairChunk(repair, width);
            try (encoder) {
                encoder.computeIntermediateSymbols();
                ByteBuffer out = DirectBuffers.allocate((long) chunk * width);
                try {
                    long base = (long) repair * g.symbolOffset();
                    for (int r = 0; r < repair; r += chunk) {
                        int count = Math.min(chunk, repair - r);
                        encoder.writeSymbols(k + r, count, out, 0);
                        pieces.write(base + (long) r * width, out, 0, count * width);
                    }
                } finally {
                    DirectBuffers.free(out);
                }
            }
        }

        /** Builds symbols firstEsi .. firstEsi+count-1 from their pieces and writes them. */
        private void assembleBand(List<SubBlockGroup> groups, RepairPieces repairPieces, int firstEsi, int count) {
            ByteBuffer band = DirectBuffers.allocate((long) count * t);
            ByteBuffer pieces = DirectBuffers.allocate((long) count * t);
            try {
                int sources = Math.max(0, Math.min(k, firstEsi + count) - firstEsi);
                for (int n = 0; sources > 0 && n < geo.subBlockCount(); n++) {
                    int width = geo.pieceSize(n);
                    long position = fileStart + geo.subBlockStart(n) + (long) firstEsi * width;
                    PositionalIo.readPadded(input, position, fileLimit, pieces, 0, sources * width, inputPath);
                    Interleave.scatter(pieces, 0, sources, width, band, 0, t, geo.pieceOffset(n));
                }
                int repairs = count - sources;
                int firstRepair = firstEsi + sources - k;
                for (SubBlockGroup g : groups) {
                    if (repairs == 0) {
                        break;
                    }
                    long position = (long) repair * g.symbolOffset() + (long) firstRepair * g.width();
                    repairPieces.read(position, pieces, 0, repairs * g.width());
                    Interleave.scatter(pieces, 0, repairs, g.width(), band, sources * t, t, g.symbolOffset());
                }
                writeBand(band, firstEsi, count);
            } finally {
                DirectBuffers.free(pieces);
                DirectBuffers.free(band);
            }
        }
    }
}
