package org.ipc4j.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the parent hands a child JVM over its stdin: who it is and what to run. Written field by field (not
 * with Java serialisation), so that reading it costs a warm spare almost nothing. {@code exitRecord} is the
 * path of the child's {@link ExitRecords exit record}, empty for none.
 */
record ChildPayload(String name, boolean daemon, long parentPid, long parentStartTime, String exitRecord,
                    Map<String, String> properties, byte[] target) {

    void writeTo(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeBoolean(daemon);
        out.writeLong(parentPid);
        out.writeLong(parentStartTime);
        out.writeUTF(exitRecord);
        out.writeInt(properties.size());
        for (Map.Entry<String, String> property : properties.entrySet()) {
            out.writeUTF(property.getKey());
            out.writeUTF(property.getValue());
        }
        out.writeInt(target.length);
        out.write(target);
    }

    static ChildPayload readFrom(DataInputStream in) throws IOException {
        String name = in.readUTF();
        boolean daemon = in.readBoolean();
        long parentPid = in.readLong();
        long parentStartTime = in.readLong();
        String exitRecord = in.readUTF();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("corrupt payload: " + count + " properties");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            properties.put(in.readUTF(), in.readUTF());
        }
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt payload: a target of " + length + " bytes");
        }
        byte[] target = new byte[length];
        in.readFully(target);
        return new ChildPayload(name, daemon, parentPid, parentStartTime, exitRecord, properties, target);
    }
}
