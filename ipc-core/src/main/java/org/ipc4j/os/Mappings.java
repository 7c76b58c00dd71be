package org.ipc4j.os;

/**
 * What a process can do to a file mapping of its own besides reading and writing it. Java 17 unmaps a
 * {@code MappedByteBuffer} only when the buffer is collected, so the pages of a closed (and unlinked) shared
 * object would stay in the tmpfs until a GC. {@link #release} gives them back at once without unmapping: the
 * address range is remapped onto private zero memory, so an access that races the close reads zeros and writes
 * nowhere, never faults, and the collector's unmap later frees that range as it would have freed the file's.
 */
public interface Mappings {
    /**
     * Detaches {@code [address, address + length)}, a page-aligned range of a live file mapping of this
     * process, from its file; true if done. The caller keeps the buffer reachable until then (its cleaner
     * must not have unmapped the range).
     */
    boolean release(long address, long length);

    String name();

    /** Where the range cannot be remapped: the pages go back when the buffer is collected, as before. */
    Mappings UNTIL_COLLECTED = new Mappings() {
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
