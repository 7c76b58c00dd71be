package org.ipc4j.examples;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.ipc4j.process.ProcessPool;

/**
 * Seed 004_b19cf644d1653623.txt, program 30: a {@code Pool} function that takes several arguments. The seed
 * gives two ideas without code: (1) pass one argument that holds them all (a tuple, dict or class), (2) fix
 * some with {@code functools.partial}; and Python's {@code Pool.starmap} unpacks a tuple per call.
 *
 * <p>All three with {@code power(base, exponent)}: (1) {@link ProcessPool#map} over a record of both; (2) a
 * lambda that captures the fixed exponent, which is what partial does; (3) the typed
 * {@link ProcessPool#starMap(org.ipc4j.process.PoolBiFunction, List)}, a two-argument function over pairs (the
 * untyped form takes one {@code Object[]} of arguments per call).
 */
public final class PoolStarMap {
    private PoolStarMap() {
    }

    /** One argument holding several: idea 1. */
    record PowerArgs(int base, int exponent) implements Serializable {
    }

    static long power(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    public static void main(String[] args) throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            List<PowerArgs> tuples = List.of(new PowerArgs(2, 3), new PowerArgs(3, 2), new PowerArgs(10, 4));
            System.out.println("1. map over one argument holding both " + tuples + ": "
                    + pool.map(a -> power(a.base(), a.exponent()), tuples));

            int exponent = 2; // functools.partial(power, exponent=2)
            System.out.println("2. map with the exponent fixed at " + exponent + " over [1, 2, 3, 4, 5]: "
                    + pool.map(base -> power(base, exponent), List.of(1, 2, 3, 4, 5)));

            List<Map.Entry<Integer, Integer>> pairs = List.of(Map.entry(2, 10), Map.entry(5, 3), Map.entry(7, 0));
            System.out.println("3. starmap over (2, 10), (5, 3), (7, 0): "
                    + pool.starMap((Integer base, Integer power) -> power(base, power), pairs));
        }
    }
}
