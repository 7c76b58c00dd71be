package org.ipc4j.net;

import java.time.Duration;
import java.util.List;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.NetworkNamespaces;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A writer and a reader in two network namespaces joined by a veth pair, as two hosts: the datagrams leave
 * one namespace's interface and enter the other's, and only the addresses inside the namespaces are used.
 * Needs root and iproute2; skipped with the reason elsewhere.
 */
@ExtendWith(SharedDirExtension.class)
class NetNamespaceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aQueueAndAPipeBetweenTwoNamespaces() throws Exception {
        try (NetworkNamespaces hosts = NetworkNamespaces.create("nt" + ProcessHandle.current().pid() % 10_000, 7)) {
            assumeTrue(hosts != null, "no network namespaces here (needs root and iproute2): " + NetworkNamespaces.whyNot());
            long before = hosts.packetsIntoFirst();
            String queueAt = hosts.firstAddress() + ":40123";
            try (ChildJvm reader = ChildJvm.builder(NetChild.class).inNetworkNamespace(hosts.first())
                         .args("take-strings", queueAt).start()) {
                reader.awaitLineStartingWith("listening", WAIT);
                try (ChildJvm writer = ChildJvm.builder(NetChild.class).inNetworkNamespace(hosts.second())
                        .args("put-strings", queueAt, "1", "2", "3", "4", "stop").start()) {
                    writer.assertSuccess(WAIT);
                }
                reader.assertSuccess(WAIT);
                List<String> took = reader.lines().stream().filter(line -> line.startsWith("took")).toList();
                assertEquals(List.of("took 1", "took 2", "took 3", "took 4", "took stop"), took, reader.output());
            }
            try (ChildJvm echo = ChildJvm.builder(NetChild.class).inNetworkNamespace(hosts.first())
                         .args("echo", hosts.firstAddress() + ":40124").start()) {
                echo.awaitLineStartingWith("listening", WAIT);
                try (ChildJvm dialler = ChildJvm.builder(NetChild.class).inNetworkNamespace(hosts.second())
                        .args("dial-send-close", hosts.firstAddress() + ":40124", "100000").start()) {
                    dialler.assertSuccess(WAIT);
                    assertTrue(dialler.output().contains("echoed 100000 bytes"), dialler.output());
                }
                echo.assertSuccess(WAIT);
            }
            long after = hosts.packetsIntoFirst();
            assertTrue(after > before, "the datagrams came in on the reader's veth (" + before + " -> " + after + " packets)");
        }
    }
}
