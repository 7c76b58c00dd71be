package org.ipc4j.cli;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.ipc4j.os.Os;
import org.ipc4j.region.ObjectType;
import org.ipc4j.sync.AbstractSharedLock;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.sync.SharedRLock;
import org.ipc4j.sync.SharedSemaphore;

/** The live state of each type of object, as name -> value pairs, read through the public API. */
final class TypeInspectors {
    private static final Map<ObjectType, Function<String, Map<String, Object>>> BY_TYPE = new EnumMap<>(ObjectType.class);

    static {
        BY_TYPE.put(ObjectType.LOCK, name -> {
            try (SharedLock lock = SharedLock.open(name)) {
                return lockState(lock, lock.holdCount());
            }
        });
        BY_TYPE.put(ObjectType.RLOCK, name -> {
            try (SharedRLock lock = SharedRLock.open(name)) {
                return lockState(lock, lock.holdCount());
            }
        });
        BY_TYPE.put(ObjectType.SEMAPHORE, name -> {
            try (SharedSemaphore semaphore = SharedSemaphore.open(name)) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("permits", semaphore.availablePermits());
                state.put("initialPermits", semaphore.initialPermits());
                state.put("bounded", semaphore.isBounded());
                state.put("sleepingWaiters", semaphore.sleepingWaiters());
                return state;
            }
        });
        BY_TYPE.put(ObjectType.EVENT, name -> {
            try (SharedEvent event = SharedEvent.open(name)) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("set", event.isSet());
                state.put("sleepingWaiters", event.sleepingWaiters());
                return state;
            }
        });
        BY_TYPE.put(ObjectType.BARRIER, name -> {
            try (SharedBarrier barrier = SharedBarrier.open(name)) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("parties", barrier.parties());
                state.put("waiting", barrier.numberWaiting());
                state.put("broken", barrier.isBroken());
                state.put("generation", barrier.generation());
                return state;
            }
        });
    }

    private TypeInspectors() {
    }

    private static Map<String, Object> lockState(AbstractSharedLock lock, int holdCount) {
        Map<String, Object> state = new LinkedHashMap<>();
        long owner = lock.ownerPid();
        state.put("locked", owner != 0);
        state.put("ownerPid", owner == 0 ? null : owner);
        state.put("ownerAlive", owner == 0 ? null : Os.liveness().isAlive(owner, 0));
        state.put("holdCount", holdCount);
        state.put("sleepingWaiters", lock.sleepingWaiters());
        state.put("ownerDeaths", lock.ownerDeaths());
        return state;
    }

    /** Type-specific state of {@code name}, or an empty map where the tool knows nothing more than the header. */
    static Map<String, Object> inspect(ObjectType type, String name) {
        Function<String, Map<String, Object>> inspector = type == null ? null : BY_TYPE.get(type);
        return inspector == null ? new LinkedHashMap<>() : inspector.apply(name);
    }
}
