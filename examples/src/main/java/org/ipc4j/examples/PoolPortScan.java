package org.ipc4j.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.ipc4j.process.ProcessPool;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 20: a port scanner: {@code Pool(16)} scans ports 0..65535 of
 * 127.0.0.1, one {@code apply_async(scan_port, (k * 4096,))} per chunk of 4096 ports, each worker printing
 * the open ports it finds.
 *
 * <p>It scans 127.0.0.1 only. Python's {@code connect_ex} returns an error code; Java's
 * {@link Socket#connect(java.net.SocketAddress, int)} throws instead, so a refused port is a caught
 * exception here. The connect timeout is 200 ms ({@code --timeout-ms}; the seed's is 1 s): a closed port
 * on the loopback interface refuses at once, so the timeout only matters where a firewall drops packets.
 * {@code --processes} changes the 16 workers (there are always 16 chunks).
 */
public final class PoolPortScan {
    static final String IP = "127.0.0.1";
    static final int CHUNKS = 16;
    static final int CHUNK = 4096;

    private PoolPortScan() {
    }

    static int scanPort(int ports, int timeoutMillis) {
        int open = 0;
        for (int port = ports; port < ports + CHUNK; port++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(IP, port), timeoutMillis);
                System.out.println("I am process " + ProcessHandle.current().pid() + ",port " + port + " is opened!");
                open++;
            } catch (IOException closedOrFiltered) {
                // connect_ex's non-zero result: nobody listens there
            }
        }
        return open;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int timeoutMillis = options.integer("timeout-ms", 200);
        ProcessPool p = new ProcessPool(options.integer("processes", 16));
        for (int k = 0; k < CHUNKS; k++) {
            p.applyAsync(first -> scanPort(first, timeoutMillis), k * CHUNK);
        }
        p.shutdown();
        p.join();
        System.out.println("All subprocesses had finished!");
    }
}
