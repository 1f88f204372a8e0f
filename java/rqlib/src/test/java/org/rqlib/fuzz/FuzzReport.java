package org.rqlib.fuzz;

import java.util.List;
import java.util.Map;

/** The outcome of one fuzz run: inputs run, how many passed or were rejected (by exception type), findings. */
public record FuzzReport(String name, long seed, long inputs, long passed, Map<String, Long> rejections,
        List<String> findings, long millis) {

    public String summary() {
        return String.format("fuzz %-22s seed %d: %6d inputs, %6d ok, rejected %s, %d findings, %d ms", name, seed,
                inputs, passed, rejections, findings.size(), millis);
    }

    /** Everything a failing test should print: the summary, then each finding with its seed. */
    public String details() {
        return summary() + "\n" + String.join("\n", findings);
    }
}
