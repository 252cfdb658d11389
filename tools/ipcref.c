/*
 * ipcref: the stream loops of ipclab (and of ipc-static) in C, the native side of tools/parity.
 *
 *   ipcref [-S] MODE IPC BUFSIZE TOTALSIZE      MODE 1thread|2thread|2proc, IPC pipe|local|tcp
 *
 * The same I/O pattern as ipclab: the sender writes BUFSIZE bytes from the start of its buffer
 * per write(2) (a short write is an error), the receiver reads at offset received % BUFSIZE, at
 * most to the end of its buffer; 1thread makes both ends non-blocking, writes then reads each
 * turn and waits in poll(2) when neither progressed. The sender takes CLOCK_MONOTONIC just before
 * its first write, the receiver just after the last byte (2proc: the child's start reaches the
 * parent through a shared page). -S makes the sender sleep a second first, as ipc-static's does.
 * Prints "N.NN KBytes/sec" (KBytes of 1024 bytes), as ipclab's last line. Build: cc -O2 -pthread.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long bufsize, total;
static int sender_sleeps;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what) {
    perror(what);
    exit(74);
}

static void make_pair(const char *ipc, int fds[2]) { /* fds[0] read, fds[1] written */
    if (strcmp(ipc, "pipe") == 0) {
        if (pipe2(fds, O_CLOEXEC) < 0) die("pipe2");
    } else if (strcmp(ipc, "local") == 0) {
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0) die("socketpair");
    } else if (strcmp(ipc, "tcp") == 0) {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        socklen_t len = sizeof a;
        int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (l < 0 || bind(l, (struct sockaddr *) &a, sizeof a) < 0 || listen(l, 1) < 0
                || getsockname(l, (struct sockaddr *) &a, &len) < 0) die("listen");
        fds[1] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fds[1] < 0 || connect(fds[1], (struct sockaddr *) &a, sizeof a) < 0) die("connect");
        fds[0] = accept4(l, NULL, NULL, SOCK_CLOEXEC);
        if (fds[0] < 0) die("accept4");
        close(l);
    } else {
        fprintf(stderr, "ipcref: unknown ipc %s\n", ipc);
        exit(64);
    }
}

static double send_all(int fd, char *buf) {
    if (sender_sleeps) sleep(1);
    double start = now();
    for (long sent = 0; sent < total;) {
        long want = total - sent < bufsize ? total - sent : bufsize;
        ssize_t n = write(fd, buf, want);
        if (n != want) die("write");
        sent += n;
    }
    return start;
}

static double receive_all(int fd, char *buf) {
    for (long got = 0; got < total;) {
        long off = got % bufsize;
        long want = bufsize - off < total - got ? bufsize - off : total - got;
        ssize_t n = read(fd, buf + off, want);
        if (n <= 0) die("read");
        got += n;
    }
    return now();
}

struct targ { int fd; char *buf; double start; };

static void *sender(void *p) {
    struct targ *t = p;
    t->start = send_all(t->fd, t->buf);
    return NULL;
}

static double one_thread(int r, int w, char *rbuf, char *wbuf, double *start) {
    fcntl(r, F_SETFL, fcntl(r, F_GETFL) | O_NONBLOCK);
    fcntl(w, F_SETFL, fcntl(w, F_GETFL) | O_NONBLOCK);
    struct pollfd p[2] = {{.fd = r, .events = POLLIN}, {.fd = w, .events = POLLOUT}};
    long sent = 0, got = 0;
    *start = now();
    while (got < total) {
        ssize_t wn = 0, rn = 0;
        if (sent < total) {
            long off = sent % bufsize;
            long want = bufsize - off < total - sent ? bufsize - off : total - sent;
            wn = write(w, wbuf + off, want);
            if (wn > 0) sent += wn;
            else if (errno != EAGAIN) die("write");
        }
        if (sent > 0) {
            long off = got % bufsize;
            long want = bufsize - off < total - got ? bufsize - off : total - got;
            rn = read(r, rbuf + off, want);
            if (rn > 0) got += rn;
            else if (rn == 0 || errno != EAGAIN) die("read");
        }
        if (got < total && wn <= 0 && rn <= 0 && poll(p, 2, -1) < 0 && errno != EINTR) die("poll");
    }
    return now();
}

int main(int argc, char **argv) {
    int arg = 1;
    if (argc > 1 && strcmp(argv[1], "-S") == 0) {
        sender_sleeps = 1;
        arg++;
    }
    if (argc - arg != 4) {
        fprintf(stderr, "usage: ipcref [-S] 1thread|2thread|2proc pipe|local|tcp BUFSIZE TOTALSIZE\n");
        return 64;
    }
    const char *mode = argv[arg], *ipc = argv[arg + 1];
    bufsize = atol(argv[arg + 2]);
    total = atol(argv[arg + 3]);
    if (bufsize <= 0 || total <= 0 || total % bufsize != 0) {
        fprintf(stderr, "ipcref: BUFSIZE and TOTALSIZE must be positive, TOTALSIZE a multiple of BUFSIZE\n");
        return 64;
    }
    char *rbuf = malloc(bufsize), *wbuf = malloc(bufsize);
    memset(rbuf, 1, bufsize);
    memset(wbuf, 2, bufsize);
    int fds[2];
    make_pair(ipc, fds);
    double start, end;
    if (strcmp(mode, "1thread") == 0) {
        end = one_thread(fds[0], fds[1], rbuf, wbuf, &start);
    } else if (strcmp(mode, "2thread") == 0) {
        pthread_t t;
        struct targ a = {.fd = fds[1], .buf = wbuf};
        pthread_create(&t, NULL, sender, &a);
        end = receive_all(fds[0], rbuf);
        pthread_join(t, NULL);
        start = a.start;
    } else if (strcmp(mode, "2proc") == 0) {
        double *shared = mmap(NULL, sizeof(double), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        pid_t pid = fork();
        if (pid < 0) die("fork");
        if (pid == 0) {
            close(fds[0]);
            *shared = send_all(fds[1], wbuf);
            _exit(0);
        }
        close(fds[1]);
        end = receive_all(fds[0], rbuf);
        int status;
        waitpid(pid, &status, 0);
        start = *shared;
    } else {
        fprintf(stderr, "ipcref: unknown mode %s\n", mode);
        return 64;
    }
    printf("%.2f KBytes/sec\n", total / (end - start) / 1024.0);
    return 0;
}
