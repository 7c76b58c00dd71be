package org.ipc4j.os;

/**
 * What a process can do to a file mapping of its own besides reading and writing it. Java 17 unmaps a
 * {@code MappedByteBuffer} only when the buffer is collected, so the tmpfs pages of a shared object that every
 * process closed and one unlinked would stay until each of them ran a GC. Two calls end that without unmapping
 * (an unmap would turn a racing access into a JVM crash):
 * <ul>
 *   <li>{@link #free} punches the file's pages out through a mapping of it ({@code MADV_REMOVE}): every
 *       mapping of the file, in any process, reads zeros from then on. Only for a file nobody uses any more.</li>
 *   <li>{@link #release} remaps the range onto private zero memory: this mapping no longer refers to the file
 *       (nor keeps it), and the collector's unmap later frees the range as it would have freed the file's.</li>
 * </ul>
 * An access that races either reads zeros and writes nowhere; it never faults.
 */
public interface Mappings {
    /** Punches the pages of the file behind {@code [address, address + length)} out of it; true if done. */
    boolean free(long address, long length);

    /**
     * Detaches {@code [address, address + length)}, a page-aligned range of a live file mapping of this
     * process, from its file; true if done. The caller keeps the buffer reachable until then (its cleaner
     * must not have unmapped the range).
     */
    boolean release(long address, long length);

    String name();

    /** Where neither can be done: the pages go back when the buffers are collected. */
    Mappings UNTIL_COLLECTED = new Mappings() {
        @Override
        public boolean free(long address, long length) {
            return false;
        }

        @Override
        public boolean release(long address, long length) {
            return false;
        }

        @Override
        public String name() {
            return "until-collected";
        }
    };
}
