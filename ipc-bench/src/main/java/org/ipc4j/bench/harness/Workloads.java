package org.ipc4j.bench.harness;

import java.lang.reflect.InvocationTargetException;

/** Instantiates a workload class by name (each is a public class with a no-argument constructor). */
public final class Workloads {
    private Workloads() {
    }

    public static <T> T instantiate(String className, Class<T> type) {
        try {
            Class<?> cls = Class.forName(className);
            if (!type.isAssignableFrom(cls)) {
                throw new IllegalArgumentException(className + " is not a " + type.getSimpleName());
            }
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("cannot instantiate workload " + className + ": " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("constructor of " + className + " failed: " + e.getCause(), e.getCause());
        }
    }
}
