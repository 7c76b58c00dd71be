/*
 * The hardware floor for ipc4j's round trips: what two processes on this machine pay, in C, for
 *   spin-rtt:  a value sent through one shared cache line and back, both sides busy-spinning;
 *   futex-rtt: a wake-up round trip, each side sleeping on a futex until the other wakes it
 *              (with a sleeper count beside each word, as ipc4j's FutexWord keeps).
 * Two processes: fork() after mmap(MAP_SHARED | MAP_ANONYMOUS). Each round trip is timed with
 * clock_gettime(CLOCK_MONOTONIC), the clock behind Java's System.nanoTime(), so the timer costs the same.
 *
 * usage: floor <round_trips> <warmup_ms> <repetition> [cpu_parent cpu_child]
 * stdout: CSV with the columns of ipc-bench's LatencyRecord; stderr: "@progress <fraction> <what>" lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STOP (-1)
#define SPIN_WORD 0
#define REQUEST 128
#define REPLY 256

#if defined(__x86_64__) || defined(__i386__)
#define CPU_RELAX() __builtin_ia32_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() do { } while (0)
#endif

static char *shared;
static long child_cpu = -1;
static long repetition = 1;

static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static int64_t *spin_word(void) { return (int64_t *) (shared + SPIN_WORD); }
static int32_t *word(int offset) { return (int32_t *) (shared + offset); }
static int32_t *waiters(int offset) { return (int32_t *) (shared + offset + 4); }

static void futex_wait(int32_t *addr, int32_t expected) {
    syscall(SYS_futex, addr, FUTEX_WAIT, expected, NULL, NULL, 0);
}

/* Sleep while *word == expected, counting ourselves as a sleeper (the waker skips the syscall otherwise). */
static void sleep_on(int offset, int32_t expected) {
    __atomic_fetch_add(waiters(offset), 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(word(offset), __ATOMIC_SEQ_CST) == expected) {
        futex_wait(word(offset), expected);
    }
    __atomic_fetch_sub(waiters(offset), 1, __ATOMIC_SEQ_CST);
}

static void set_and_wake(int offset, int32_t value) {
    __atomic_store_n(word(offset), value, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(waiters(offset), __ATOMIC_SEQ_CST) != 0) {
        syscall(SYS_futex, word(offset), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

static void spin_ping(int64_t token) {
    int64_t request = 2 * token + 1;
    __atomic_store_n(spin_word(), request, __ATOMIC_RELEASE);
    while (__atomic_load_n(spin_word(), __ATOMIC_ACQUIRE) != request + 1) {
        CPU_RELAX();
    }
}

static void spin_pong_loop(void) {
    for (;;) {
        int64_t request;
        while (((request = __atomic_load_n(spin_word(), __ATOMIC_ACQUIRE)) & 1) == 0) {
            CPU_RELAX();
        }
        __atomic_store_n(spin_word(), request + 1, __ATOMIC_RELEASE);
        if ((request - 1) / 2 == STOP) {
            return;
        }
    }
}

static void futex_ping(int64_t token) {
    int32_t value = (int32_t) token;
    set_and_wake(REQUEST, value);
    int32_t seen;
    while ((seen = __atomic_load_n(word(REPLY), __ATOMIC_SEQ_CST)) != value) {
        sleep_on(REPLY, seen);
    }
}

static void futex_pong_loop(void) {
    int32_t last = 0;
    for (;;) {
        int32_t seen;
        while ((seen = __atomic_load_n(word(REQUEST), __ATOMIC_SEQ_CST)) == last) {
            sleep_on(REQUEST, last);
        }
        last = seen;
        set_and_wake(REPLY, seen);
        if (seen == STOP) {
            return;
        }
    }
}

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

/* The smallest recorded value with at least p% of the values at or below it (HdrHistogram's definition). */
static uint64_t percentile(const uint64_t *sorted, long n, double p) {
    long rank = (long) ((p / 100.0) * n + 0.5);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return sorted[rank - 1];
}

static void pin(long cpu) {
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int) cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        fprintf(stderr, "cannot pin to CPU %ld: %s\n", cpu, strerror(errno));
        exit(2);
    }
}

static void measure(const char *workload, const char *note, void (*ping)(int64_t), void (*pong_loop)(void),
                    long count, long warmup_ms, int pinned) {
    memset(shared, 0, 4096);
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        exit(2);
    }
    if (child == 0) {
        pin(child_cpu);
        pong_loop();
        _exit(0);
    }
    uint64_t *samples = malloc(sizeof(uint64_t) * (size_t) count);
    if (samples == NULL) {
        perror("malloc");
        exit(2);
    }
    int64_t token = 1;
    /* warm-up by count and time, through the same loop body as the measured phase */
    uint64_t warm_start = now_ns(), warm_end = warm_start + (uint64_t) warmup_ms * 1000000u;
    for (long i = 0; i < count / 10 || now_ns() < warm_end; i++) {
        uint64_t before = now_ns();
        ping(token++);
        samples[i % count] = now_ns() - before;
    }
    fprintf(stderr, "@progress 0.1 %s warmed up\n", workload);
    uint64_t start = now_ns(), next_report = start + 1000000000u;
    for (long i = 0; i < count; i++) {
        uint64_t before = now_ns();
        ping(token++);
        uint64_t after = now_ns();
        samples[i] = after - before;
        if (after > next_report) {
            next_report = after + 1000000000u;
            fprintf(stderr, "@progress %.3f %s %ld round trips\n", 0.1 + 0.9 * i / (double) count, workload, i);
        }
    }
    double seconds = (now_ns() - start) / 1e9;
    ping(STOP);
    int status;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s: the child process failed\n", workload);
        exit(2);
    }
    double sum = 0;
    for (long i = 0; i < count; i++) sum += (double) samples[i];
    qsort(samples, (size_t) count, sizeof samples[0], compare_u64);
    printf("%s,C (fork + shared mmap),floor,%ld,%ld,%.1f,%llu,%llu,%llu,%llu,%llu,%llu,%.3f,%s%s\n", workload,
           repetition, count, sum / count, (unsigned long long) percentile(samples, count, 50),
           (unsigned long long) percentile(samples, count, 90), (unsigned long long) percentile(samples, count, 99),
           (unsigned long long) percentile(samples, count, 99.9), (unsigned long long) percentile(samples, count, 99.99),
           (unsigned long long) samples[count - 1], seconds, note, pinned ? "; pinned" : "");
    fflush(stdout);
    free(samples);
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 6) {
        fprintf(stderr, "usage: %s <round_trips> <warmup_ms> <repetition> [cpu_parent cpu_child]\n", argv[0]);
        return 2;
    }
    long count = atol(argv[1]), warmup_ms = atol(argv[2]);
    repetition = atol(argv[3]);
    if (count < 1 || warmup_ms < 0) {
        fprintf(stderr, "round_trips must be >= 1 and warmup_ms >= 0\n");
        return 2;
    }
    int pinned = argc == 6;
    if (pinned) {
        pin(atol(argv[4]));
        child_cpu = atol(argv[5]);
    }
    shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    printf("workload,implementation,kind,repetition,count,mean_ns,p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns,seconds,note\n");
    measure("spin-rtt", "one int64 in one cache line; both sides busy-spin", spin_ping, spin_pong_loop, count,
            warmup_ms, pinned);
    measure("futex-rtt", "futex wait/wake with a sleeper count; no spinning", futex_ping, futex_pong_loop,
            count, warmup_ms, pinned);
    return 0;
}
