package org.ipc4j.net;

import java.io.EOFException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;

/**
 * The programs the network tests run in separately launched JVMs. Each prints what it does, one line at a
 * time, for the test to wait on and check.
 */
public final class NetChild {
    private NetChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "take-bytes": // endpoint capacity count startDelayMillis: listens, waits, takes count byte arrays
                takeBytes(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
                break;
            case "take-strings": // endpoint: listens and prints every string or error it takes, until "stop"
                takeStrings(args[1]);
                break;
            case "put-bytes": // endpoint size...: puts a patterned array of each size
                putBytes(args[1], Arrays.copyOfRange(args, 2, args.length));
                break;
            case "put-strings": // endpoint text...
                putStrings(args[1], Arrays.copyOfRange(args, 2, args.length));
                break;
            case "echo": // endpoint: accepts one connection and echoes bytes until the end of the stream
                echo(args[1]);
                break;
            case "dial-and-wait": // endpoint: dials, says so, and waits for the end of the stream
                dialAndWait(args[1]);
                break;
            case "dial-send-close": // endpoint size: dials, sends one message, checks the echo, closes
                dialSendClose(args[1], Integer.parseInt(args[2]));
                break;
            case "open-and-forget": // endpoint: listens and dials, then returns from main without closing either
                NetQueue<String> listening = NetQueue.listen(args[1], Codecs.strings());
                NetQueue.connect(listening.endpoint(), Codecs.strings()).put("unread");
                System.out.println("returning without close");
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static void takeBytes(String endpoint, int capacity, int count, long startDelayMillis) throws Exception {
        try (NetQueue<byte[]> queue = NetQueue.listen(endpoint, Codecs.bytes(), capacity)) {
            System.out.println("listening " + queue.endpoint());
            Thread.sleep(startDelayMillis);
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                byte[] element = queue.poll(30, TimeUnit.SECONDS);
                if (element == null) {
                    System.out.println("timed out after " + i);
                    return;
                }
                if (!Arrays.equals(element, pattern(element.length, element.length))) {
                    System.out.println("damaged element " + i + " of " + element.length + " bytes");
                    return;
                }
                bytes += element.length;
            }
            System.out.println("took " + count + " elements, " + bytes + " bytes");
        }
    }

    private static void takeStrings(String endpoint) throws Exception {
        try (NetQueue<String> queue = NetQueue.listen(endpoint, Codecs.strings())) {
            System.out.println("listening " + queue.endpoint());
            while (true) {
                String element;
                try {
                    element = queue.poll(30, TimeUnit.SECONDS);
                } catch (RuntimeException e) {
                    System.out.println("error " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    continue;
                }
                System.out.println("took " + element);
                if (element == null || element.equals("stop")) {
                    return;
                }
            }
        }
    }

    private static void putBytes(String endpoint, String[] sizes) throws Exception {
        try (NetQueue<byte[]> queue = NetQueue.connect(endpoint, Codecs.bytes())) {
            System.out.println("connected");
            for (String size : sizes) {
                int length = Integer.parseInt(size);
                System.out.println("putting " + length);
                queue.put(pattern(length, length));
                System.out.println("put " + length);
            }
        }
    }

    private static void putStrings(String endpoint, String[] texts) throws Exception {
        try (NetQueue<String> queue = NetQueue.connect(endpoint, Codecs.strings())) {
            for (String text : texts) {
                if (!queue.offer(text, 30, TimeUnit.SECONDS)) {
                    System.out.println("nobody took " + text);
                    return;
                }
                System.out.println("put " + text);
            }
        }
    }

    private static void echo(String endpoint) throws Exception {
        try (NetListener listener = NetListener.bind(endpoint, Codecs.bytes())) {
            System.out.println("listening " + listener.endpoint());
            try (NetConnection connection = listener.accept(30, TimeUnit.SECONDS)) {
                System.out.println("accepted");
                while (true) {
                    byte[] message;
                    try {
                        message = connection.recvBytes();
                    } catch (EOFException e) {
                        System.out.println("eof");
                        return;
                    }
                    connection.sendBytes(message);
                }
            }
        }
    }

    private static void dialSendClose(String endpoint, int size) throws Exception {
        try (NetConnection connection = NetConnection.connect(endpoint, Codecs.bytes())) {
            byte[] message = pattern(size, size);
            connection.sendBytes(message);
            byte[] echo = connection.recvBytes(30, TimeUnit.SECONDS);
            System.out.println(Arrays.equals(message, echo) ? "echoed " + size + " bytes" : "a damaged echo");
        }
    }

    private static void dialAndWait(String endpoint) throws Exception {
        try (NetConnection connection = NetConnection.connect(endpoint, Codecs.bytes())) {
            System.out.println("dialled");
            while (true) {
                byte[] message = connection.recvBytes();
                connection.sendBytes(message);
            }
        } catch (EOFException e) {
            System.out.println("eof");
        }
    }
}
