package org.ipc4j.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.ipc4j.channel.PipeInspection;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.os.Os;
import org.ipc4j.region.ObjectType;
import org.ipc4j.sync.AbstractSharedLock;
import org.ipc4j.sync.SharedBarrier;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.sync.SharedRLock;
import org.ipc4j.state.SharedBoolean;
import org.ipc4j.state.SharedByteArray;
import org.ipc4j.state.SharedDouble;
import org.ipc4j.state.SharedDoubleArray;
import org.ipc4j.state.SharedInt;
import org.ipc4j.state.SharedIntArray;
import org.ipc4j.state.SharedLong;
import org.ipc4j.state.SharedLongArray;
import org.ipc4j.state.SharedMap;
import org.ipc4j.state.SharedMemory;
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

    static {
        BY_TYPE.put(ObjectType.QUEUE, name -> {
            try (SharedQueue<Object> queue = SharedQueue.open(name)) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("depth", queue.size());
                state.put("capacityBytes", queue.capacityBytes());
                state.put("full", queue.full());
                state.put("codec", queue.codec().id());
                state.put("joinable", queue.isJoinable());
                state.put("shutdown", queue.isShutdown());
                state.put("waitingConsumers", queue.waitingConsumers());
                state.put("waitingProducers", queue.waitingProducers());
                state.put("takenTotal", queue.takenTotal());
                return state;
            }
        });
        BY_TYPE.put(ObjectType.PIPE, name -> {
            PipeInspection.Snapshot pipe = PipeInspection.inspect(name);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("duplex", pipe.duplex());
            state.put("codec", pipe.codecId());
            state.put("depthToEnd0", pipe.toEnd0().size());
            state.put("depthToEnd1", pipe.toEnd1().size());
            for (PipeInspection.End end : pipe.ends()) {
                state.put("end" + end.index() + "Pid", end.holderPid() == 0 ? null : end.holderPid());
                state.put("end" + end.index() + "Alive", end.holderAlive());
                state.put("end" + end.index() + "Closed", end.closed());
            }
            return state;
        });
        BY_TYPE.put(ObjectType.VALUE_INT, name -> value(SharedInt.open(name), v -> ((SharedInt) v).get()));
        BY_TYPE.put(ObjectType.VALUE_LONG, name -> value(SharedLong.open(name), v -> ((SharedLong) v).get()));
        BY_TYPE.put(ObjectType.VALUE_DOUBLE, name -> value(SharedDouble.open(name), v -> ((SharedDouble) v).get()));
        BY_TYPE.put(ObjectType.VALUE_BOOLEAN, name -> value(SharedBoolean.open(name), v -> ((SharedBoolean) v).get()));
        BY_TYPE.put(ObjectType.ARRAY_INT, name -> {
            try (SharedIntArray array = SharedIntArray.open(name)) {
                return array(array.length(), i -> array.get(i));
            }
        });
        BY_TYPE.put(ObjectType.ARRAY_LONG, name -> {
            try (SharedLongArray array = SharedLongArray.open(name)) {
                return array(array.length(), i -> array.get(i));
            }
        });
        BY_TYPE.put(ObjectType.ARRAY_DOUBLE, name -> {
            try (SharedDoubleArray array = SharedDoubleArray.open(name)) {
                return array(array.length(), i -> array.get(i));
            }
        });
        BY_TYPE.put(ObjectType.ARRAY_BYTE, name -> {
            try (SharedByteArray array = SharedByteArray.open(name)) {
                return array(array.length(), i -> array.get(i));
            }
        });
        BY_TYPE.put(ObjectType.MAP, name -> {
            try (SharedMap<Object, Object> map = SharedMap.open(name)) {
                Map<String, Object> state = new LinkedHashMap<>();
                int size = map.size();
                state.put("size", size);
                state.put("capacity", map.capacity());
                state.put("load", String.format("%.2f", map.capacity() == 0 ? 0.0 : (double) size / map.capacity()));
                state.put("keyCodec", map.keyCodec().id());
                state.put("valueCodec", map.valueCodec().id());
                return state;
            }
        });
        BY_TYPE.put(ObjectType.MEMORY, name -> {
            try (SharedMemory memory = SharedMemory.open(name)) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("bytes", memory.size());
                return state;
            }
        });
    }

    private TypeInspectors() {
    }

    /** How many elements of an array {@code stat} shows. */
    private static final int SHOWN_ELEMENTS = 8;

    private static <T extends AutoCloseable> Map<String, Object> value(T value, Function<T, Object> read) {
        try (value) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("value", read.apply(value));
            return state;
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static Map<String, Object> array(int length, IntFunction<Object> element) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("length", length);
        List<Object> first = new ArrayList<>();
        for (int i = 0; i < Math.min(length, SHOWN_ELEMENTS); i++) {
            first.add(element.apply(i));
        }
        state.put("first", first);
        return state;
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
