package org.ipc4j.process;

import java.io.Serializable;
import java.util.Map;

/** What the parent hands a child JVM over its stdin: who it is and what to run. */
record ChildPayload(String name, boolean daemon, long parentPid, long parentStartTime,
                    Map<String, String> properties, byte[] target) implements Serializable {
}
