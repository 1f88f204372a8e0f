package org.rqlib;

/**
 * The input file changed while it was being encoded (its size, modification time or identity differ from when
 * the job started): the symbols would describe a mixture, so the job failed and removed its output. Names the
 * file and what changed.
 */
public class InputChangedException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public InputChangedException(String message) {
        super(message);
    }
}
