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
 * The main class of every child JVM. A warm spare (argument {@link #SPARE}) first warms up. Then it reads
 * messages from stdin: {@link #PRELOAD} names classes a warm spare loads while it waits, {@link #PAYLOAD} carries the {@link ChildPayload} to run (EOF before it means
 * the parent is gone or no longer needs the spare). Exit code 0 when the target returns, 1 with the stack
 * trace on stderr when it throws.
 */
public final class ChildBootstrap {
    /** The argument that makes a child a warm spare. */
    static final String SPARE = "--spare";
    /** Followed by an int count and that many class names (writeUTF). */
    static final int PRELOAD = 1;
    /** Followed by a {@link ChildPayload}. */
    static final int PAYLOAD = 2;

    private static final long PARENT_CHECK_MILLIS = 100;

    private ChildBootstrap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && SPARE.equals(args[0])) {
            SpareWarmUp.run();
        }
        final ChildPayload payload;
        try {
            payload = awaitPayload(new DataInputStream(System.in));
        } catch (EOFException parentGone) {
            System.exit(0);
            return;
        }
        for (Map.Entry<String, String> property : payload.properties().entrySet()) {
            System.setProperty(property.getKey(), property.getValue());
        }
        System.setIn(InputStream.nullInputStream());
        ExitRecords.recordEnding(payload.exitRecord());
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

    /** Preloads the classes the parent names until the payload arrives. */
    static ChildPayload awaitPayload(DataInputStream in) throws IOException {
        while (true) {
            int kind = in.read();
            if (kind == PAYLOAD) {
                return ChildPayload.readFrom(in);
            }
            if (kind != PRELOAD) {
                throw new EOFException(kind < 0 ? "parent gone" : "unknown message " + kind + " on stdin");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                SpareWarmUp.preload(in.readUTF());
            }
        }
    }

    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
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
