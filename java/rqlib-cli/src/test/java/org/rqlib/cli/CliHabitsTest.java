package org.rqlib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Habits of the {@code rq} command line (issue #11 item 7): the progress bar reaches 100% and ends its line
 * before the summary, and ends its line before an error; it is drawn only when stderr is a terminal; an option
 * value rqlib refuses exits 2 like any usage error; an error names the path it is about.
 */
class CliHabitsTest {
    @TempDir
    Path dir;

    @Test
    void theBarReachesOneHundredPercentAndEndsItsLineBeforeTheSummary() throws IOException {
        Path input = dir.resolve("in.bin");
        byte[] data = new byte[300_000];
        new Random(6).nextBytes(data);
        Files.write(input, data);
        StringWriter both = new StringWriter();
        String saved = System.getProperty(StderrTerminal.PROPERTY);
        System.setProperty(StderrTerminal.PROPERTY, "true");
        try {
            PrintWriter writer = new PrintWriter(both, true);
            assertEquals(0, RqCommand.execute(writer, writer, "encode", input.toString(), dir.resolve("out").toString(),
                    "--symbol-size", "4096"));
        } finally {
            restore(saved);
        }
        String text = both.toString();
        int bar = text.lastIndexOf("100%");
        int summary = text.indexOf("encoded ");
        assertTrue(bar >= 0 && summary > bar, text);
        assertTrue(text.substring(bar, summary).contains("\n"), "the bar's line was not ended: " + text);
        assertEquals(1, count(text, "100%"), "100% is drawn once, when the job is done: " + text);
    }

    @Test
    void aFailedJobsBarLineEndsBeforeTheError() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err, true), "decode");
        bar.progress(0, 1000);
        bar.progress(400, 1000);
        bar.abandon();
        bar.progress(1000, 1000);
        assertTrue(err.toString().endsWith("\n"), err.toString());
        assertEquals(1, count(err.toString(), "\n"));
        assertTrue(!err.toString().contains("100%"), "a failed job's bar drew 100%: " + err);
    }

    @Test
    void noBarWhenStderrIsNotATerminal() {
        String saved = System.getProperty(StderrTerminal.PROPERTY);
        System.setProperty(StderrTerminal.PROPERTY, "false");
        try {
            assertNull(ProgressBar.create(new PrintWriter(new StringWriter()), "encode", false));
        } finally {
            restore(saved);
        }
    }

    @Test
    void optionValuesRqlibRefusesExitTwo() throws IOException {
        Path input = Files.write(dir.resolve("in.bin"), new byte[1000]);
        StringWriter err = new StringWriter();
        assertEquals(2, rq(err, "encode", input.toString(), dir.resolve("o").toString(), "--memory-limit", "1m"),
                err.toString());
        assertTrue(err.toString().contains("memory limit"), err.toString());
        assertEquals(2, rq(err, "decode", dir.toString(), dir.resolve("x").toString(), "--threads", "0"));
        assertEquals(2, rq(err, "metadata", input.toString(), dir.resolve("l").toString(), "--memory-limit", "1k"));
        assertTrue(!Files.exists(dir.resolve("o")), "a refused encode created its output");
    }

    @Test
    void errorsNameThePathTheyAreAbout() throws IOException {
        Path input = Files.write(dir.resolve("in.bin"), new byte[1000]);
        Path notADirectory = Files.write(dir.resolve("plain"), new byte[1]);
        Path under = notADirectory.resolve("out");
        StringWriter err = new StringWriter();
        assertEquals(1, rq(err, "encode", input.toString(), under.toString(), "--quiet"));
        assertTrue(err.toString().contains(under.toString()) || err.toString().contains(notADirectory.toString()),
                err.toString());
        err.getBuffer().setLength(0);
        Path missing = dir.resolve("no-such-symbols");
        assertEquals(1, rq(err, "decode", missing.toString(), dir.resolve("x").toString(), "--quiet"));
        assertTrue(err.toString().contains(missing.toString()), err.toString());
        err.getBuffer().setLength(0);
        Path layout = dir.resolve("missing-layout.json");
        assertEquals(1, rq(err, "decode", dir.toString(), dir.resolve("x").toString(), "--layout", layout.toString(),
                "--quiet"));
        assertTrue(err.toString().contains(layout.toString()), err.toString());
    }

    private static int rq(StringWriter err, String... args) {
        return RqCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static void restore(String saved) {
        if (saved == null) {
            System.clearProperty(StderrTerminal.PROPERTY);
        } else {
            System.setProperty(StderrTerminal.PROPERTY, saved);
        }
    }
}
