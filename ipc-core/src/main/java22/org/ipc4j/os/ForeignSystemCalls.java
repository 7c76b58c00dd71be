package org.ipc4j.os;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * {@link SystemCalls} through {@code java.lang.foreign} (JDK 22+): the C library's {@code syscall(2)} as a
 * downcall handle, JNA never loaded. The handles are static finals so that {@code invokeExact} compiles to
 * a direct call. A failure's errno is captured only where a caller asks for it ({@link #callOrError}).
 */
final class ForeignSystemCalls implements SystemCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemorySegment SYSCALL_ADDRESS = LINKER.defaultLookup().find("syscall")
            .orElseThrow(() -> new UnsupportedOperationException("the C library has no syscall(2)"));
    /** syscall(long number, ...): the six arguments are variadic. */
    private static final FunctionDescriptor SEVEN_LONGS = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(SYSCALL_ADDRESS, SEVEN_LONGS,
            Linker.Option.firstVariadicArg(1));

    /**
     * The handle that captures errno, made on first use: each downcall handle costs its JVM start tens of ms of
     * generated code, and only signals ask for errno.
     */
    private static final class CapturingErrno {
        static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
        static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SYSCALL = LINKER.downcallHandle(SYSCALL_ADDRESS, SEVEN_LONGS,
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

        private CapturingErrno() {
        }
    }

    private ForeignSystemCalls() {
    }

    /** The backend, or null where the linker refuses (native access denied, no C library). */
    static SystemCalls probe() {
        try {
            ForeignSystemCalls calls = new ForeignSystemCalls();
            // one call that cannot fail proves the handle
            return calls.call(LinuxCall.GETTID, 0, 0, 0, 0, 0, 0) > 0 ? calls : null;
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public long call(LinuxCall call, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) SYSCALL.invokeExact(call.number, a1, a2, a3, a4, a5, a6);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError("syscall(2) threw a checked exception", e);
        }
    }

    @Override
    public long callOrError(LinuxCall call, long a1, long a2, long a3, long a4, long a5, long a6) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CapturingErrno.CALL_STATE);
            long result = (long) CapturingErrno.SYSCALL.invokeExact(state, call.number, a1, a2, a3, a4, a5, a6);
            return result == -1 ? -state.get(JAVA_INT, CapturingErrno.ERRNO_OFFSET) : result;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError("syscall(2) threw a checked exception", e);
        }
    }

    @Override
    public long address(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address() - direct.position();
    }

    @Override
    public String name() {
        return "ffm";
    }
}
