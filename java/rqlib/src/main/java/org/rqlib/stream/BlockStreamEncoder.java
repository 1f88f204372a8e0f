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
import org.rqlib.io.ScratchFile;
import org.rqlib.io.SymbolSink;
import org.rqlib.kernel.DirectBuffers;
import org.rqlib.layout.LayoutBlock;
import org.rqlib.layout.SymbolIds;
import org.rqlib.limits.Permit;

/**
 * Encodes one block of a file into its symbols and layout entry, inside the job's share of the memory budget.
 *
 * <p>When a whole source block fits, it is encoded in memory and its symbols written straight from the encoder.
 * Otherwise its sub-blocks are coded in groups that fit (RFC 6330 4.4.1.2 keeps each sub-block contiguous in the
 * file, so a group is one read): each group's repair pieces go to a scratch file, and symbol files are then
 * assembled band by band from their N pieces, source pieces from the input, repair pieces from scratch. Both
 * ways give the same bytes. Used by one coordinating thread; the work runs on the job's task group.
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
                if (WorkingSets.encodeGroupBytes(k, w, true, repair) <= share) {
                    width = w;
                    break;
                }
            }
            List<SubBlockGroup> groups = geo.groups(width);
            for (SubBlockGroup g : groups) {
                if (groupBytes(g) > budget) {
                    throw new ResourceLimitException(label + " needs at least " + groupBytes(g)
                            + " bytes for one sub-block (K=" + k + ", " + g.width() + " bytes per sub-symbol); "
                            + "the memory limit is " + budget + " bytes");
                }
            }
            encodeByGroups(groups, band);
        }

        private long groupBytes(SubBlockGroup g) {
            return WorkingSets.encodeGroupBytes(k, g.width(), g.subBlocks() > 1, repair);
        }

        /** The whole source block in one encoder; its symbols written in bands by the workers. */
        private void encodeWhole(int bandSymbols, int bandCount) {
            ProgressShare progress = new ProgressShare(ctx.control(), geo.length(), (long) k + repair);
            try (Permit permit = ctx.reserve(
                    WorkingSets.encodeWholeBytes(k, t, geo.subBlockCount() > 1, bandSymbols, bandCount), label)) {
                BlockEncoder encoder = encodeFromFile();
                BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(bandCount);
                try (encoder) {
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

        /** Reads the whole source block, feeds the block hash and encodes it as K symbols of T bytes. */
        private BlockEncoder encodeFromFile() {
            SubBlockGroup all = geo.group(0, geo.subBlockCount());
            ByteBuffer region = DirectBuffers.allocate((long) k * t);
            readRegion(0, region, k * t);
            return encodeRegion(all, region, true);
        }

        /**
         * Encodes a group from its region as read from the file (its sub-blocks one after the other), interleaving
         * the sub-blocks into symbols first when there are several. Frees the region.
         */
        private BlockEncoder encodeRegion(SubBlockGroup g, ByteBuffer region, boolean keepSource) {
            ByteBuffer symbols = region;
            try {
                if (g.subBlocks() > 1) {
                    symbols = DirectBuffers.allocate((long) k * g.width());
                    for (int n = g.first(); n < g.end(); n++) {
                        int rel = geo.pieceOffset(n) - g.symbolOffset();
                        Interleave.scatter(region, k * rel, k, geo.pieceSize(n), symbols, 0, g.width(), rel);
                    }
                }
                return ctx.codec().encode(k, g.width(), symbols, 0, keepSource, plan);
            } finally {
                DirectBuffers.free(symbols);
                if (symbols != region) {
                    DirectBuffers.free(region);
                }
            }
        }

        private void readRegion(long paddedOffset, ByteBuffer dst, int length) {
            long position = fileStart + paddedOffset;
            PositionalIo.readPadded(input, position, fileLimit, dst, 0, length, inputPath);
            // regions are read in file order, so the block hash sees the block's bytes in order, padding excluded
            int present = (int) Math.max(0, Math.min(length, fileLimit - position));
            blockHash.update(dst, 0, present);
        }

        private void writeBand(ByteBuffer band, int firstEsi, int count) {
            // one hashing call names the whole band (SymbolSink.acceptBand)
            String[] named = new String[count];
            sink.acceptBand(spec.index(), geo.sbn(), firstEsi, count, band, 0, t, named, 0);
            for (int j = 0; j < count; j++) {
                ids.set(idBase + firstEsi + j, named[j]);
            }
        }

        private void encodeByGroups(List<SubBlockGroup> groups, int bandSymbols) {
            // units are bytes of symbols, coded then assembled, so the groups' widths add up to exactly the total
            ProgressShare progress = new ProgressShare(ctx.control(), geo.length(), 2L * (k + repair) * t);
            try (ScratchFile scratch = new ScratchFile(scratchDirectory, "repair")) {
                try (TaskGroup tasks = ctx.newTaskGroup()) {
                    for (SubBlockGroup g : groups) {
                        Permit permit = ctx.reserve(groupBytes(g), label + " sub-blocks " + g.first() + ".."
                                + (g.end() - 1));
                        ByteBuffer region;
                        try {
                            region = DirectBuffers.allocate((long) k * g.width());
                            readRegion(geo.subBlockStart(g.first()), region, k * g.width());
                        } catch (RuntimeException | Error e) {
                            permit.close();
                            throw e;
                        }
                        // the task hands the region to the encoder, which frees it; the cleanup frees it only when
                        // the task never ran: exactly one of them owns it
                        AtomicReference<ByteBuffer> owned = new AtomicReference<>(region);
                        tasks.submit(permit, () -> {
                            encodeGroup(g, owned.getAndSet(null), scratch);
                            progress.advance((long) (k + repair) * g.width());
                        }, () -> DirectBuffers.free(owned.getAndSet(null)));
                    }
                    tasks.await();
                }
                try (TaskGroup tasks = ctx.newTaskGroup()) {
                    for (int esi = 0; esi < k + repair; esi += bandSymbols) {
                        int count = Math.min(bandSymbols, k + repair - esi);
                        int first = esi;
                        Permit permit = ctx.reserve(WorkingSets.bandBytes(count, t), label + " symbol band");
                        tasks.submit(permit, () -> {
                            assembleBand(groups, scratch, first, count);
                            progress.advance((long) count * t);
                        });
                    }
                    tasks.await();
                }
            }
        }

        /** Codes one group of sub-blocks and stores its repair pieces in scratch at R * offset + r * width. */
        private void encodeGroup(SubBlockGroup g, ByteBuffer region, ScratchFile scratch) {
            int width = g.width();
            // only repair pieces come from the encoder here; source pieces are read from the input later
            BlockEncoder encoder = encodeRegion(g, region, false);
            int chunk = WorkingSets.repairChunk(repair, width);
            ByteBuffer out = DirectBuffers.allocate((long) chunk * width);
            try (encoder) {
                long base = (long) repair * g.symbolOffset();
                for (int r = 0; r < repair; r += chunk) {
                    int count = Math.min(chunk, repair - r);
                    encoder.writeSymbols(k + r, count, out, 0);
                    PositionalIo.write(scratch.channel(), base + (long) r * width, out, 0, count * width, scratch);
                }
            } finally {
                DirectBuffers.free(out);
            }
        }

        /** Builds symbols firstEsi .. firstEsi+count-1 from their pieces and writes them. */
        private void assembleBand(List<SubBlockGroup> groups, ScratchFile scratch, int firstEsi, int count) {
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
                    PositionalIo.read(scratch.channel(), position, pieces, 0, repairs * g.width(), scratch);
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
