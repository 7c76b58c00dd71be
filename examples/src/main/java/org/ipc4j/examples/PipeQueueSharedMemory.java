package org.ipc4j.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.state.SharedDouble;
import org.ipc4j.state.SharedIntArray;
import org.ipc4j.state.SharedList;
import org.ipc4j.state.SharedMap;

/**
 * Seed 004_b19cf644d1653623.txt, program 31: the three ways to communicate, Pipe, Queue and shared memory
 * ({@code Manager}, {@code Value}, {@code Array}), told in prose; the seed points at the examples of Python's
 * documentation, which this twin runs:
 * <ol>
 *   <li>Pipe: the child sends {@code [42, None, 'hello']} and closes its end; the parent receives it.</li>
 *   <li>Queue: the child puts {@code [42, None, 'hello']}; the parent gets it.</li>
 *   <li>{@code Value('d', 0.0)} and {@code Array('i', range(10))}: the child stores 3.1415927 and negates every
 *       element in place; the parent sees both ({@link SharedDouble}, {@link SharedIntArray}).</li>
 *   <li>{@code Manager().dict()} and {@code .list(range(10))}: the child adds three entries and reverses the
 *       list. {@link SharedMap} and {@link SharedList} need no manager process, but their keys and values have
 *       one codec each (here strings, where Python mixes {@code 1}, {@code '2'} and {@code 0.25}) and no nulls;
 *       the list is reversed by swaps, each an atomic {@code set}.</li>
 * </ol>
 * Pipes and queues copy the data (serialised); values, arrays and maps are the same memory in both processes.
 * The seed's rules for fast multiprocess programs hold for the JVM too: pass little data, keep the parent
 * light, never let a process wait idly, communicate rarely.
 */
public final class PipeQueueSharedMemory {
    private PipeQueueSharedMemory() {
    }

    static void sendThroughPipe(Connection conn) throws InterruptedException {
        conn.send(Arrays.asList(42, null, "hello"));
        conn.close();
    }

    static void putIntoQueue(SharedQueue<List<Object>> q) throws InterruptedException {
        q.put(Arrays.asList(42, null, "hello"));
    }

    static void valueAndArray(SharedDouble n, SharedIntArray a) {
        n.set(3.1415927);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, -a.get(i));
        }
    }

    static void dictAndList(SharedMap<String, String> d, SharedList<Integer> l) {
        d.put("1", "1");
        d.put("2", "2");
        d.put("0.25", "None");
        for (int i = 0, j = l.size() - 1; i < j; i++, j--) {
            l.set(i, l.set(j, l.get(i)));
        }
    }

    public static void main(String[] args) throws Exception {
        Pipe pipe = Pipe.open();
        Connection parentConn = pipe.first();
        Connection childConn = pipe.second();
        JvmProcess p = JvmProcess.start(() -> sendThroughPipe(childConn));
        System.out.println("1. pipe:  " + parentConn.recv());
        p.join();
        parentConn.close(); // both ends closed: the pipe's file goes away
        childConn.close(); // this process's handle of the end it gave away

        SharedQueue<List<Object>> q = SharedQueue.create(Codecs.serializable());
        try {
            p = JvmProcess.start(() -> putIntoQueue(q));
            System.out.println("2. queue: " + q.take());
            p.join();
        } finally {
            q.unlink();
        }

        SharedDouble num = SharedDouble.create(0.0);
        SharedIntArray arr = SharedIntArray.create(10);
        for (int i = 0; i < 10; i++) {
            arr.set(i, i);
        }
        try {
            p = JvmProcess.start(() -> valueAndArray(num, arr));
            p.join();
            System.out.println("3. value: " + num.get());
            System.out.println("   array: " + Arrays.toString(arr.toArray()));
        } finally {
            num.unlink();
            arr.unlink();
        }

        SharedMap<String, String> d = SharedMap.create(Codecs.strings(), Codecs.strings(), 16, 16, 16);
        SharedList<Integer> l = SharedList.create(Codecs.ints(), 10, 4);
        for (int i = 0; i < 10; i++) {
            l.add(i);
        }
        try {
            p = JvmProcess.start(() -> dictAndList(d, l));
            p.join();
            Map<String, String> sorted = new TreeMap<>();
            d.forEach(sorted::put);
            System.out.println("4. dict:  " + sorted);
            System.out.println("   list:  " + l.snapshot());
        } finally {
            d.unlink();
            l.unlink();
        }
    }
}
