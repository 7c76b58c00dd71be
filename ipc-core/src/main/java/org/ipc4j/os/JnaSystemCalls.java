package org.ipc4j.os;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * {@link SystemCalls} through JNA's direct mapping of the C library's {@code syscall(2)}: the backend on
 * JDK 17-21. syscall(2) is variadic, but with integer arguments only the call is the same as a fixed one.
 */
final class JnaSystemCalls implements SystemCalls {
    private JnaSystemCalls() {
    }

    /** The backend, or null where JNA is missing or cannot load its native library. */
    static SystemCalls probe() {
        try {
            Native.register(JnaSystemCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return new JnaSystemCalls();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    @Override
    public long call(LinuxCall call, long a1, long a2, long a3, long a4, long a5, long a6) {
        return syscall(call.number, a1, a2, a3, a4, a5, a6);
    }

    @Override
    public long callOrError(LinuxCall call, long a1, long a2, long a3, long a4, long a5, long a6) {
        long result = syscall(call.number, a1, a2, a3, a4, a5, a6);
        return result == -1 ? -Native.getLastError() : result;
    }

    @Override
    public long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    @Override
    public String name() {
        return "jna";
    }
}
