/* The C side of CallCost.java: a write(2) and a read(2) of 32 bytes on one pipe, one thread,
 * timed over rounds of 2,000,000 pairs; the first two rounds are not printed, as in Java. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(void) {
    enum { PAIRS = 2000000, SIZE = 32 };
    int fds[2];
    char buf[SIZE];
    if (pipe(fds) != 0) {
        perror("pipe");
        return 71;
    }
    printf("ns per write+read of 32 B on a pipe, one thread (%d pairs a round)\n", PAIRS);
    for (int round = 0; round < 7; round++) {
        double t0 = now_ns();
        for (int i = 0; i < PAIRS; i++) {
            if (write(fds[1], buf, SIZE) != SIZE || read(fds[0], buf, SIZE) != SIZE) {
                perror("short call");
                return 74;
            }
        }
        double per = (now_ns() - t0) / PAIRS;
        if (round >= 2) {
            printf("C %6.1f\n", per);
        }
    }
    return 0;
}
