package org.ipc4j.errors;

/** The name belongs to an object of another type (opening a lock as a queue). */
public class TypeMismatchException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public TypeMismatchException(String message) {
        super(message);
    }

    public TypeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
