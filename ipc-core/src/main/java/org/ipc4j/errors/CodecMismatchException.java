package org.ipc4j.errors;

/** The object stores its data with another codec than the one given, or with a codec that cannot be resolved by id. */
public class CodecMismatchException extends TypeMismatchException {
    private static final long serialVersionUID = 1L;

    public CodecMismatchException(String message) {
        super(message);
    }
}
