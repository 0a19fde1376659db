/*
 * nfq-delay — hold every packet of an NFQUEUE queue for D milliseconds, then accept it.
 *
 * A stand-in for `tc qdisc … netem delay`, which this kernel lacks. Packets reach it through an
 * iptables/ip6tables rule `-j NFQUEUE --queue-num N` in the namespace it runs in; each is released
 * (NF_ACCEPT) D ms after it arrived, in arrival order, so the queue adds D ms to one direction of a
 * path (D ms to the round trip when only one side queues).
 *
 * It speaks nfnetlink_queue over a raw netlink socket with the kernel's own headers (Debian's
 * linux-libc-dev, present wherever gcc is): no libnetfilter_queue, no libmnl, nothing to install.
 *
 *   nfq-delay -d MS [-q QUEUE] [-t SECS] [-r READY_FILE]
 *
 *   -d MS          delay in milliseconds (decimals allowed), required
 *   -q QUEUE       queue number (default 0)
 *   -t SECS        hard limit: exit after SECS seconds whatever happens (default 900)
 *   -r FILE        create FILE once the queue is bound (the caller waits for it)
 *
 * Bounded: it exits on its hard limit (alarm), when its parent dies (PR_SET_PDEATHSIG), and on
 * SIGTERM/SIGINT; on exit it prints one line of statistics to stderr (packets, and how late the
 * releases were beyond D: mean and max). Packets still held when it exits
 * are dropped by the kernel once the queue is unbound (no listener, no --queue-bypass).
 *
 * Build: gcc -O2 -Wall -o nfq-delay nfq-delay.c   (tests/lab/lib/delay.sh does this, once per lab run)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RING 65536 /* packets held at once (a power of two) */

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "nfq-delay: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int fd;
static uint16_t queue_num;
static uint32_t seq;

/* Append one netlink attribute to the message at buf (its nlmsg_len updated). */
static void put_attr(struct nlmsghdr *nlh, uint16_t type, const void *data, uint16_t len) {
    struct nlattr *a = (struct nlattr *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len));
    a->nla_type = type;
    a->nla_len = NLA_HDRLEN + len;
    memcpy((char *)a + NLA_HDRLEN, data, len);
    nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static struct nlmsghdr *start_msg(char *buf, uint16_t type, uint16_t flags) {
    struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
    memset(buf, 0, NLMSG_HDRLEN + sizeof(struct nfgenmsg));
    nlh->nlmsg_len = NLMSG_LENGTH(sizeof(struct nfgenmsg));
    nlh->nlmsg_type = (NFNL_SUBSYS_QUEUE << 8) | type;
    nlh->nlmsg_flags = NLM_F_REQUEST | flags;
    nlh->nlmsg_seq = ++seq;
    struct nfgenmsg *g = NLMSG_DATA(nlh);
    g->nfgen_family = AF_UNSPEC;
    g->version = NFNETLINK_V0;
    g->res_id = htons(queue_num);
    return nlh;
}

/* Send a config message and wait for its ACK (errors are fatal). */
static void config(char *buf) {
    struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    if (sendto(fd, buf, nlh->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) die("send config");
    char ack[4096];
    for (;;) {
        ssize_t n = recv(fd, ack, sizeof ack, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("recv ack");
        }
        for (struct nlmsghdr *h = (struct nlmsghdr *)ack; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_ERROR && h->nlmsg_seq == nlh->nlmsg_seq) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                if (e->error) {
                    errno = -e->error;
                    die("queue config (is nfnetlink_queue available? is another program bound to the queue?)");
                }
                return;
            }
        }
    }
}

struct held {
    uint32_t id;
    int64_t due;
};
static struct held ring[RING];
static unsigned head, tail; /* held: ring[tail .. head) */

static char vbuf[1 << 16];
static size_t vlen;

static void flush_verdicts(void) {
    if (!vlen) return;
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    while (sendto(fd, vbuf, vlen, 0, (struct sockaddr *)&kernel, sizeof kernel) < 0) {
        if (errno == EINTR) continue;
        if (errno == ENOBUFS || errno == EAGAIN) { usleep(100); continue; }
        die("send verdict");
    }
    vlen = 0;
}

static void accept_packet(uint32_t id) {
    if (vlen + 64 > sizeof vbuf) flush_verdicts();
    struct nlmsghdr *nlh = start_msg(vbuf + vlen, NFQNL_MSG_VERDICT, 0);
    struct nfqnl_msg_verdict_hdr v = {.verdict = htonl(NF_ACCEPT), .id = htonl(id)};
    put_attr(nlh, NFQA_VERDICT_HDR, &v, sizeof v);
    vlen += NLMSG_ALIGN(nlh->nlmsg_len);
}

int main(int argc, char **argv) {
    double delay_ms = -1;
    long hard_limit = 900;
    const char *ready = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "d:q:t:r:h")) != -1) {
        switch (opt) {
        case 'd': delay_ms = atof(optarg); break;
        case 'q': queue_num = (uint16_t)atoi(optarg); break;
        case 't': hard_limit = atol(optarg); break;
        case 'r': ready = optarg; break;
        default:
            fprintf(stderr, "usage: nfq-delay -d MS [-q QUEUE] [-t SECS] [-r READY_FILE]\n");
            return 2;
        }
    }
    if (delay_ms < 0 || hard_limit <= 0) {
        fprintf(stderr, "usage: nfq-delay -d MS [-q QUEUE] [-t SECS] [-r READY_FILE]\n");
        return 2;
    }
    const int64_t delay = (int64_t)(delay_ms * 1e6);

    /* Bounded: the parent's death, a hard limit, TERM/INT. */
    pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) return 0; /* the parent died before the line above */
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    alarm((unsigned)hard_limit);
    prctl(PR_SET_TIMERSLACK, 1UL); /* wake-ups to the microsecond, not 50 µs late */

    fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
    if (fd < 0) die("netlink socket");
    int big = 8 << 20, one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof big) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) die("netlink bind");

    char buf[256];
    struct nlmsghdr *nlh = start_msg(buf, NFQNL_MSG_CONFIG, NLM_F_ACK);
    struct nfqnl_msg_config_cmd cmd = {.command = NFQNL_CFG_CMD_BIND};
    put_attr(nlh, NFQA_CFG_CMD, &cmd, sizeof cmd);
    config(buf);

    nlh = start_msg(buf, NFQNL_MSG_CONFIG, NLM_F_ACK);
    struct nfqnl_msg_config_params params = {.copy_range = htonl(0), .copy_mode = NFQNL_COPY_META};
    put_attr(nlh, NFQA_CFG_PARAMS, &params, sizeof params);
    uint32_t maxlen = htonl(RING / 2);
    put_attr(nlh, NFQA_CFG_QUEUE_MAXLEN, &maxlen, sizeof maxlen);
    /* GSO packets are queued whole (we never look at the payload). */
    uint32_t flags = htonl(NFQA_CFG_F_GSO), mask = htonl(NFQA_CFG_F_GSO);
    put_attr(nlh, NFQA_CFG_MASK, &mask, sizeof mask);
    put_attr(nlh, NFQA_CFG_FLAGS, &flags, sizeof flags);
    config(buf);

    if (ready) {
        FILE *f = fopen(ready, "w");
        if (!f) die("ready file");
        fprintf(f, "%d\n", getpid());
        fclose(f);
    }

    static char rbuf[1 << 17];
    uint64_t packets = 0, lost = 0;
    int64_t late_max = 0, late_sum = 0;
    while (!stop) {
        /* Wait for a packet, or until the oldest held packet is due. */
        struct timespec ts, *tsp = NULL;
        if (head != tail) {
            int64_t wait = ring[tail & (RING - 1)].due - now_ns();
            if (wait < 0) wait = 0;
            ts.tv_sec = wait / 1000000000LL;
            ts.tv_nsec = wait % 1000000000LL;
            tsp = &ts;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = ppoll(&p, 1, tsp, NULL);
        if (r < 0 && errno != EINTR) die("poll");
        if (r > 0) {
            for (;;) {
                ssize_t n = recv(fd, rbuf, sizeof rbuf, MSG_DONTWAIT);
                if (n < 0) {
                    if (errno == EAGAIN || errno == EINTR) break;
                    if (errno == ENOBUFS) { lost++; continue; }
                    die("recv");
                }
                int64_t t = now_ns();
                for (struct nlmsghdr *h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
                    if ((h->nlmsg_type & 0xff) != NFQNL_MSG_PACKET || (h->nlmsg_type >> 8) != NFNL_SUBSYS_QUEUE)
                        continue;
                    char *a = (char *)NLMSG_DATA(h) + NLMSG_ALIGN(sizeof(struct nfgenmsg));
                    char *end = (char *)h + h->nlmsg_len;
                    while (a + NLA_HDRLEN <= end) {
                        struct nlattr *at = (struct nlattr *)a;
                        if (at->nla_len < NLA_HDRLEN || a + at->nla_len > end) break;
                        if ((at->nla_type & NLA_TYPE_MASK) == NFQA_PACKET_HDR) {
                            struct nfqnl_msg_packet_hdr *ph = (void *)(a + NLA_HDRLEN);
                            uint32_t id = ntohl(ph->packet_id);
                            if (head - tail >= RING) { /* never expected: the kernel queue is half as long */
                                accept_packet(id);
                            } else {
                                ring[head & (RING - 1)] = (struct held){id, t + delay};
                                head++;
                            }
                            packets++;
                            break;
                        }
                        a += NLA_ALIGN(at->nla_len);
                    }
                }
            }
        }
        int64_t t = now_ns();
        while (head != tail && ring[tail & (RING - 1)].due <= t) {
            int64_t late = t - ring[tail & (RING - 1)].due;
            if (late > late_max) late_max = late;
            late_sum += late;
            accept_packet(ring[tail & (RING - 1)].id);
            tail++;
        }
        flush_verdicts();
    }
    fprintf(stderr, "nfq-delay: queue %u, delay %.3f ms: %llu packets, %llu overruns, release late by mean %.3f ms, max %.3f ms\n",
            queue_num, delay_ms, (unsigned long long)packets, (unsigned long long)lost,
            packets > head - tail ? (double)late_sum / 1e6 / (double)(packets - (head - tail)) : 0.0,
            (double)late_max / 1e6);
    return 0;
}
