package org.rqlib.cli;

import org.rqlib.codec.Oti;
import picocli.CommandLine.Option;

/**
 * {@code --oti HEX24}, shared by the packets commands. Kept as text and parsed when the command runs, so that a
 * bad value is bad input (exit 1, the field named) rather than a usage error.
 */
final class OtiOption {
    @Option(names = "--oti", required = true, paramLabel = "HEX24",
            description = "Object Transmission Information: 12 bytes as 24 hex digits (F, reserved, T, Z, N, Al).")
    String hex;

    Oti parse() {
        return Oti.parseHex(hex);
    }
}
