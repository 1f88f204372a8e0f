package org.rqlib.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.EncodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.kernel.KernelInfo;

/**
 * What a user of rqlib-platform does: encodes a file, loses some symbol files, decodes it back, and checks that
 * the native kernel did the work. Usage: ClasspathConsumer EXPECTED_KERNEL_PREFIX SIZE_BYTES WORK_DIR, e.g.
 * {@code native- 4194304 /tmp/x} or {@code native-neon ...}. Exit 0 when all holds, 1 with the reason otherwise.
 */
public final class ClasspathConsumer {
    private ClasspathConsumer() {
    }

    public static void main(String[] args) throws IOException {
        String expectedKernel = args[0];
        int size = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        try (RaptorQ rq = RaptorQ.builder().symbolSize(16384).redundancyFactor(2).memoryLimit(64L << 20).threads(2)
                .build()) {
            KernelInfo kernel = rq.kernelInfo();
            System.out.print(kernel.describe());
            check(kernel.kernel().startsWith(expectedKernel), "kernel " + kernel.kernel() + " is not "
                    + expectedKernel + "*: " + kernel.nativeProblem());

            byte[] data = new byte[size];
            new Random(20261129L).nextBytes(data);
            Path input = Files.write(Files.createDirectories(work).resolve("input.bin"), data);
            Path symbols = work.resolve("symbols");
            EncodeResult encoded = rq.encodeFile(input, symbols);

            List<Path> files;
            try (Stream<Path> walk = Files.walk(symbols)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals(RaptorQ.LAYOUT_FILE))
                        .sorted().collect(Collectors.toList());
            }
            check(files.size() == encoded.symbolCount(), files.size() + " symbol files, " + encoded.symbolCount()
                    + " reported");
            int lost = 0;
            for (int i = 0; i < files.size(); i += 10) { // every tenth symbol file: 10% loss, repair symbols needed
                Files.delete(files.get(i));
                lost++;
            }
            Path output = work.resolve("output.bin");
            DecodeResult decoded = rq.decodeFile(symbols, output);
            check(Arrays.equals(data, Files.readAllBytes(output)), "decoded file differs from the input");
            check(decoded.symbolsMissing() > 0, "the decoder missed none of the " + lost + " deleted symbol files");
            System.out.println("consumer: " + size + " bytes encoded into " + files.size() + " symbol files, " + lost
                    + " deleted, decoded identically with " + kernel.kernel() + " on Java "
                    + System.getProperty("java.version") + " (" + System.getProperty("os.arch") + ")");
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            System.err.println("consumer: FAILED: " + failure);
            System.exit(1);
        }
    }
}
