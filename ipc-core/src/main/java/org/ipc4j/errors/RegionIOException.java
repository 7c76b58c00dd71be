package org.ipc4j.errors;

/** The file behind a region could not be created, sized, mapped or removed (for example a full /dev/shm). */
public class RegionIOException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public RegionIOException(String message) {
        super(message);
    }

    public RegionIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
