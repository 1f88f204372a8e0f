package org.rqlib;

/** The job was cancelled through its {@code JobControl}; whatever it had written is removed. */
public class JobCancelledException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public JobCancelledException(String message) {
        super(message);
    }
}
