package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.QueueEmptyException;
import org.ipc4j.errors.QueueFullException;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionNames;
import org.ipc4j.ring.MpmcRing;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordHandler;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.RingPeers;
import org.ipc4j.wait.FutexWord;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitSet;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;
import org.ipc4j.wait.Waitable;

/**
 * A bounded queue shared by any number of producer and consumer processes, Python's
 * {@code multiprocessing.Queue} as a {@link BlockingQueue}. Elements travel through a {@link Codec} in an
 * MPMC ring: one record each up to the ring's max message length, in fragments through the same ring above
 * it (up to {@code -Dipc4j.maxMessageBytes}, 1 GiB by default). Bounded by the ring's bytes and,
 * optionally, by a count ({@link RingOptions#maxCount()}; each fragment of a long element counts while in
 * the ring).
 *
 * <p>A long element: its put holds the ring's stream lock from first fragment to last, so other puts wait
 * meanwhile (as Python's {@code Queue} serialises its writers). {@link #offer(Object)} puts it only if all of
 * it fits now (so never one longer than the ring); a timed offer that runs out of time part way, or an
 * interrupted put, gives up: consumers drop what was sent. One longer than the ring is in the queue only as
 * a consumer takes it: {@link #peek()}, iteration, {@code contains} and removal see a long element only when
 * all of it is in the ring, and while another consumer is taking one they see what they can without waiting
 * for it (possibly nothing). A take that began a long element finishes it, whatever its timeout or an
 * interrupt (which stays pending), unless its producer dies or gives up part way: the element is then
 * dropped, never handed over in part.
 *
 * <p>Delivery, whatever process dies: an element whose put returned is taken once, whole, by one consumer;
 * a producer killed part way through a put leaves nothing a consumer would take and never blocks the queue;
 * a consumer killed while taking loses at most the element it was taking (at most once per consumer death;
 * none is delivered twice).
 *
 * <p>{@link #close()} releases this handle only (later calls through it fail, as after Python's
 * {@code close()}); {@link #shutdown()} ends the queue for everyone, as Python 3.13's {@code Queue.shutdown()}:
 * later puts fail with {@link QueueShutDownException}, takes drain what is there and then throw it.
 * Thread-safe; {@link #size()} counts messages being written too.
 *
 * <p>Elements come back as equal copies, decoded from the bytes the put encoded, never as the objects put:
 * changing an element after its put changes nothing queued, and two peeks return two objects. Elements leave
 * in the order their puts claimed room, so a put still writing holds back the puts after it: {@link #poll()}
 * returning null means that nothing could be taken at that instant, because the queue was empty or its
 * oldest element was still being written (or a producer died writing it, until that is noticed), never
 * merely because another consumer was taking.
 *
 * <p>Consumers (takes, polls, peeks, iteration, {@code contains}, removal, and {@code size} unless a count
 * bound answers it) take turns through a lock in the queue, held for one read or walk. A consumer
 * stopped while it holds it (SIGSTOP, a debugger) stalls every other consumer, in every process, until it
 * runs again or dies (a waiting consumer takes a dead holder's lock over after about 10 ms); producers are
 * not stalled until the queue fills. A producer stopped between claiming room and finishing its put holds
 * back the elements put after it the same way.
 */
public class SharedQueue<E> extends QueueCollection<E> implements Waitable {
    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_CAPACITY = 1 << 20;
    /** The deadline of the calls that do not wait (offer, poll): one attempt, no clock read. */
    static final long NO_WAIT = Ring.NO_WAIT;
    /** The deadline of put and take: as long as it takes. */
    static final long NO_DEADLINE = Ring.NO_DEADLINE;
    /** Fragments of long elements are not to be mostly headers. */
    private static final int MIN_INLINE = RegionNames.MAX_LENGTH;

    final transient MpmcRing ring;
    final transient Codec<E> codec;
    /** Elements are byte arrays sent as they are (the codec's encoding is the array itself). */
    private final transient boolean rawBytes;
    final transient MappedBytes memory;
    final transient int body;
    private final transient boolean joinable;
    final transient TaskCounter tasks;
    transient volatile WaitStrategy strategy = WaitStrategies.defaultStrategy();
    private final transient AtomicReference<Receiver<E>> spareReceiver = new AtomicReference<>();
    /**
     * A shut-down queue takes no new puts; puts already claimed still commit. A handle closed by another thread
     * ends its own waits the same way (they then throw {@link org.ipc4j.errors.ObjectClosedException}); waits
     * look at least every {@value #CLOSE_CHECK_MILLIS} ms, since a close signals nothing.
     */
    private final transient RingPeers shutdownWatch = new RingPeers() {
        @Override
        public int state() {
            return isClosed() || isShutdown() ? RingPeers.NO_NEW_CLAIMS : RingPeers.ALIVE;
        }

        @Override
        public long checkIntervalNanos() {
            return TimeUnit.MILLISECONDS.toNanos(CLOSE_CHECK_MILLIS);
        }
    };
    private static final long CLOSE_CHECK_MILLIS = 100;
    /**
     * The same for a {@link WaitSet} wait, which looks again only when woken: {@code shutdown()} wakes every
     * waiter, and a close by another thread is seen at the wait's next round (at most a second, its relay's).
     */
    private final transient RingPeers shutdownSignalled =
            () -> isClosed() || isShutdown() ? RingPeers.NO_NEW_CLAIMS : RingPeers.ALIVE;

    SharedQueue(Region region, Codec<E> codec) {
        super(region);
        this.memory = region.bytes();
        this.body = region.bodyOffset();
        String name = region.name();
        if (region.bodyLength() < QueueDescriptor.RING_OFFSET || memory.getInt(body + QueueDescriptor.MAGIC_OFFSET) != QueueDescriptor.MAGIC) {
            throw new CorruptedException("'" + name + "' does not hold a queue: bad queue magic");
        }
        CodecIds.check(name, CodecIds.read(name, memory, body + QueueDescriptor.CODEC_ID_OFFSET), codec);
        this.codec = codec;
        this.rawBytes = Codecs.isBytes(codec);
        this.joinable = (memory.getInt(body + QueueDescriptor.FLAGS_OFFSET) & QueueDescriptor.FLAG_JOINABLE) != 0;
        this.ring = new MpmcRing(name, memory, body + QueueDescriptor.RING_OFFSET, region.processes());
        if (ring.maxMessageLength() < MIN_INLINE) {
            throw new CorruptedException("'" + name + "': max inline message " + ring.maxMessageLength() + " is below " + MIN_INLINE);
        }
        this.tasks = new TaskCounter(name, new FutexWord(memory, body + QueueDescriptor.UNFINISHED_OFFSET,
                body + QueueDescriptor.JOIN_SLEEPERS_OFFSET));
    }

    // ---- lifecycle

    public static <E> SharedQueue<E> create(String name, int capacityBytes, Codec<E> codec) {
        return create(name, RingOptions.ofCapacity(capacityBytes), codec);
    }

    public static <E> SharedQueue<E> create(String name, RingOptions options, Codec<E> codec) {
        return Region.create(name, ObjectType.QUEUE, bodyLength(options), initialiser(options, codec, 0))
                .buildOrClose(region -> new SharedQueue<>(region, codec));
    }

    /** An anonymous queue: pass it to other processes as a serialised handle. */
    public static <E> SharedQueue<E> create(Codec<E> codec) {
        return create(RegionNames.anonymous(), DEFAULT_CAPACITY, codec);
    }

    public static <E> SharedQueue<E> openOrCreate(String name, RingOptions options, Codec<E> codec) {
        return Region.openOrCreate(name, ObjectType.QUEUE, bodyLength(options), initialiser(options, codec, 0))
                .buildOrClose(region -> new SharedQueue<>(region, codec));
    }

    /** Opens with the built-in codec whose id the queue stores ({@link CodecMismatchException} for a user codec's). */
    public static <E> SharedQueue<E> open(String name) {
        return Region.open(name, ObjectType.QUEUE)
                .buildOrClose(region -> new SharedQueue<>(region, CodecIds.<E>builtIn(name, storedCodecId(region))));
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static <E> SharedQueue<E> open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens with {@code codec}, which must have the id the queue was created with ({@link CodecMismatchException}). */
    public static <E> SharedQueue<E> open(String name, Codec<E> codec) {
        return Region.open(name, ObjectType.QUEUE).buildOrClose(region -> new SharedQueue<>(region, codec));
    }

    static int bodyLength(RingOptions options) {
        if (options.maxMessageLength() < MIN_INLINE) {
            throw new IllegalArgumentException("a queue's max inline message must be at least " + MIN_INLINE + " bytes, not "
                    + options.maxMessageLength());
        }
        return QueueDescriptor.bodyLength(options.capacity());
    }

    static java.util.function.Consumer<MappedBytes> initialiser(RingOptions options, Codec<?> codec, int flags) {
        return memory -> {
            int body = org.ipc4j.region.RegionHeaderDescriptor.HEADER_LENGTH;
            memory.putInt(body + QueueDescriptor.MAGIC_OFFSET, QueueDescriptor.MAGIC);
            memory.putInt(body + QueueDescriptor.FLAGS_OFFSET, flags);
            CodecIds.write(memory, body + QueueDescriptor.CODEC_ID_OFFSET, codec);
            MpmcRing.initialise(memory, body + QueueDescriptor.RING_OFFSET, options);
        };
    }

    static String storedCodecId(Region region) {
        return CodecIds.read(region.name(), region.bytes(), region.bodyOffset() + QueueDescriptor.CODEC_ID_OFFSET);
    }

    /** Uses {@code waitStrategy} for this handle's blocking calls (default: {@link WaitStrategies#defaultStrategy()}). */
    public SharedQueue<E> withWaitStrategy(WaitStrategy waitStrategy) {
        this.strategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    /** Ends the queue for every process: puts fail from now on; takes drain what is left, then fail. */
    public void shutdown() {
        ensureOpen();
        // volatile: in one total order with producers' claims (CAS/RMW) and their re-read of the flag after
        // claiming, so a consumer that sees the flag and then a drained ring has seen every put that succeeded
        memory.putIntVolatile(body + QueueDescriptor.SHUTDOWN_OFFSET, 1);
        ring.wakeAll();
    }

    public boolean isShutdown() {
        // volatile: pairs with shutdown()'s volatile store
        return memory.getIntVolatile(body + QueueDescriptor.SHUTDOWN_OFFSET) != 0;
    }

    public boolean isJoinable() {
        return joinable;
    }

    public Codec<E> codec() {
        return codec;
    }

    @Override
    protected Object writeReplace() {
        ensureOpen();
        return new QueueHandle(name(), this instanceof JoinableQueue, codec);
    }

    // ---- producing

    /** Sends {@code element}, waiting until {@code deadlineNanos} (or not at all: {@link #NO_WAIT}); false on timeout. */
    private boolean send(E element, long deadlineNanos) throws InterruptedException {
        ensureOpen();
        Objects.requireNonNull(element, "a queue holds no null element");
        checkNotShutdown();
        return transfer(element, deadlineNanos);
    }

    /** {@link #send} after its checks of the handle, the element and shutdown, which a batch makes once. */
    private boolean transfer(E element, long deadlineNanos) throws InterruptedException {
        int length = codec.encodedLength(element);
        if (length > ring.maxMessageLength()) {
            return transferLong(element, length, deadlineNanos);
        }
        int offset = ring.tryClaim(length, RecordDescriptor.TYPE_DATA);
        if (offset == Ring.FULL && deadlineNanos != NO_WAIT) {
            offset = ring.claim(length, RecordDescriptor.TYPE_DATA, deadlineNanos, strategy, shutdownWatch);
        }
        if (offset == Ring.END) {
            ensureOpen();
            throw shutDown("no more puts");
        }
        if (offset == Ring.FULL) {
            return false;
        }
        if (joinable) {
            tasks.add();
        }
        boolean written = false;
        try {
            checkNotShutdown();
            codec.encode(element, ring.buffer(), offset);
            written = true;
        } finally {
            // any Throwable (an Error from a codec too) gives the claim up: a claim left open stalls consumers
            if (written) {
                ring.commit(offset);
            } else {
                ring.abort(offset);
                if (joinable) {
                    tasks.done();
                }
            }
        }
        ensureOpenAfter("put");
        return true;
    }

    /**
     * An element longer than the ring's max message length, sent in fragments: a byte array of a raw-bytes
     * queue straight from the array, anything else encoded into an array first.
     */
    private boolean transferLong(E element, int length, long deadlineNanos) throws InterruptedException {
        MessageLimit.check("queue '" + name() + "'", length);
        byte[] encoded;
        if (rawBytes) {
            encoded = (byte[]) element;
        } else {
            encoded = new byte[length];
            codec.encode(element, ByteBuffer.wrap(encoded), 0);
        }
        if (joinable) {
            tasks.add(); // before any consumer can take it and call taskDone
        }
        int sent = Ring.FULL;
        try {
            sent = ring.send(ByteBuffer.wrap(encoded), 0, length, deadlineNanos, strategy, shutdownWatch);
        } finally {
            if (sent < 0 && joinable) {
                tasks.done();
            }
        }
        if (sent == Ring.END) {
            ensureOpen();
            throw shutDown("no more puts");
        }
        ensureOpenAfter("put");
        return sent >= 0;
    }

    private void checkNotShutdown() {
        if (isShutdown()) {
            throw shutDown("no more puts");
        }
    }

    /** The blocking and timed calls throw for an interrupt pending on entry, whatever the timeout (as the JDK's queues). */
    static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private QueueShutDownException shutDown(String what) {
        return new QueueShutDownException("queue '" + name() + "' is shut down" + (what.isEmpty() ? "" : ": " + what));
    }

    @Override
    public boolean offer(E element) {
        try {
            return send(element, NO_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        checkInterrupt();
        return send(element, WaitStrategies.deadline(timeout, unit));
    }

    @Override
    public void put(E element) throws InterruptedException {
        checkInterrupt();
        send(element, NO_DEADLINE);
    }

    /**
     * Puts every element of {@code elements} in order, waiting for room as {@link #put} does.
     *
     * <p>Each element is put atomically: consumers see all of it or nothing of it. The batch is not atomic:
     * other producers' elements may come between these, consumers may take the first before the last is put,
     * and a failure part way (a shutdown, an interrupt, an exception from the codec) leaves the elements before
     * it in the queue and puts none after it. This call's elements keep their order. A null element anywhere
     * puts nothing. Costs less than a loop of {@code put}: the checks {@code put} makes before each claim (the
     * handle is open, the element not null, the queue not shut down) are made once for the batch.
     *
     * @throws QueueShutDownException if the queue is or gets shut down; its message says how many went in
     * @throws InterruptedException if interrupted while waiting for room; the elements before then went in
     *         ({@link #offerMany(Collection, long, TimeUnit)} returns their number)
     */
    public void putMany(Collection<? extends E> elements) throws InterruptedException {
        checkInterrupt();
        List<? extends E> batch = checkBatch(elements);
        int sent = 0;
        try {
            checkNotShutdown();
            for (; sent < batch.size(); sent++) {
                transfer(batch.get(sent), NO_DEADLINE);
            }
        } catch (QueueShutDownException e) {
            throw shutDown("no more puts; " + sent + " of the batch's " + batch.size() + " elements went in");
        }
    }

    /**
     * Puts the elements of {@code elements} in order until one does not fit now; returns how many went in
     * (always the first ones). Atomic per element, not per batch, as {@link #putMany}; a shutdown that comes
     * after some went in ends the batch there (the next call throws).
     *
     * @throws QueueShutDownException if the queue was shut down before the first element went in
     */
    public int offerMany(Collection<? extends E> elements) {
        try {
            return sendMany(elements, NO_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** As {@link #offerMany(Collection)}, waiting for room for at most {@code timeout} in all. */
    public int offerMany(Collection<? extends E> elements, long timeout, TimeUnit unit) throws InterruptedException {
        checkInterrupt();
        return sendMany(elements, WaitStrategies.deadline(timeout, unit));
    }

    private int sendMany(Collection<? extends E> elements, long deadlineNanos) throws InterruptedException {
        List<? extends E> batch = checkBatch(elements);
        int sent = 0;
        try {
            checkNotShutdown();
            while (sent < batch.size() && transfer(batch.get(sent), deadlineNanos)) {
                sent++;
            }
        } catch (QueueShutDownException e) {
            if (sent == 0) {
                throw e;
            }
        }
        return sent;
    }

    /** The checks {@link #send} makes of the handle and each element, once for a batch; returns the batch as it is now. */
    private List<? extends E> checkBatch(Collection<? extends E> elements) {
        ensureOpen();
        Objects.requireNonNull(elements, "elements");
        if (elements == this) {
            throw new IllegalArgumentException("cannot put a queue into itself");
        }
        List<? extends E> batch;
        try {
            batch = List.copyOf(elements);
        } catch (NullPointerException e) {
            throw new NullPointerException("queue '" + name() + "' holds no null element: nothing of the batch was put");
        }
        return batch;
    }

    /** Python's {@code put_nowait}: {@link QueueFullException} if there is no room now. */
    public void putNowait(E element) {
        if (!offer(element)) {
            throw new QueueFullException("queue '" + name() + "' is full");
        }
    }

    // ---- consuming

    /**
     * Takes one element, waiting until {@code deadlineNanos} (or not at all: {@link #NO_WAIT}); null on
     * timeout, or at the end of a shut-down queue unless {@code throwAtEnd}.
     */
    private E receive(long deadlineNanos, boolean throwAtEnd) throws InterruptedException {
        Receiver<E> receiver = borrowReceiver();
        try {
            return receiveRecord(receiver, deadlineNanos, throwAtEnd) ? receiver.single() : null;
        } finally {
            returnReceiver(receiver);
        }
    }

    /**
     * Hands one element's record to {@code handler} as it is in the ring, waiting as {@link #receive} does: true
     * once it did; false on timeout, or at the end of a shut-down queue unless {@code throwAtEnd}. For readers
     * that copy records out themselves ({@link ByteQueueReader}).
     */
    boolean receiveRecord(RecordHandler handler, long deadlineNanos, boolean throwAtEnd) throws InterruptedException {
        ensureOpen();
        int got = ring.read(handler, 1);
        if (got == 0 && deadlineNanos != NO_WAIT) {
            got = ring.read(handler, 1, deadlineNanos, strategy, shutdownWatch);
        }
        if (got == Ring.END) {
            ensureOpen(); // closed by another thread meanwhile
            if (throwAtEnd) {
                throw shutDown("and drained");
            }
        }
        return got > 0;
    }

    /** One decoder per handle, reused by whichever thread takes it (a thread that finds it taken makes its own). */
    private Receiver<E> borrowReceiver() {
        Receiver<E> receiver = spareReceiver.getAndSet(null);
        return receiver != null ? receiver : new Receiver<>(name(), codec);
    }

    private void returnReceiver(Receiver<E> receiver) {
        receiver.reset();
        spareReceiver.lazySet(receiver);
    }

    @Override
    public E take() throws InterruptedException {
        checkInterrupt();
        return receive(NO_DEADLINE, true);
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        checkInterrupt();
        return receive(WaitStrategies.deadline(timeout, unit), false);
    }

    /** The oldest element, or null if nothing can be taken now (see the class comment: empty, or still being written). */
    @Override
    public E poll() {
        try {
            return receive(NO_WAIT, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Python's {@code get_nowait}: {@link QueueEmptyException} if nothing is there now. */
    public E getNowait() {
        E element = poll();
        if (element == null) {
            if (isShutdown()) {
                throw new QueueShutDownException("queue '" + name() + "' is shut down and drained");
            }
            throw new QueueEmptyException("queue '" + name() + "' is empty");
        }
        return element;
    }

    @Override
    public E peek() {
        ensureOpen();
        Receiver<E> receiver = borrowReceiver();
        try {
            return ring.peek(receiver, 1) > 0 && receiver.hasValue() ? receiver.single() : null;
        } finally {
            returnReceiver(receiver);
        }
    }

    /**
     * Moves up to {@code maxElements} elements to {@code target}, in order, and returns how many. Nothing taken
     * is lost: an element that cannot be decoded (or whose block cannot be read) is left out, and once every
     * other one is in {@code target} this throws a {@link CorruptedException} naming the queue, caused by the
     * first such failure, with the others suppressed.
     */
    @Override
    public int drainTo(Collection<? super E> target, int maxElements) {
        ensureOpen();
        Objects.requireNonNull(target);
        if (target == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        Receiver<E> receiver = borrowReceiver();
        try {
            try {
                // a read stops before a long element (it is read by a read of its own): read on while elements come
                for (int taken = 0, read = 1; taken < maxElements && read > 0; taken += read) {
                    read = ring.read(receiver, maxElements - taken);
                }
            } catch (RuntimeException | Error readFailure) {
                // what the read took before it failed is delivered all the same
                try {
                    receiver.drainTo(target);
                } catch (CorruptedException unreadable) {
                    readFailure.addSuppressed(unreadable);
                }
                throw readFailure;
            }
            return receiver.drainTo(target);
        } finally {
            returnReceiver(receiver);
        }
    }

    // ---- state

    /** Messages in the queue, including those being written; Python's {@code qsize()}. */
    @Override
    public int size() {
        ensureOpen();
        return (int) Math.min(Integer.MAX_VALUE, ring.size());
    }

    public int qsize() {
        return size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    /** For {@link WaitSet}: ready when a {@code take} would not block (an element, or shut down and drained). */
    @Override
    public Readiness readiness() {
        ensureOpen();
        return ring.messageReadiness(shutdownSignalled);
    }

    public boolean empty() {
        return isEmpty();
    }

    /**
     * With a count bound, how many more fit by count; without one, {@link Integer#MAX_VALUE} while a small
     * message still fits by bytes and 0 when not. An element removed from behind others is not counted, but
     * holds its room until consumers pass it: a put may still find the queue full meanwhile.
     */
    @Override
    public int remainingCapacity() {
        ensureOpen();
        if (ring.maxCount() > 0) {
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ring.maxCount() - ring.size()));
        }
        return ring.hasRoomFor(0) ? Integer.MAX_VALUE : 0;
    }

    /** The ring's size in bytes. */
    public int capacityBytes() {
        ensureOpen();
        return ring.capacity();
    }

    /** Consumers and producers waiting now, and messages taken since creation: gauges for tools. */
    public int waitingConsumers() {
        ensureOpen();
        return ring.waitingConsumers();
    }

    public int waitingProducers() {
        ensureOpen();
        return ring.waitingProducers();
    }

    /** Elements taken since creation, and removed ones once consumers have passed them. */
    public long takenTotal() {
        ensureOpen();
        return ring.consumedTotal();
    }

    /** Python's {@code full()}. */
    public boolean full() {
        return remainingCapacity() == 0;
    }

    // ---- snapshots and removal (the Collection half: QueueCollection)

    @Override
    QueueSnapshot<E> snapshot() {
        ensureOpen();
        QueueSnapshot.Collector<E> collector = new QueueSnapshot.Collector<>(codec);
        // a walk that removes nothing (the collector matches no record) and, unlike peek, hands out positions
        ring.removeIf(collector, Integer.MAX_VALUE);
        return collector.snapshot();
    }

    /** A removed element of a joinable queue counts as done. */
    @Override
    int removeAt(long[] positions) {
        ensureOpen();
        PositionRemoval removal = new PositionRemoval(positions);
        try {
            ring.removeIf(removal, positions.length);
        } finally {
            if (joinable) {
                for (int i = 0; i < removal.removed(); i++) {
                    tasks.done();
                }
            }
        }
        return removal.removed();
    }

    static Region checkJoinable(Region region) {
        int flags = region.bytes().getInt(region.bodyOffset() + QueueDescriptor.FLAGS_OFFSET);
        if ((flags & QueueDescriptor.FLAG_JOINABLE) == 0) {
            throw new TypeMismatchException("'" + region.name() + "' is a plain queue, not a joinable one");
        }
        return region;
    }
}
