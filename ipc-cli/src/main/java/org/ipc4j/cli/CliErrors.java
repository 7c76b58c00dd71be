package org.ipc4j.cli;

import java.nio.file.AccessDeniedException;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.IncompatibleVersionException;
import org.ipc4j.errors.InvalidNameException;
import org.ipc4j.errors.NotInitialisedException;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.errors.TypeMismatchException;

/** Maps what went wrong to the tool's exit codes. */
final class CliErrors {
    private CliErrors() {
    }

    static int exitCodeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ObjectNotFoundException || t instanceof java.nio.file.NoSuchFileException) {
                return Ipc4jCommand.EXIT_NOT_FOUND;
            }
            if (t instanceof AccessDeniedException) {
                return Ipc4jCommand.EXIT_PERMISSION;
            }
            if (t instanceof InvalidNameException) {
                return Ipc4jCommand.EXIT_USAGE;
            }
            if (t instanceof CorruptedException || t instanceof IncompatibleVersionException
                    || t instanceof TypeMismatchException || t instanceof NotInitialisedException) {
                return Ipc4jCommand.EXIT_CORRUPTED;
            }
        }
        return Ipc4jCommand.EXIT_CORRUPTED;
    }
}
