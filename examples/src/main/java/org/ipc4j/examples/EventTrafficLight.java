package org.ipc4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.ipc4j.process.JvmProcess;
import org.ipc4j.sync.SharedEvent;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 18: {@code Event} as a traffic light. Ten cars wait for green
 * ({@code e.wait()}), then take {@code randint(3, 6)} seconds to cross and pass only if it is still green;
 * five police cars wait 0.1 s ({@code e.wait(0.1)}) and pass on red if it stays red; a traffic-light process
 * toggles the event every 10 s ({@code --interval}).
 *
 * <p>{@code Event()} is {@link SharedEvent#create()}: {@code set/clear/is_set/wait/wait(t)} are
 * {@code set/clear/isSet/await/await(t, unit)}. Where the seed differs:
 * <ul>
 *   <li>the seed never ends (the light toggles for ever); the twin waits for every car and police car, then
 *       terminates the light and removes the event;</li>
 *   <li>the seed's light prints "###### True" on both changes (it prints before clearing); the twin prints
 *       the state after the change;</li>
 *   <li>a seed car that finds the light green at the top of its loop spins until red; the twin's car crosses
 *       from there as if the light had just turned green;</li>
 *   <li>the colour escape codes are left out.</li>
 * </ul>
 */
public final class EventTrafficLight {
    private EventTrafficLight() {
    }

    static void car(SharedEvent e, int n, double crossMin, double crossMax) throws InterruptedException {
        while (true) {
            if (!e.isSet()) { // red
                System.out.println("red light, car" + n + " waits");
                e.await(); // until green
            }
            System.out.println("green light for car" + n);
            Seconds.sleep(ThreadLocalRandom.current().nextDouble(crossMin, crossMax));
            if (!e.isSet()) { // red again before it got across: back to waiting
                continue;
            }
            System.out.println("car" + n + " passes");
            break;
        }
    }

    static void policeCar(SharedEvent e, int n) throws InterruptedException {
        if (!e.isSet()) {
            System.out.println("red light, police car" + n + " waits");
            e.await(100, TimeUnit.MILLISECONDS); // 0.1 s, then it goes anyway
            if (!e.isSet()) {
                System.out.println("red light, police car" + n + " rushes through");
            } else {
                System.out.println("green light, police car" + n + " passes normally");
            }
        }
    }

    static void trafficLights(SharedEvent e, double interval) {
        while (true) {
            Seconds.sleep(interval);
            if (e.isSet()) {
                e.clear();
            } else {
                e.set();
            }
            System.out.println("###### " + e.isSet());
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double interval = options.seconds("interval", 10);
        double crossMin = options.seconds("cross-min", 3);
        double crossMax = options.seconds("cross-max", 6);
        SharedEvent e = SharedEvent.create();
        try {
            List<JvmProcess> vehicles = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                vehicles.add(JvmProcess.start(() -> car(e, n, crossMin, crossMax)));
            }
            for (int i = 0; i < 5; i++) {
                int n = i;
                vehicles.add(JvmProcess.start(() -> policeCar(e, n)));
            }
            JvmProcess light = JvmProcess.start(() -> trafficLights(e, interval));
            System.out.println("========================================>");
            for (JvmProcess vehicle : vehicles) {
                vehicle.join();
            }
            light.terminate();
            light.join();
            System.out.println("every car has passed; traffic light terminated, exit code " + light.exitCode());
        } finally {
            e.unlink();
        }
    }
}
