package org.rqlib;

/**
 * Another job (in this process or another) is writing into the same output (its lock file is held), or has
 * finished there (its layout is published, and a layout is never replaced). Names the output and, where known, who
 * holds it. Nothing was written over the other job's files.
 */
public class OutputLockedException extends RqlibException {
    private static final long serialVersionUID = 1L;

    public OutputLockedException(String message) {
        super(message);
    }
}
