package org.rqlib.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.rqlib.api.DecodeResult;
import org.rqlib.api.EncodeResult;
import org.rqlib.api.RaptorQ;
import org.rqlib.kernel.KernelInfo;

/**
 * Run from the module path: checks that rqlib is the named module {@code org.rqlib} with a version, that the
 * native kernel was selected (unless {@code -Dconsumer.expectKernel=java}), and that a 3 MiB file encodes and
 * decodes back identically with a tenth of its symbol files lost. Exits 1 with the reason on any failure.
 */
public final class ModulePathConsumer {
    private ModulePathConsumer() {
    }

    public static void main(String[] args) throws IOException {
        List<String> failures = new ArrayList<>();
        Module rqlib = RaptorQ.class.getModule();
        check(failures, rqlib.isNamed() && rqlib.getName().equals("org.rqlib"),
                "RaptorQ is in module " + rqlib.getName() + ", expected org.rqlib");
        check(failures, ModulePathConsumer.class.getModule().isNamed(), "the consumer is not a named module");

        KernelInfo info;
        try (RaptorQ rq = RaptorQ.builder().symbolSize(1024).redundancyFactor(2).memoryLimit(64L << 20).threads(2)
                .build()) {
            info = rq.kernelInfo();
            System.out.print(info.describe());
            check(failures, !info.libraryVersion().startsWith("development"),
                    "no library version on the module path: " + info.libraryVersion());
            String expect = System.getProperty("consumer.expectKernel", "native");
            check(failures, expect.equals("native") ? info.nativeInUse() : !info.nativeInUse(),
                    "expected the " + expect + " kernel, got " + info.kernel() + " (" + info.nativeProblem() + ")");
            roundTrip(rq, failures);
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("FAIL: " + f));
            System.exit(1);
        }
        System.out.println("module path consumer OK: " + rqlib.getDescriptor().toNameAndVersion() + ", kernel "
                + info.kernel() + ", Java " + Runtime.version());
    }

    private static void roundTrip(RaptorQ rq, List<String> failures) throws IOException {
        Path dir = Files.createTempDirectory("rqlib-consumer");
        try {
            byte[] data = new byte[3 << 20];
            new Random(17).nextBytes(data);
            Path input = Files.write(dir.resolve("input.bin"), data);
            EncodeResult encoded = rq.encodeFile(input, dir.resolve("symbols"));
            List<Path> symbols;
            try (Stream<Path> files = Files.walk(encoded.outputDirectory())) {
                symbols = files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals(RaptorQ.LAYOUT_FILE)).sorted().toList();
            }
            for (int i = 0; i < symbols.size(); i += 10) {
                Files.delete(symbols.get(i));
            }
            DecodeResult decoded = rq.decodeFile(encoded.outputDirectory(), dir.resolve("decoded.bin"));
            check(failures, Arrays.equals(data, Files.readAllBytes(decoded.output())),
                    "the decoded file differs from the input");
            System.out.println("round trip: " + symbols.size() + " symbol files, " + decoded.symbolsMissing()
                    + " missing, decoded identically");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }
}
