package org.ipc4j.state;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;

import org.ipc4j.codec.Codecs;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The map's lock-free read (a seqlock on each cell) against a writer replacing the value: the reader gets the
 * old value or the new one, whole, never a mix, a wrong length or nothing. One map per JVM, a key per state,
 * removed by the arbiter; the map is in the directory -Dipc4j.dir names (bench/jcstress: under target/).
 */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "the old value")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "the new value")
@Outcome(expect = FORBIDDEN, desc = "no value, or a torn one")
@State
public class MapSeqlockStress {
    private static final String OLD = "a".repeat(60);
    private static final String NEW = "b".repeat(20);
    /**
     * jcstress makes up to 40 x 256 states at once (its size estimate among them, never arbitrated): room for
     * a few such batches of keys, each removed by its arbiter.
     */
    private static final int MAP_CAPACITY = 65_536;
    private static final SharedMap<String, String> MAP = createMap();
    private static final AtomicInteger KEYS = new AtomicInteger();
    private final String key = "k" + KEYS.incrementAndGet();

    public MapSeqlockStress() {
        MAP.put(key, OLD);
    }

    @Actor
    public void writer() {
        MAP.put(key, NEW);
    }

    @Actor
    public void reader(I_Result r) {
        String value = MAP.get(key);
        r.r1 = OLD.equals(value) ? 1 : NEW.equals(value) ? 2 : value == null ? 0 : -1;
    }

    @Arbiter
    public void end() {
        MAP.remove(key);
    }

    private static SharedMap<String, String> createMap() {
        SharedMap<String, String> map = SharedMap.create("jcstress-map-" + ProcessHandle.current().pid(), Codecs.strings(),
                Codecs.strings(), MAP_CAPACITY, 16, 64);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            map.unlink();
            map.close();
        }));
        return map;
    }
}
