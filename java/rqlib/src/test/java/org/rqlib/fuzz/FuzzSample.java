package org.rqlib.fuzz;

/** What a target records about the input it is running, saved with a finding. Not thread-safe. */
public final class FuzzSample {
    private byte[] bytes = new byte[0];
    private String description = "";

    public void bytes(byte[] input) {
        this.bytes = input.clone();
    }

    public void describe(String text) {
        this.description = text;
    }

    byte[] bytes() {
        return bytes;
    }

    String description() {
        return description;
    }
}
