package org.ipc4j.os;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small direct buffer in native byte order and its address: what a system call's pointer argument takes
 * (a timespec, a pollfd array, a robust list). It lives as long as this object is reachable.
 */
final class NativeBuffer {
    final ByteBuffer bytes;
    final long address;

    NativeBuffer(SystemCalls calls, int length) {
        this.bytes = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        this.address = calls.address(bytes);
    }
}
