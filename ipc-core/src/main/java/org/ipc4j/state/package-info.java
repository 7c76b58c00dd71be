/**
 * Shared state, Python's {@code Value}, {@code Array}, {@code shared_memory.SharedMemory} and
 * {@code Manager().dict()}: {@link org.ipc4j.state.SharedInt}, {@link org.ipc4j.state.SharedLong},
 * {@link org.ipc4j.state.SharedDouble} and {@link org.ipc4j.state.SharedBoolean} (atomic values, each alone in its
 * cache lines), {@link org.ipc4j.state.SharedIntArray}, {@link org.ipc4j.state.SharedLongArray},
 * {@link org.ipc4j.state.SharedDoubleArray} and {@link org.ipc4j.state.SharedByteArray} (fixed-length arrays with
 * per-element atomics), {@link org.ipc4j.state.SharedMemory} (a raw block) and {@link org.ipc4j.state.SharedMap}
 * (a concurrent hash map with no server process). Values and arrays have {@code lock()} for compound updates.
 *
 * <p>Layouts: {@link org.ipc4j.state.ValueDescriptor}, {@link org.ipc4j.state.ArrayDescriptor},
 * {@link org.ipc4j.state.MapDescriptor}; {@code SharedMemory} has no layout of its own.
 */
package org.ipc4j.state;
