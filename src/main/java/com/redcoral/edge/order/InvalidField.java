package com.redcoral.edge.order;

/**
 * A command or request field that is missing or out of range. Thrown while a command record is
 * built (from JSON or in code), so no invalid command exists; the message names the field.
 */
public final class InvalidField extends IllegalArgumentException {

    private final String field;

    public InvalidField(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The problem without the field name, for callers that prefix a longer path. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
