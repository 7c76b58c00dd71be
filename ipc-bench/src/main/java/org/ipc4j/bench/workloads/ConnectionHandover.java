package org.ipc4j.bench.workloads;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;

import org.ipc4j.channel.Connection;

/**
 * Passes a pipe end to the peer JVM as a user passes one to another process: serialised (which hands it
 * over) into a context property, deserialised (which attaches) on the other side.
 */
final class ConnectionHandover {
    private ConnectionHandover() {
    }

    static String serialise(Connection end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(end);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static Connection attach(String serialised) throws IOException, ClassNotFoundException {
        byte[] bytes = Base64.getDecoder().decode(serialised);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Connection) in.readObject();
        }
    }

    /**
     * Closes a workload's ends: the one it kept, and on the creating side the one it handed over (still open
     * here after serialising), which it also unlinks so that the pipe's file goes whatever the peer did.
     */
    static void close(Connection own, Connection handedOver) {
        if (handedOver != null) {
            handedOver.close();
        }
        if (own != null) {
            if (handedOver != null) {
                own.unlink();
            }
            own.close();
        }
    }
}
