#!/usr/bin/env python3
"""Python multiprocessing peers for ipc4j's benchmark report.

Runs the same workloads as the Java suite with the standard library only and writes CSV files with the
columns of ipc-bench's LatencyRecord and ScoreRecord:
  msg32-rtt         Pipe round trip of 32 bytes (latency percentiles)
  msg32-one-way     Queue one-way throughput of 32-byte messages (msgs/s)
  str32-one-way     Queue one-way throughput of 32-character strings (msgs/s)
  lock-uncontended  Lock acquire+release in one process (ns/op)
  counter-increment Value(lock=True) increment under its lock (ns/op)
  map-get, map-put  Manager().dict() get and set of 1024 str keys (ns/op)
  list-get, list-set, list-append-pop  Manager().list() of 1024 ints: l[i], l[i] = v, append + pop (ns/op)
  namespace-get, namespace-set  Manager().Namespace() attribute read and write (ns/op)
  pool-apply-async  Pool(2).apply_async of a trivial task (tasks/s)
  pool-map          Pool(2).map over a range (items/s)
  process-start-to-running / -to-join  Process start until the child set an Event / until join(), fork and spawn (ms)
  shared-counter    Value(lock=True) increments from 1 and from 2 processes at once (ops/s in total)
  shared-map        Manager().dict() get and set from 1 and from 2 processes at once (ops/s in total)
  msg32-2p2c, -2p1c Queue of 32-byte messages, 2 producer and 2 (or 1) consumer processes (msgs/s in total)
  msg1m-one-way     Pipe send_bytes/recv_bytes of 1 MiB messages (GB/s)

usage: mp_bench.py quick|full OUT_DIR     (writes OUT_DIR/latency/python.csv and OUT_DIR/scores/python.csv)
Progress goes to stderr as "@progress <fraction> <what>" lines.
"""
import csv
import multiprocessing as mp
import os
import statistics
import sys
import time

MESSAGE = b"\x01" * 32
STRING_MESSAGE = "message 000001 ................."
IMPL_PREFIX = "Python multiprocessing."
STOP = b"STOP"

SETTINGS = {
    # warm-up seconds, round trips, queue seconds per iteration, iterations, lock ops, pool tasks, starts
    # group_*: warm-up, windows and window length of the multi-process rows (ipc-bench's GroupSettings)
    "quick": dict(warmup=0.2, round_trips=5_000, window=0.3, iterations=2, ops=200_000, tasks=2_000, starts=3,
                  map_ops=2_000, group_warmup=0.2, group_iterations=2, group_window=0.2),
    "full": dict(warmup=2.0, round_trips=200_000, window=1.0, iterations=5, ops=2_000_000, tasks=50_000, starts=20,
                 map_ops=50_000, group_warmup=1.0, group_iterations=3, group_window=0.5),
}

LATENCY_HEADER = ["workload", "implementation", "kind", "repetition", "count", "mean_ns", "p50_ns", "p90_ns",
                  "p99_ns", "p99_9_ns", "p99_99_ns", "max_ns", "seconds", "note"]
SCORE_HEADER = ["group", "workload", "implementation", "kind", "repetition", "unit", "score", "min", "max",
                "samples", "alloc_bytes_per_op", "note"]

STEPS = 14
step = 0


def progress(what):
    global step
    step += 1
    print("@progress %.3f %s" % (step / STEPS, what), file=sys.stderr, flush=True)


def percentile(sorted_values, p):
    """The smallest value with at least p% of the values at or below it (HdrHistogram's definition)."""
    rank = int(p / 100.0 * len(sorted_values) + 0.5)
    rank = min(max(rank, 1), len(sorted_values))
    return sorted_values[rank - 1]


def echo(conn):
    while True:
        message = conn.recv_bytes()
        conn.send_bytes(message)
        if message == STOP:
            return


def pipe_round_trip(s):
    parent, child = mp.Pipe()
    peer = mp.Process(target=echo, args=(child,))
    peer.start()
    clock = time.perf_counter_ns
    deadline = time.monotonic() + s["warmup"]
    warm = 0
    while time.monotonic() < deadline or warm < s["round_trips"] // 10:
        parent.send_bytes(MESSAGE)
        parent.recv_bytes()
        warm += 1
    samples = []
    start = time.monotonic()
    for _ in range(s["round_trips"]):
        before = clock()
        parent.send_bytes(MESSAGE)
        parent.recv_bytes()
        samples.append(clock() - before)
    seconds = time.monotonic() - start
    parent.send_bytes(STOP)
    parent.recv_bytes()
    peer.join()
    samples.sort()
    return [
        "msg32-rtt", IMPL_PREFIX + "Pipe", "peer", 1, len(samples), "%.1f" % (sum(samples) / len(samples)),
        percentile(samples, 50), percentile(samples, 90), percentile(samples, 99), percentile(samples, 99.9),
        percentile(samples, 99.99), samples[-1], "%.3f" % seconds,
        "send_bytes/recv_bytes of 32 bytes; time.perf_counter_ns per round trip",
    ]


def produce(queue, stop, message):
    sequence = 0
    while not stop.is_set():
        queue.put(message)
        sequence += 1
    queue.put(None)


def queue_throughput(s, message=MESSAGE, workload="msg32-one-way", note="32-byte bytes objects",
                     group="one-way-throughput"):
    queue = mp.Queue(maxsize=10_000)
    stop = mp.Event()
    producer = mp.Process(target=produce, args=(queue, stop, message))
    producer.start()
    deadline = time.monotonic() + s["warmup"]
    while time.monotonic() < deadline:
        queue.get()
    rates = []
    for _ in range(s["iterations"]):
        received = 0
        start = time.monotonic()
        end = start + s["window"]
        while time.monotonic() < end:
            for _ in range(100):
                queue.get()
            received += 100
        rates.append(received / (time.monotonic() - start))
    stop.set()
    while queue.get() is not None:
        pass
    producer.join()
    return score_row(group, workload, "Queue", "msgs/s", rates,
                     "Queue(maxsize=10000) of " + note + ", one producer process")


def lock_uncontended(s):
    lock = mp.Lock()
    return ns_per_op(s, "lock-uncontended", "Lock", lambda: (lock.acquire(), lock.release()),
                     "acquire + release, no other process contends")


def counter_increment(s):
    value = mp.Value("q", 0, lock=True)

    def increment():
        with value.get_lock():
            value.value += 1

    return ns_per_op(s, "counter-increment", "Value", increment, "with v.get_lock(): v.value += 1")


def manager_dict(s):
    keys = ["key-%d" % i for i in range(1024)]
    with mp.Manager() as manager:
        d = manager.dict()
        for key in keys:
            d[key] = 0
        state = {"next": 0, "value": 0}

        def get():
            d[keys[state["next"] & 1023]]
            state["next"] += 1

        def put():
            d[keys[state["next"] & 1023]] = state["value"]
            state["next"] += 1
            state["value"] += 1

        note = "Manager().dict() with 1024 str keys, int values, "
        return [ns_per_op(s, "map-get", "Manager().dict()", get, note + "d[key]", s["map_ops"]),
                ns_per_op(s, "map-put", "Manager().dict()", put, note + "d[key] = value", s["map_ops"])]


def manager_list_and_namespace(s):
    with mp.Manager() as manager:
        items = manager.list(range(1024))
        ns = manager.Namespace()
        ns.x = 0
        state = {"next": 0, "value": 0}

        def get():
            items[state["next"] & 1023]
            state["next"] += 1

        def put():
            items[state["next"] & 1023] = state["value"]
            state["next"] += 1
            state["value"] += 1

        def append_pop():
            items.append(state["value"])
            items.pop()
            state["value"] += 1

        def ns_get():
            ns.x

        def ns_set():
            ns.x = state["value"]
            state["value"] += 1

        note = "Manager().list() of 1024 ints, "
        return [ns_per_op(s, "list-get", "Manager().list()", get, note + "l[i]", s["map_ops"]),
                ns_per_op(s, "list-set", "Manager().list()", put, note + "l[i] = value", s["map_ops"]),
                ns_per_op(s, "list-append-pop", "Manager().list()", append_pop, note + "l.append(v); l.pop()",
                          s["map_ops"]),
                ns_per_op(s, "namespace-get", "Manager().Namespace()", ns_get, "ns.x", s["map_ops"]),
                ns_per_op(s, "namespace-set", "Manager().Namespace()", ns_set, "ns.x = value", s["map_ops"])]


def ns_per_op(s, workload, impl, op, note, ops=None):
    ops = ops or s["ops"]
    per_op = []
    for _ in range(s["iterations"]):
        start = time.perf_counter_ns()
        for _ in range(ops // s["iterations"]):
            op()
        per_op.append((time.perf_counter_ns() - start) / (ops // s["iterations"]))
    return score_row("op-cost", workload, impl, "ns/op", per_op, note)


def identity(x):
    return x


def pool_apply_async(s):
    with mp.Pool(2) as pool:
        pool.map(identity, range(100))
        rates = []
        for _ in range(s["iterations"]):
            start = time.perf_counter()
            results = [pool.apply_async(identity, (i,)) for i in range(s["tasks"] // s["iterations"])]
            for r in results:
                r.get()
            rates.append(len(results) / (time.perf_counter() - start))
    return score_row("pool", "pool-apply-async", "Pool", "tasks/s", rates, "Pool(2).apply_async(identity), all then get()")


def pool_map(s):
    """The first map of a fresh pool, then maps for the warm-up seconds, then the measured ones (as the Java side)."""
    n = s["tasks"] // s["iterations"] * 4
    with mp.Pool(2) as pool:
        pool.map(identity, range(100))
        start = time.perf_counter()
        pool.map(identity, range(n))
        first = [n / (time.perf_counter() - start)]
        end = time.perf_counter() + s["warmup"]
        while time.perf_counter() < end:
            pool.map(identity, range(n))
        rates = []
        for _ in range(s["iterations"]):
            start = time.perf_counter()
            pool.map(identity, range(n))
            rates.append(n / (time.perf_counter() - start))
    return [score_row("pool", "pool-map-first", "Pool", "items/s", first,
                      "the first Pool(2).map(identity, range(%d)) of a fresh pool, default chunksize" % n),
            score_row("pool", "pool-map", "Pool", "items/s", rates,
                      "Pool(2).map(identity, range(%d)), default chunksize, after %.1f s of maps" % (n, s["warmup"]))]


def set_event(event):
    event.set()


def process_start(s):
    rows = []
    for method in ("fork", "spawn"):
        context = mp.get_context(method)
        running = []
        joined = []
        started = context.Event()
        for _ in range(s["starts"]):
            started.clear()
            start = time.perf_counter()
            p = context.Process(target=set_event, args=(started,))
            p.start()
            started.wait()
            running.append((time.perf_counter() - start) * 1000)
            p.join()
            joined.append((time.perf_counter() - start) * 1000)
        note = "Process(target=event.set).start(), start method " + method
        rows.append(score_row("process-start", "process-start-to-running", "Process (" + method + ")", "ms", running,
                              note + "; until the child set the event; median of the starts", median=True))
        rows.append(score_row("process-start", "process-start-to-join", "Process (" + method + ")", "ms", joined,
                              note + "; until join() returned; median of the starts", median=True))
    return rows


MAP_KEYS = ["key-%d" % i for i in range(1024)]
LARGE_SIZE = 1 << 20
PUBLISH_EVERY = 64


def counting_worker(index, counts, stop, op_factory):
    """Runs op() until stop is set, adding to counts[index] every PUBLISH_EVERY operations."""
    op = op_factory(index)
    while not stop.is_set():
        for _ in range(PUBLISH_EVERY):
            op()
        counts[index] += PUBLISH_EVERY


def sample_rates(s, counts, indices, scale=1.0):
    """Rates of the summed counts of `indices` over the group windows, after the group warm-up."""
    time.sleep(s["group_warmup"])
    rates = []
    for _ in range(s["group_iterations"]):
        before = sum(counts[i] for i in indices)
        start = time.monotonic()
        time.sleep(s["group_window"])
        after = sum(counts[i] for i in indices)
        rates.append((after - before) * scale / (time.monotonic() - start))
    return rates


def run_group(s, processes, op_factory):
    """`processes` processes run op_factory(index)() in a loop at once; returns their total rates."""
    counts = mp.Array("q", processes, lock=False)
    stop = mp.Event()
    workers = [mp.Process(target=counting_worker, args=(i, counts, stop, op_factory)) for i in range(processes)]
    for w in workers:
        w.start()
    rates = sample_rates(s, counts, range(processes))
    stop.set()
    for w in workers:
        w.join()
    return rates


def processes_label(n):
    return "1-process" if n == 1 else "%d-processes" % n


class ValueIncrement:
    """A picklable op factory (fork start method: the Value is inherited)."""

    def __init__(self, value):
        self.value = value

    def __call__(self, index):
        value = self.value

        def increment():
            with value.get_lock():
                value.value += 1

        return increment


def shared_counter(s):
    rows = []
    for n in (1, 2):
        value = mp.Value("q", 0, lock=True)
        rates = run_group(s, n, ValueIncrement(value))
        rows.append(score_row("shared-counter", "increment-" + processes_label(n), "Value", "ops/s", rates,
                              "Value('q', lock=True); each process loops with v.get_lock(): v.value += 1;"
                              " total over the processes"))
    return rows


class DictOp:
    def __init__(self, d, put):
        self.d = d
        self.put = put

    def __call__(self, index):
        d = self.d
        state = {"next": index * 512, "value": 0}
        if self.put:
            def op():
                d[MAP_KEYS[state["next"] & 1023]] = state["value"]
                state["next"] += 1
                state["value"] += 1
        else:
            def op():
                d[MAP_KEYS[state["next"] & 1023]]
                state["next"] += 1
        return op


def shared_map(s):
    rows = []
    with mp.Manager() as manager:
        d = manager.dict()
        for key in MAP_KEYS:
            d[key] = 0
        for n in (1, 2):
            for put in (False, True):
                rates = run_group(s, n, DictOp(d, put))
                operation = "put" if put else "get"
                rows.append(score_row("shared-map", operation + "-" + processes_label(n), "Manager().dict()", "ops/s",
                                      rates, "Manager().dict() with the 1024 str keys, int values; each process loops"
                                             " d[key] / d[key] = value through its own proxy; total over the processes"))
    return rows


def queue_producer(queue, stop):
    queue.cancel_join_thread()
    while not stop.is_set():
        try:
            queue.put(MESSAGE, timeout=0.05)
        except Exception:
            pass


def queue_consumer(index, queue, counts, stop):
    received = 0
    while not stop.is_set():
        try:
            queue.get(timeout=0.05)
        except Exception:
            continue
        received += 1
        if received % PUBLISH_EVERY == 0:
            counts[index] = received


def queue_two_producers(s, consumers):
    queue = mp.Queue(maxsize=10_000)
    counts = mp.Array("q", consumers, lock=False)
    stop = mp.Event()
    workers = [mp.Process(target=queue_producer, args=(queue, stop)) for _ in range(2)]
    workers += [mp.Process(target=queue_consumer, args=(i, queue, counts, stop)) for i in range(consumers)]
    for w in workers:
        w.start()
    rates = sample_rates(s, counts, range(consumers))
    stop.set()
    for w in workers:
        w.join(10)
        if w.is_alive():
            w.terminate()
            w.join()
    return score_row("one-way-throughput-2p2c", "msg32-2p%dc" % consumers, "Queue", "msgs/s", rates,
                     "Queue(maxsize=10000) of 32-byte bytes objects, 2 producer and 2 (then 1) consumer processes")


def large_sender(conn, stop):
    payload = b"\x07" * LARGE_SIZE
    while not stop.is_set():
        conn.send_bytes(payload)
    conn.close()


def pipe_large(s):
    receiver, sender = mp.Pipe(duplex=False)
    stop = mp.Event()
    producer = mp.Process(target=large_sender, args=(sender, stop))
    producer.start()
    sender.close()
    deadline = time.monotonic() + s["group_warmup"]
    while time.monotonic() < deadline:
        receiver.recv_bytes()
    rates = []
    for _ in range(s["group_iterations"]):
        received = 0
        start = time.monotonic()
        end = start + s["group_window"]
        while time.monotonic() < end:
            if len(receiver.recv_bytes()) != LARGE_SIZE:
                raise RuntimeError("a message of the wrong length")
            received += 1
        rates.append(received * LARGE_SIZE / 1e9 / (time.monotonic() - start))
    stop.set()
    try:
        while True:
            receiver.recv_bytes()
    except EOFError:
        pass
    producer.join()
    return score_row("one-way-1mib", "msg1m-one-way", "Pipe", "GB/s", rates,
                     "Pipe(duplex=False); send_bytes of 1 MiB, recv_bytes (a new bytes object per message)")


def score_row(group, workload, impl, unit, samples, note, median=False):
    """The mean of the samples, or their median (latencies, where one 4 ms tick would move a mean of 20)."""
    centre = statistics.median(samples) if median else statistics.mean(samples)
    return [group, workload, IMPL_PREFIX + impl, "peer", 1, unit, "%.4f" % centre,
            "%.4f" % min(samples), "%.4f" % max(samples), len(samples), "", note]


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in SETTINGS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    s = SETTINGS[sys.argv[1]]
    out = sys.argv[2]
    latency = [pipe_round_trip(s)]
    progress("Pipe round trip")
    scores = [queue_throughput(s)]
    progress("Queue throughput")
    scores.append(queue_throughput(s, STRING_MESSAGE, "str32-one-way", "32-character str objects",
                                     "object-queue-throughput"))
    progress("Queue of strings throughput")
    scores.append(lock_uncontended(s))
    progress("Lock uncontended")
    scores.append(counter_increment(s))
    progress("Value with lock")
    scores.extend(manager_dict(s))
    progress("Manager dict")
    scores.extend(manager_list_and_namespace(s))
    progress("Manager list and Namespace")
    scores.append(pool_apply_async(s))
    progress("Pool apply_async")
    scores.extend(pool_map(s))
    progress("Pool map")
    scores.extend(process_start(s))
    progress("process start")
    scores.extend(shared_counter(s))
    progress("Value from 1 and 2 processes")
    scores.extend(shared_map(s))
    progress("Manager dict from 1 and 2 processes")
    scores.append(queue_two_producers(s, 2))
    scores.append(queue_two_producers(s, 1))
    progress("Queue 2 producers x 2 and x 1 consumers")
    scores.append(pipe_large(s))
    progress("Pipe 1 MiB messages")
    write(os.path.join(out, "latency", "python.csv"), LATENCY_HEADER, latency)
    write(os.path.join(out, "scores", "python.csv"), SCORE_HEADER, scores)
    print("python: %s" % sys.version.split()[0])


if __name__ == "__main__":
    mp.set_start_method("fork")
    main()
