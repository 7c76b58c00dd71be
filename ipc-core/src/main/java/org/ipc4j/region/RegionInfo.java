package org.ipc4j.region;

/**
 * What a region file's header says, read without attaching to it: for listings and cleaners.
 *
 * @param type null where the code is unknown to this version or the header is not initialised
 * @param creatorIdentity the creating process's {@link org.ipc4j.os.ProcessIdentity}
 * @param creatorAlive whether the creating process still runs
 * @param attached whether some live process has the region open
 * @param settling not initialised yet but young: possibly still being created (its header is zeros for a
 *                 moment), so no cleaner may judge it yet
 */
public record RegionInfo(String name, ObjectType type, int typeCode, long fileSize, long totalLength,
                         long creatorPid, long creatorIdentity, boolean creatorAlive, long createdMillis,
                         boolean initialised, boolean validMagic, boolean attached, boolean settling) {

    public boolean anonymous() {
        return name.startsWith(RegionNames.ANONYMOUS_PREFIX);
    }

    /** Neither its creator nor any process that attached it is alive: nobody can still be using it. */
    public boolean abandoned() {
        return !creatorAlive && !attached && !settling;
    }
}
