/*
 * pingref: ipclab's latency loops in C, the native reference for `ipclab latency`.
 *
 * The initiator stamps its message, reads CLOCK_MONOTONIC, writes the message whole, reads the
 * answer whole, reads the clock again and keeps the difference; the responder reads the message
 * whole and writes the same bytes back. Pipes, FIFOs and eventfds use one object per direction,
 * local (a socketpair; local-seqpacket and local-dgram of SOCK_SEQPACKET and SOCK_DGRAM) and tcp
 * (127.0.0.1, TCP_NODELAY) one connection for both, as ipclab does. An eventfd moves 8-byte
 * counter values (MSGSIZE 8 only): the stamped message is never zero, as ipclab's. 1thread does
 * both halves in one thread on non-blocking descriptors.
 *
 *   pingref [-r ROUNDS] [-c CPU[,CPU]] MODE IPC MSGSIZE
 *     MODE 1thread|2thread|2proc, IPC pipe|local|tcp|fifo|local-seqpacket|local-dgram|eventfd;
 *     ROUNDS default 100000, after an untimed warm-up of 10000. -c places the initiator (and the responder) as ipclab's --cpus.
 *   prints: rtt_ns min p50 p90 p99 p999 max mean
 *
 * Percentiles are exact (every round trip is kept and sorted); ipclab's come from an
 * HdrHistogram at 3 significant digits, so the two agree to 0.1%.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long rounds = 100000, warm = 10000;
static size_t size;
static int cpus[2] = {-1, -1};
/* the ends: initiator writes fwd_out and reads back_in; responder reads fwd_in and writes back_out */
static int fwd_out, fwd_in, back_out, back_in;

static void die(const char *what) { perror(what); exit(71); }

static uint64_t now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static void place(int cpu) {
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) die("sched_setaffinity");
}

static void whole_write(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) die("write");
        p += w; n -= (size_t) w;
    }
}

static void whole_read(int fd, char *p, size_t n) {
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r <= 0) { if (r == 0) fprintf(stderr, "read: end of file\n"); else perror("read"); exit(74); }
        p += r; n -= (size_t) r;
    }
}

static void respond(long n) {
    char *buf = malloc(size);
    memset(buf, 3, size);
    for (long i = 0; i < n; i++) {
        whole_read(fwd_in, buf, size);
        whole_write(back_out, buf, size);
    }
    free(buf);
}

static void *responder_thread(void *arg) {
    (void) arg;
    place(cpus[1] >= 0 ? cpus[1] : cpus[0]);
    respond(warm + rounds);
    return NULL;
}

static uint64_t *initiate(long n, int keep, uint64_t *elapsed) {
    char *msg = malloc(size), *ans = malloc(size);
    memset(msg, 1, size);
    memset(ans, 2, size);
    uint64_t *rtt = keep ? malloc(sizeof(uint64_t) * (size_t) n) : NULL;
    uint64_t start = now();
    for (long i = 0; i < n; i++) {
        msg[0] = msg[size - 1] = (char) (i % 255 + 1);
        uint64_t t0 = now();
        whole_write(fwd_out, msg, size);
        whole_read(back_in, ans, size);
        uint64_t t1 = now();
        if (keep) rtt[i] = t1 - t0;
        if (ans[0] != msg[0] || ans[size - 1] != msg[size - 1]) { fprintf(stderr, "garbled answer\n"); exit(74); }
    }
    *elapsed = now() - start;
    free(msg); free(ans);
    return rtt;
}

/* 1thread: each half writes what fits and reads what is there until the message has arrived */
static void half(int out, int in, const char *from, char *to) {
    size_t sent = 0, got = 0;
    while (got < size) {
        if (sent < size) {
            ssize_t w = write(out, from + sent, size - sent);
            if (w > 0) sent += (size_t) w; else if (errno != EAGAIN) die("write");
        }
        ssize_t r = read(in, to + got, size - got);
        if (r > 0) got += (size_t) r; else if (r == 0 || errno != EAGAIN) die("read");
    }
}

static uint64_t *one_thread(long n, int keep, uint64_t *elapsed) {
    char *msg = malloc(size), *mid = malloc(size), *ans = malloc(size);
    memset(msg, 1, size); memset(mid, 3, size); memset(ans, 2, size);
    uint64_t *rtt = keep ? malloc(sizeof(uint64_t) * (size_t) n) : NULL;
    uint64_t start = now();
    for (long i = 0; i < n; i++) {
        msg[0] = msg[size - 1] = (char) (i % 255 + 1);
        uint64_t t0 = now();
        half(fwd_out, fwd_in, msg, mid);
        half(back_out, back_in, mid, ans);
        uint64_t t1 = now();
        if (keep) rtt[i] = t1 - t0;
    }
    *elapsed = now() - start;
    free(msg); free(mid); free(ans);
    return rtt;
}

static void tcp_pair(int *a, int *b) {
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    if (l < 0 || bind(l, (struct sockaddr *) &addr, sizeof addr) || listen(l, 1)
            || getsockname(l, (struct sockaddr *) &addr, &len)) die("listen");
    *b = socket(AF_INET, SOCK_STREAM, 0);
    if (*b < 0 || connect(*b, (struct sockaddr *) &addr, sizeof addr)) die("connect");
    *a = accept(l, NULL, NULL);
    if (*a < 0) die("accept");
    close(l);
    setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void fifo_pair(const char *dir, const char *name, int *rd, int *wr) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (mkfifo(path, 0600)) die("mkfifo");
    *rd = open(path, O_RDONLY | O_NONBLOCK);
    *wr = open(path, O_WRONLY);
    if (*rd < 0 || *wr < 0) die("open fifo");
    fcntl(*rd, F_SETFL, fcntl(*rd, F_GETFL) & ~O_NONBLOCK);
    unlink(path);
}

static void open_ends(const char *ipc) {
    int p[2], q[2];
    if (!strcmp(ipc, "pipe")) {
        if (pipe(p) || pipe(q)) die("pipe");
        fwd_in = p[0]; fwd_out = p[1]; back_in = q[0]; back_out = q[1];
    } else if (!strcmp(ipc, "local") || !strcmp(ipc, "local-seqpacket") || !strcmp(ipc, "local-dgram")) {
        int type = !strcmp(ipc, "local") ? SOCK_STREAM : !strcmp(ipc, "local-dgram") ? SOCK_DGRAM : SOCK_SEQPACKET;
        if (socketpair(AF_UNIX, type, 0, p)) die("socketpair");
        fwd_in = back_out = p[0]; fwd_out = back_in = p[1];
    } else if (!strcmp(ipc, "eventfd")) {
        if (size != 8) { fprintf(stderr, "pingref: eventfd moves 8-byte counters: MSGSIZE must be 8\n"); exit(64); }
        fwd_in = fwd_out = eventfd(0, 0);
        back_in = back_out = eventfd(0, 0);
        if (fwd_in < 0 || back_in < 0) die("eventfd");
    } else if (!strcmp(ipc, "tcp")) {
        tcp_pair(&p[0], &p[1]);
        fwd_in = back_out = p[0]; fwd_out = back_in = p[1];
    } else if (!strcmp(ipc, "fifo")) {
        char dir[] = "/tmp/pingref.XXXXXX";
        if (!mkdtemp(dir)) die("mkdtemp");
        fifo_pair(dir, "forward", &fwd_in, &fwd_out);
        fifo_pair(dir, "back", &back_in, &back_out);
        rmdir(dir);
    } else {
        fprintf(stderr, "pingref: unknown ipc %s (pipe, local, tcp, fifo, local-seqpacket, local-dgram, eventfd)\n", ipc);
        exit(64);
    }
}

static int cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

static uint64_t at(const uint64_t *sorted, long n, double p) {
    long i = (long) (p / 100.0 * (double) n + 0.999999) - 1; /* the smallest value with p% at or below it */
    return sorted[i < 0 ? 0 : (i >= n ? n - 1 : i)];
}

int main(int argc, char **argv) {
    int o;
    while ((o = getopt(argc, argv, "r:c:")) != -1) {
        if (o == 'r') rounds = atol(optarg);
        else if (o == 'c') { if (sscanf(optarg, "%d,%d", &cpus[0], &cpus[1]) < 1) return 64; }
        else return 64;
    }
    if (argc - optind != 3 || rounds < 1) {
        fprintf(stderr, "usage: pingref [-r ROUNDS] [-c CPU[,CPU]] 1thread|2thread|2proc pipe|local|tcp|fifo|local-seqpacket|local-dgram|eventfd MSGSIZE\n");
        return 64;
    }
    const char *mode = argv[optind], *ipc = argv[optind + 1];
    size = (size_t) atol(argv[optind + 2]);
    if (size < 1) return 64;
    signal(SIGPIPE, SIG_IGN);
    open_ends(ipc);
    uint64_t elapsed, *rtt;
    place(cpus[0]);
    if (!strcmp(mode, "1thread")) {
        int fds[4] = {fwd_in, fwd_out, back_in, back_out};
        for (int i = 0; i < 4; i++) fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        free(one_thread(warm, 0, &elapsed));
        rtt = one_thread(rounds, 1, &elapsed);
    } else if (!strcmp(mode, "2thread")) {
        pthread_t t;
        pthread_create(&t, NULL, responder_thread, NULL);
        free(initiate(warm, 0, &elapsed));
        rtt = initiate(rounds, 1, &elapsed);
        pthread_join(t, NULL);
    } else if (!strcmp(mode, "2proc")) {
        pid_t child = fork();
        if (child < 0) die("fork");
        if (child == 0) {
            place(cpus[1] >= 0 ? cpus[1] : cpus[0]);
            respond(warm + rounds);
            _exit(0);
        }
        free(initiate(warm, 0, &elapsed));
        rtt = initiate(rounds, 1, &elapsed);
        waitpid(child, NULL, 0);
    } else {
        fprintf(stderr, "pingref: unknown mode %s (1thread, 2thread, 2proc)\n", mode);
        return 64;
    }
    double mean = (double) elapsed / (double) rounds;
    qsort(rtt, (size_t) rounds, sizeof *rtt, cmp);
    printf("rtt_ns %llu %llu %llu %llu %llu %llu %.0f\n", (unsigned long long) rtt[0],
           (unsigned long long) at(rtt, rounds, 50), (unsigned long long) at(rtt, rounds, 90),
           (unsigned long long) at(rtt, rounds, 99), (unsigned long long) at(rtt, rounds, 99.9),
           (unsigned long long) rtt[rounds - 1], mean);
    return 0;
}
