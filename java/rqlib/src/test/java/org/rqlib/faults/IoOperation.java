package org.rqlib.faults;

/** The kinds of file system operation a {@link FaultPlan} can fail. */
public enum IoOperation {
    OPEN_READ, OPEN_WRITE, READ, WRITE, FORCE, MOVE, DELETE, CREATE_DIRECTORY, LIST, ATTRIBUTES
}
