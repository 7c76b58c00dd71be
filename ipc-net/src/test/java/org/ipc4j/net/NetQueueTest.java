package org.ipc4j.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.region.RegionDirectory;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NetQueue between separately launched JVMs over loopback UDP. */
@ExtendWith(SharedDirExtension.class)
class NetQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @AfterEach
    void removeKilledChildrensDrivers() {
        NetDriver.removeDeadDrivers(RegionDirectory.current());
    }

    @Test
    void elementsOfEverySizeArriveWholeAndInOrder() throws Exception {
        int[] sizes = {0, 1, 32, 1000, 8192, 65_536, 200_000, 1 << 20, (3 << 20) + 7, 16 << 20};
        try (NetQueue<byte[]> queue = NetQueue.listen("127.0.0.1:0", Codecs.bytes())) {
            List<String> args = new ArrayList<>(List.of("put-bytes", queue.endpoint()));
            for (int size : sizes) {
                args.add(Integer.toString(size));
            }
            try (ChildJvm child = ChildJvm.builder(NetChild.class).jvmArgs("-Xmx256m").args(args.toArray(new String[0])).start()) {
                for (int size : sizes) {
                    byte[] element = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertArrayEquals(NetChild.pattern(size, size), element, "element of " + size + " bytes");
                }
                child.assertSuccess(WAIT);
            }
            assertNull(queue.poll(), "nothing but what was put");
        }
    }

    @Test
    void aPutWaitsWhileTheReaderHoldsBackAndNothingIsLost() throws Exception {
        int count = 200;
        int size = 65_536;
        try (ChildJvm reader = ChildJvm.start(NetChild.class, "take-bytes", "127.0.0.1:0", "4", Integer.toString(count), "3000");
             NetQueue<byte[]> queue = NetQueue.connect(endpointOf(reader), Codecs.bytes())) {
            int backPressured = 0;
            for (int i = 0; i < count; i++) {
                byte[] element = NetChild.pattern(size, size);
                if (!queue.offer(element, 20, TimeUnit.MILLISECONDS)) {
                    backPressured++;
                    queue.put(element);
                }
            }
            assertTrue(backPressured > 0, "a reader that holds back makes a put wait");
            reader.awaitLine(line -> line.startsWith("took ") || line.startsWith("timed") || line.startsWith("damaged"), WAIT);
            assertTrue(reader.output().contains("took " + count + " elements, " + (long) count * size + " bytes"), reader.output());
            reader.assertSuccess(WAIT);
        }
    }

    @Test
    void aWriterKilledPartWayThroughAnElementLeavesNoneOfIt() throws Exception {
        try (NetQueue<byte[]> queue = NetQueue.listen("127.0.0.1:0", Codecs.bytes(), 16);
             ChildJvm writer = ChildJvm.builder(NetChild.class).jvmArgs("-Xmx256m")
                     .args("put-bytes", queue.endpoint(), "5", Integer.toString(64 << 20)).start()) {
            writer.awaitLineStartingWith("putting " + (64 << 20), WAIT);
            Thread.sleep(300); // the 64 MiB element is part way: the window is far smaller and nobody reads yet
            writer.kill9();
            try (ChildJvm next = ChildJvm.start(NetChild.class, "put-bytes", queue.endpoint(), "7")) {
                assertArrayEquals(NetChild.pattern(5, 5), queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
                byte[] after = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertArrayEquals(NetChild.pattern(7, 7), after, "the next writer's element, not part of the killed one's");
                next.assertSuccess(WAIT);
            }
            assertNull(queue.poll(2, TimeUnit.SECONDS), "nothing of the killed writer's element");
        }
    }

    @Test
    void aReaderRestartedAtTheSameAddressGetsWhatIsPutNext() throws Exception {
        String endpoint = "127.0.0.1:" + freeUdpPort();
        try (NetQueue<String> queue = NetQueue.connect(endpoint, Codecs.strings())) {
            try (ChildJvm first = ChildJvm.start(NetChild.class, "take-strings", endpoint)) {
                first.awaitLineStartingWith("listening", WAIT);
                assertTrue(queue.offer("one", WAIT.toSeconds(), TimeUnit.SECONDS));
                first.awaitLineStartingWith("took one", WAIT);
                first.kill9();
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (queue.isConnected()) { // puts in the peer timeout after a reader died are lost with it
                assertTrue(System.nanoTime() < deadline, "the writer noticed the reader died");
                Thread.sleep(10);
            }
            assertFalse(queue.offer("lost", 0, TimeUnit.SECONDS), "nobody listens: an offer does not pretend");
            try (ChildJvm second = ChildJvm.start(NetChild.class, "take-strings", endpoint)) {
                assertTrue(queue.offer("two", WAIT.toSeconds(), TimeUnit.SECONDS), "the put waits for the new reader");
                assertTrue(queue.offer("stop", WAIT.toSeconds(), TimeUnit.SECONDS));
                second.assertSuccess(WAIT);
                List<String> took = second.lines().stream().filter(line -> line.startsWith("took")).toList();
                assertEquals(List.of("took two", "took stop"), took);
            }
        }
    }

    @Test
    void badFramesOnTheWireAreTypedErrorsAndTheQueueGoesOn() throws Exception {
        try (ChildJvm reader = ChildJvm.start(NetChild.class, "take-strings", "127.0.0.1:0")) {
            String endpoint = endpointOf(reader);
            sendGarbageDatagrams(endpoint);
            Aeron aeron = NetDriver.acquire();
            try (ExclusivePublication raw = aeron.addExclusivePublication(NetEndpoint.parse(endpoint).publicationChannel(),
                    NetSettings.QUEUE_STREAM_ID)) {
                int strings = NetFrameDescriptor.codecTag(Codecs.strings().id());
                UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
                NetFrameDescriptor.write(frame, NetFrameDescriptor.KIND_START, strings, 4);
                frame.putShort(NetFrameDescriptor.MAGIC_OFFSET, (short) 0x1234);
                offer(raw, frame, 20);
                NetFrameDescriptor.write(frame, NetFrameDescriptor.KIND_START, NetFrameDescriptor.codecTag(Codecs.bytes().id()), 4);
                offer(raw, frame, 20);
                NetFrameDescriptor.write(frame, NetFrameDescriptor.KIND_START, strings, 1L << 40);
                offer(raw, frame, 20);
                NetFrameDescriptor.write(frame, NetFrameDescriptor.KIND_START, strings, 2);
                offer(raw, frame, 24);
                frame.putByte(NetFrameDescriptor.KIND_OFFSET, (byte) 99);
                offer(raw, frame, 16);
                reader.awaitLine(line -> reader.lines().stream().filter(l -> l.startsWith("error")).count() >= 5, WAIT);
                try (NetQueue<String> queue = NetQueue.connect(endpoint, Codecs.strings())) {
                    queue.put("good");
                    queue.put("stop");
                }
            } finally {
                NetDriver.release();
            }
            reader.assertSuccess(WAIT);
            List<String> seen = reader.lines().stream().filter(line -> line.startsWith("error") || line.startsWith("took"))
                    .map(line -> line.contains(":") ? line.substring(0, line.indexOf(':')) : line).toList();
            assertEquals(List.of("error CorruptedException", "error CodecMismatchException", "error MessageTooLargeException",
                    "error CorruptedException", "error CorruptedException", "took good", "took stop"), seen, reader.output());
        }
    }

    @Test
    void aSenderRefusesAnElementAboveItsLimitWithNothingSent() throws Exception {
        try (NetQueue<byte[]> queue = NetQueue.listen("127.0.0.1:0", Codecs.bytes());
             ChildJvm writer = ChildJvm.builder(NetChild.class).property("ipc4j.net.maxMessageBytes", "1000")
                     .args("put-bytes", queue.endpoint(), "1000", "1001").start()) {
            assertNotEquals(0, writer.waitFor(WAIT));
            assertTrue(writer.output().contains("MessageTooLargeException"), writer.output());
            assertArrayEquals(NetChild.pattern(1000, 1000), queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertNull(queue.poll(1, TimeUnit.SECONDS), "nothing of the refused element");
        }
    }

    @Test
    void theEndsKeepToTheirRoles() throws Exception {
        NetQueue<String> listening = NetQueue.listen("127.0.0.1:0", Codecs.strings(), 2);
        try (NetQueue<String> connected = NetQueue.connect("127.0.0.1:" + freeUdpPort(), Codecs.strings())) {
            assertThrows(UnsupportedOperationException.class, connected::take);
            assertThrows(UnsupportedOperationException.class, connected::size);
            assertFalse(connected.offer("nobody listens", 50, TimeUnit.MILLISECONDS));
            assertTrue(listening.offer("local"), "the listening end may put its own");
            assertTrue(listening.offer("second"));
            assertFalse(listening.offer("third"), "at capacity");
            assertEquals("[local, second]", listening.toString());
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> listening.poll(0, TimeUnit.SECONDS));
            assertEquals("local", listening.take());
            assertThrows(NullPointerException.class, () -> listening.offer(null));
        } finally {
            listening.close();
        }
        assertThrows(ObjectClosedException.class, listening::poll);
        listening.close(); // idempotent
    }

    @Test
    void aProgramThatForgetsToCloseStillExitsAndLeavesNoFiles() {
        // the Aeron client's conductor thread is a daemon, and the shutdown hook stops the driver and removes its files
        try (ChildJvm forgetful = ChildJvm.start(NetChild.class, "open-and-forget", "127.0.0.1:0")) {
            forgetful.assertSuccess(Duration.ofSeconds(30));
            assertTrue(forgetful.output().contains("returning without close"), forgetful.output());
        }
    }

    private static String endpointOf(ChildJvm child) {
        return child.awaitLineStartingWith("listening ", WAIT).substring("listening ".length());
    }

    static int freeUdpPort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    private static void sendGarbageDatagrams(String endpoint) throws IOException {
        InetSocketAddress target = NetEndpoint.parse(endpoint).address();
        try (DatagramChannel channel = DatagramChannel.open()) {
            for (int length : new int[] {0, 1, 7, 32, 1400}) {
                ByteBuffer garbage = ByteBuffer.allocate(length);
                for (int i = 0; i < length; i++) {
                    garbage.put(i, (byte) (i * 7 + 3));
                }
                channel.send(garbage, target);
            }
        }
    }

    private static void offer(Publication publication, UnsafeBuffer frame, int length) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (publication.offer(frame, 0, length) < 0) {
            assertTrue(System.nanoTime() < deadline, "the raw publication connected");
            Thread.sleep(1);
        }
    }
}
