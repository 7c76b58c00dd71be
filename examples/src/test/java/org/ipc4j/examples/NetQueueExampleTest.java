package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.NetworkNamespaces;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Program 5 across hosts: the reader and the writer in two JVMs, over loopback and in two network namespaces. */
@ExtendWith(SharedDirExtension.class)
class NetQueueExampleTest {

    @Test
    void theWriterAndTheReaderOverLoopback() {
        run(ChildJvm.builder(Examples.class), ChildJvm.builder(Examples.class), "127.0.0.1:0");
    }

    @Test
    void theWriterAndTheReaderInTwoNetworkNamespaces() throws Exception {
        try (NetworkNamespaces hosts = NetworkNamespaces.create("ex" + ProcessHandle.current().pid() % 10_000, 8)) {
            assumeTrue(hosts != null, "no network namespaces here (needs root and iproute2): " + NetworkNamespaces.whyNot());
            long before = hosts.packetsIntoFirst();
            run(ChildJvm.builder(Examples.class).inNetworkNamespace(hosts.first()),
                    ChildJvm.builder(Examples.class).inNetworkNamespace(hosts.second()), hosts.firstAddress() + ":40123");
            assertTrue(hosts.packetsIntoFirst() > before, "the datagrams crossed the veth pair");
        }
    }

    private static void run(ChildJvm.Builder readerHost, ChildJvm.Builder writerHost, String listenAt) {
        try (ChildJvm reader = readerHost.args("run", "NetQueueReader", "--listen", listenAt).start()) {
            String line = reader.awaitLineStartingWith("reader listening at ", ExampleRun.TIMEOUT);
            String endpoint = line.substring("reader listening at ".length());
            try (ChildJvm writer = writerHost.args("run", "NetQueueWriter", "--to", endpoint, "--pause", "0.1").start()) {
                writer.assertSuccess(ExampleRun.TIMEOUT);
                assertEquals(List.of("write, 1", "write, 2", "write, 3", "write, 4", "write_task end"),
                        writer.lines().stream().filter(l -> l.startsWith("write")).toList(), writer.output());
            }
            reader.assertSuccess(ExampleRun.TIMEOUT);
            assertEquals(List.of("read, 1", "read, 2", "read, 3", "read, 4", "read_task end", "DONE"),
                    reader.lines().stream().filter(l -> l.startsWith("read,") || l.startsWith("read_") || l.equals("DONE")).toList(), reader.output());
        }
    }
}
