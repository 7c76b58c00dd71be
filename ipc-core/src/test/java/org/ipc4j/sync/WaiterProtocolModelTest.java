package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * An exhaustive interleaving check of the lock's waiter protocol (LockCore + FutexWord), as a small
 * explicit-state model: every atomic step of every thread is one transition, the kernel's FUTEX_WAIT is an
 * atomic "compare and enqueue", and sleeps have no timeout, so a lost wake-up shows as a state where
 * threads remain but none can move. Breadth-first search visits every reachable state.
 *
 * <p>The same checker finds the lost wake-up in a broken variant (the releaser reads the sleeper count
 * before freeing the word), which shows that it can fail.
 */
class WaiterProtocolModelTest {
    // program counters
    private static final int START = 0;
    private static final int READ_WORD = 1;
    private static final int CAS_FREE = 2;
    private static final int REGISTER = 3;
    private static final int REREAD = 4;
    private static final int FUTEX_WAIT = 5;
    private static final int BLOCKED = 6;
    private static final int UNREGISTER = 7;
    private static final int CRITICAL = 8;
    private static final int RELEASE_WORD = 9;
    private static final int READ_SLEEPERS = 10;
    private static final int WAKE = 11;
    private static final int DONE = 12;

    // state layout: [word, sleepers, then per thread: pc, seen, roundsLeft]
    private static final int WORD = 0;
    private static final int SLEEPERS = 1;
    private static final int PER_THREAD = 3;

    private record Result(int states, List<String> deadlocks, int exclusionViolations) {
    }

    @Test
    void noInterleavingOfTwoOrThreeThreadsLosesAWakeUpOrBreaksMutualExclusion() {
        for (int threads = 2; threads <= 3; threads++) {
            Result result = explore(threads, 2, false);
            assertTrue(result.deadlocks.isEmpty(), threads + " threads: stuck states " + result.deadlocks);
            assertEquals(0, result.exclusionViolations, threads + " threads: two owners at once");
            assertTrue(result.states > 100, "the search covered only " + result.states + " states");
            System.out.println(threads + " threads x 2 rounds: " + result.states + " states, no lost wake-up");
        }
    }

    @Test
    void theCheckerFindsTheLostWakeUpWhenTheReleaserReadsSleepersBeforeFreeingTheWord() {
        Result result = explore(2, 1, true);
        assertTrue(!result.deadlocks.isEmpty(), "the broken protocol should lose a wake-up");
    }

    private static Result explore(int threads, int rounds, boolean readSleepersFirst) {
        int[] initial = new int[2 + PER_THREAD * threads];
        for (int t = 0; t < threads; t++) {
            initial[2 + PER_THREAD * t + 2] = rounds;
        }
        Set<List<Integer>> seen = new HashSet<>();
        ArrayDeque<int[]> frontier = new ArrayDeque<>();
        frontier.add(initial);
        seen.add(key(initial));
        List<String> deadlocks = new ArrayList<>();
        int violations = 0;
        while (!frontier.isEmpty()) {
            int[] state = frontier.poll();
            List<int[]> next = new ArrayList<>();
            boolean allDone = true;
            for (int t = 0; t < threads; t++) {
                allDone &= state[pc(t)] == DONE;
                next.addAll(step(state, t, threads, readSleepersFirst));
            }
            int owners = 0;
            for (int t = 0; t < threads; t++) {
                int pc = state[pc(t)];
                owners += pc == CRITICAL || (pc == RELEASE_WORD) ? 1 : 0;
            }
            if (owners > 1) {
                violations++;
            }
            if (next.isEmpty() && !allDone) {
                deadlocks.add(Arrays.toString(state));
            }
            for (int[] successor : next) {
                if (seen.add(key(successor))) {
                    frontier.add(successor);
                }
            }
        }
        return new Result(seen.size(), deadlocks, violations);
    }

    /** The successors of {@code state} when thread {@code t} takes one atomic step. */
    private static List<int[]> step(int[] state, int t, int threads, boolean readSleepersFirst) {
        int me = t + 1;
        int[] s = state.clone();
        int pc = pc(t);
        int seen = pc + 1;
        int rounds = pc + 2;
        switch (s[pc]) {
            case START -> s[pc] = s[rounds] == 0 ? DONE : READ_WORD;
            case READ_WORD -> {
                s[seen] = s[WORD];
                s[pc] = s[seen] == 0 ? CAS_FREE : REGISTER;
            }
            case CAS_FREE -> {
                if (s[WORD] == 0) {
                    s[WORD] = me;
                    s[pc] = CRITICAL;
                } else {
                    s[pc] = READ_WORD;
                }
            }
            case REGISTER -> {
                s[SLEEPERS]++;
                s[pc] = REREAD;
            }
            case REREAD -> s[pc] = s[WORD] == s[seen] ? FUTEX_WAIT : UNREGISTER;
            case FUTEX_WAIT -> s[pc] = s[WORD] == s[seen] ? BLOCKED : UNREGISTER;
            case BLOCKED -> {
                return List.of();
            }
            case UNREGISTER -> {
                s[SLEEPERS]--;
                s[pc] = READ_WORD;
            }
            case CRITICAL -> s[pc] = readSleepersFirst ? READ_SLEEPERS : RELEASE_WORD;
            case RELEASE_WORD -> {
                s[WORD] = 0;
                if (readSleepersFirst) {
                    s[pc] = s[seen] > 0 ? WAKE : START;
                    s[rounds] -= s[pc] == START ? 1 : 0;
                } else {
                    s[pc] = READ_SLEEPERS;
                }
            }
            case READ_SLEEPERS -> {
                if (readSleepersFirst) {
                    s[seen] = s[SLEEPERS];
                    s[pc] = RELEASE_WORD;
                } else if (s[SLEEPERS] > 0) {
                    s[pc] = WAKE;
                } else {
                    s[pc] = START;
                    s[rounds]--;
                }
            }
            case WAKE -> {
                return wakeOne(s, t, threads);
            }
            case DONE -> {
                return List.of();
            }
            default -> throw new IllegalStateException("pc " + s[pc]);
        }
        return List.of(s);
    }

    /** FUTEX_WAKE(1): any one blocked thread, or none if nobody is blocked. */
    private static List<int[]> wakeOne(int[] s, int t, int threads) {
        s[pc(t)] = START;
        s[pc(t) + 2]--;
        List<int[]> successors = new ArrayList<>();
        for (int other = 0; other < threads; other++) {
            if (s[pc(other)] == BLOCKED) {
                int[] woken = s.clone();
                woken[pc(other)] = UNREGISTER;
                successors.add(woken);
            }
        }
        if (successors.isEmpty()) {
            successors.add(s);
        }
        return successors;
    }

    private static int pc(int thread) {
        return 2 + PER_THREAD * thread;
    }

    private static List<Integer> key(int[] state) {
        List<Integer> key = new ArrayList<>(state.length);
        for (int value : state) {
            key.add(value);
        }
        return key;
    }
}
