package org.ipc4j.process;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.Map;

import org.ipc4j.os.Os;

/**
 * The main class of every child JVM. It reads a {@link ChildPayload} from stdin (a warm spare blocks here
 * until it is given work; EOF means the parent is gone or no longer needs it), then runs the target.
 * Exit code 0 when the target returns, 1 with the stack trace on stderr when it throws.
 */
public final class ChildBootstrap {
    private static final long PARENT_CHECK_MILLIS = 100;

    private ChildBootstrap() {
    }

    public static void main(String[] args) throws Exception {
        prewarm();
        final ChildPayload payload;
        try {
            payload = readPayload(System.in);
        } catch (EOFException parentGone) {
            System.exit(0);
            return;
        }
        for (Map.Entry<String, String> property : payload.properties().entrySet()) {
            System.setProperty(property.getKey(), property.getValue());
        }
        System.setIn(InputStream.nullInputStream());
        JvmProcess.becomeChild(payload);
        if (payload.daemon()) {
            watchParent(payload.parentPid(), payload.parentStartTime());
        }
        int code = 0;
        try {
            JvmProcess process = (JvmProcess) deserialize(payload.target());
            JvmProcess.setCurrent(process);
            process.run();
        } catch (Throwable t) {
            System.err.println("Process " + payload.name() + ":");
            t.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static ChildPayload readPayload(InputStream stdin) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(stdin);
        int length = in.readInt();
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("payload cut short");
        }
        return (ChildPayload) deserialize(bytes);
    }

    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** Load what every child needs before blocking on stdin, so a warm spare starts its target sooner. */
    private static void prewarm() throws IOException, ClassNotFoundException {
        Os.currentProcess();
        deserialize(Serialization.toBytes(new ChildPayload("warm-up", false, 0, 0, Map.of(), new byte[0]), "warm-up"));
    }

    /** A daemon child dies with its parent, even when the parent is killed with SIGKILL. */
    private static void watchParent(long parentPid, long parentStartTime) {
        Thread watchdog = new Thread(() -> {
            while (Os.liveness().isAlive(parentPid, parentStartTime)) {
                try {
                    Thread.sleep(PARENT_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(1);
        }, "ipc4j-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
