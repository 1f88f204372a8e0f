package org.rqlib;

/** A layout file or object is malformed: a field is missing, has the wrong type or an impossible value. */
public class LayoutException extends RqlibException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public LayoutException(String field, String message) {
        super("layout field " + field + ": " + message);
        this.field = field;
    }

    public LayoutException(String field, String message, Throwable cause) {
        super("layout field " + field + ": " + message, cause);
        this.field = field;
    }

    /** The JSON path of the field at fault, e.g. {@code blocks[2].encoder_parameters}. */
    public String field() {
        return field;
    }
}
