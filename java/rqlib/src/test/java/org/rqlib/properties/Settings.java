package org.rqlib.properties;

import org.rqlib.api.RaptorQ;

/**
 * One combination of the settings the properties vary: those that decide the output (symbol size, redundancy
 * factor, block size) and those that must not (memory limit, threads).
 */
record Settings(int symbolSize, int redundancy, long blockSize, long memoryLimit, int threads) {

    RaptorQ build() {
        return RaptorQ.builder().symbolSize(symbolSize).redundancyFactor(redundancy).blockSize(blockSize)
                .memoryLimit(memoryLimit).threads(threads).build();
    }

    /**
     * These settings made to fit a file of {@code size} bytes into about {@code maxSymbols} symbol files (each is a
     * file on disk, and a test run writes thousands of directories): the symbol size raised to at least
     * size * rf / maxSymbols, and an explicit block size to at least 1/16 of the file.
     */
    Settings boundedFor(long size, int maxSymbols) {
        long least = (size * redundancy + maxSymbols - 1) / maxSymbols;
        int t = (int) Math.min(65535, Math.max(symbolSize, least));
        long block = blockSize == 0 ? 0 : Math.max(blockSize, Math.max(size / 16, t));
        return new Settings(t, redundancy, block, memoryLimit, threads);
    }

    Settings withRuntime(long memory, int threadCount) {
        return new Settings(symbolSize, redundancy, blockSize, memory, threadCount);
    }
}
