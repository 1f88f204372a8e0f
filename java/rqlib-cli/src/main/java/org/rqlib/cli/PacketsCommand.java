package org.rqlib.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rqlib.packets.PacketFileDecoder;
import org.rqlib.packets.PacketFileEncoder;
import org.rqlib.packets.UnfinishedPacketFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rq packets}: RFC 6330 encoding packets in the conformance vectors' file format. */
@Command(name = "packets", mixinStandardHelpOptions = true,
        description = "Encode or decode RFC 6330 packets (4-byte FEC Payload ID + T bytes each, concatenated).",
        subcommands = {PacketsCommand.Encode.class, PacketsCommand.Decode.class})
final class PacketsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** SIGINT or SIGTERM removes the hidden {@code .NAME.<random>.part} this process is writing for {@code target}. */
    static SignalCancellation.Registration removePartOnSignal(Path target) {
        return SignalCancellation.onSignal(() -> UnfinishedPacketFiles.removeHeldFor(target));
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: encode or decode");
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Write per source block, in SBN order, packets ESI 0..K-1 then K..K+R-1.")
    static final class Encode implements Callable<Integer> {
        @Mixin
        OtiOption oti = new OtiOption();

        @Option(names = "--repair", paramLabel = "R", defaultValue = "0",
                description = "Repair packets per source block (default: ${DEFAULT-VALUE}).")
        int repair;

        @Parameters(index = "0", paramLabel = "DATA_FILE", description = "The object: exactly F bytes.")
        Path data;

        @Parameters(index = "1", paramLabel = "PACKETS_FILE", description = "Where to write the packets.")
        Path packets;

        @Override
        public Integer call() throws IOException {
            try (SignalCancellation.Registration signals = removePartOnSignal(packets)) {
                new PacketFileEncoder(Kernel.codec()).encode(oti.parse(), data, packets, repair);
            }
            return 0;
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Rebuild the F-byte object from packets in any order and any subset.")
    static final class Decode implements Callable<Integer> {
        @Mixin
        OtiOption oti = new OtiOption();

        @Parameters(index = "0", paramLabel = "PACKETS_FILE", description = "Packets to decode from.")
        Path packets;

        @Parameters(index = "1", paramLabel = "OUT_FILE", description = "Where to write the object.")
        Path output;

        @Override
        public Integer call() throws IOException {
            try (SignalCancellation.Registration signals = removePartOnSignal(output)) {
                new PacketFileDecoder(Kernel.codec()).decode(oti.parse(), packets, output);
            }
            return 0;
        }
    }
}
