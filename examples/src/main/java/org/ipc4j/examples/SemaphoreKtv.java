package org.ipc4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.ipc4j.process.JvmProcess;
import org.ipc4j.sync.SharedSemaphore;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 17: {@code Semaphore(2)}: thirteen "KTV users" (processes), at most
 * two inside at once, each staying {@code randint(0, 3)} seconds; all joined, then a line of '='.
 *
 * <p>{@code Semaphore(2)} is {@link SharedSemaphore#create(int)}. The seed prints only who enters; the twin
 * also prints who leaves (just before the release), so that the output shows how many are inside: a user
 * prints "enters" after taking a permit and "leaves" before giving it back, so no prefix of the output ever
 * has more than two users inside. {@code --scale} shortens the stays.
 */
public final class SemaphoreKtv {
    private SemaphoreKtv() {
    }

    static void goKtv(SharedSemaphore sem, String user, double seconds) throws InterruptedException {
        sem.acquire();
        try {
            System.out.println(user + " enters the KTV room");
            Seconds.sleep(seconds); // each user stays a different time
            System.out.println(user + " leaves");
        } finally {
            sem.release();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int users = options.integer("users", 13);
        SharedSemaphore sem = SharedSemaphore.create(2); // two permits
        try {
            List<JvmProcess> started = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String user = "user" + i;
                double stay = options.seconds("stay", ThreadLocalRandom.current().nextInt(0, 4));
                JvmProcess p = new JvmProcess(() -> goKtv(sem, user, stay));
                p.start();
                started.add(p);
            }
            for (JvmProcess p : started) {
                p.join();
            }
            System.out.println("================================>");
        } finally {
            sem.unlink();
        }
    }
}
