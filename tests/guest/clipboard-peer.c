/*
 * The test guest's clipboard: the guest half of the spice-vdagent clipboard protocol, on
 * the virtio-serial port com.redhat.spice.0 that QEMU's qemu-vdagent chardev drives.
 *
 * A real spice-vdagent needs an X11 or Wayland session, which the busybox test guest does
 * not have; this speaks the same messages (capabilities, grab, request, data, release) so
 * the host side (QEMU's qemu-vdagent and VNC clipboard, Vireo's VncClipboard) is tested
 * unchanged. Text the host offers is fetched at once and printed as a marker line on the
 * console; each line written to the FIFO given as argv[2] becomes the guest's clipboard.
 *
 * Usage: clipboard-peer PORT FIFO
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    kProtocol = 1,
    kClientPort = 1,
    kMsgClipboard = 4,
    kMsgCaps = 6,
    kMsgGrab = 7,
    kMsgRequest = 8,
    kMsgRelease = 9,
    kCapByDemand = 5,
    kCapSelection = 6,
    kTypeUtf8 = 1,
    kMaxMessage = 1 << 20,
};

struct __attribute__((packed)) ChunkHeader {
    uint32_t port;
    uint32_t size;
};

struct __attribute__((packed)) MessageHeader {
    uint32_t protocol;
    uint32_t type;
    uint64_t opaque;
    uint32_t size;
};

static int port_fd = -1;
static char guest_text[65536];
static size_t guest_len;

static void marker(const char* what, const char* text, size_t len) {
    char line[70000];
    int n = snprintf(line, sizeof line, "\nVIREO-GUEST: %s ", what);
    if (len > sizeof line - (size_t)n - 2) len = sizeof line - (size_t)n - 2;
    memcpy(line + n, text, len);
    line[n + len] = '\n';
    int console = open("/dev/console", O_WRONLY);
    if (console >= 0) {
        /* One write: a marker line is never split by other console output of ours. */
        (void)!write(console, line, (size_t)n + len + 1);
        close(console);
    }
}

static int write_all(const void* p, size_t n) {
    const char* c = p;
    while (n > 0) {
        ssize_t w = write(port_fd, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Every clipboard message starts with the selection (0 = CLIPBOARD) and 3 reserved bytes. */
static int send_message(uint32_t type, const void* body, uint32_t size) {
    struct ChunkHeader chunk = {kClientPort, (uint32_t)sizeof(struct MessageHeader) + size};
    struct MessageHeader msg = {kProtocol, type, 0, size};
    if (write_all(&chunk, sizeof chunk) || write_all(&msg, sizeof msg)) return -1;
    return size ? write_all(body, size) : 0;
}

static int send_caps(int request) {
    uint32_t caps[2] = {(uint32_t)request, (1u << kCapByDemand) | (1u << kCapSelection)};
    return send_message(kMsgCaps, caps, sizeof caps);
}

static int send_selection_u32(uint32_t type, uint32_t value) {
    uint32_t body[2] = {0, value};
    return send_message(type, body, sizeof body);
}

static int send_data(void) {
    static char body[8 + sizeof guest_text];
    uint32_t head[2] = {0, kTypeUtf8};
    memcpy(body, head, sizeof head);
    memcpy(body + sizeof head, guest_text, guest_len);
    return send_message(kMsgClipboard, body, (uint32_t)(sizeof head + guest_len));
}

static void handle(uint32_t type, const unsigned char* body, uint32_t size) {
    switch (type) {
    case kMsgCaps:
        if (size >= 4 && body[0]) send_caps(0);
        break;
    case kMsgGrab: /* the host offers text: fetch it now */
        send_selection_u32(kMsgRequest, kTypeUtf8);
        break;
    case kMsgClipboard:
        if (size >= 8) marker("clipboard-in", (const char*)body + 8, size - 8);
        break;
    case kMsgRequest:
        if (guest_len) send_data();
        break;
    case kMsgRelease:
        marker("clipboard-released", "", 0);
        break;
    default:
        break;
    }
}

/* Chunks may split a message; QEMU sends at most 1 KiB of message per chunk. */
static unsigned char message[kMaxMessage];
static size_t have;

static int read_port(void) {
    struct ChunkHeader chunk;
    ssize_t r = read(port_fd, &chunk, sizeof chunk);
    if (r != (ssize_t)sizeof chunk) return -1;
    if (chunk.size > sizeof message - have) return -1;
    size_t got = 0;
    while (got < chunk.size) {
        r = read(port_fd, message + have + got, chunk.size - got);
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    have += got;
    if (have < sizeof(struct MessageHeader)) return 0;
    struct MessageHeader msg;
    memcpy(&msg, message, sizeof msg);
    if (have < sizeof msg + msg.size) return 0;
    handle(msg.type, message + sizeof msg, msg.size);
    have = 0;
    return 0;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: clipboard-peer PORT FIFO\n");
        return 2;
    }
    port_fd = open(argv[1], O_RDWR);
    if (port_fd < 0) {
        perror(argv[1]);
        return 1;
    }
    /* Capabilities first: the FIFO appearing tells init the peer is up. */
    if (send_caps(1)) return 1;
    mkfifo(argv[2], 0600);
    /* O_RDWR keeps the FIFO open with no writer, so poll() does not spin on EOF. */
    int fifo = open(argv[2], O_RDWR | O_NONBLOCK);
    if (fifo < 0) {
        perror(argv[2]);
        return 1;
    }
    marker("clipboard-peer", "up", 2);
    char line[sizeof guest_text];
    size_t line_len = 0;
    for (;;) {
        struct pollfd fds[2] = {{port_fd, POLLIN, 0}, {fifo, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        if (fds[0].revents & POLLIN && read_port()) return 1;
        if (fds[1].revents & POLLIN) {
            ssize_t r = read(fifo, line + line_len, sizeof line - line_len);
            if (r <= 0) continue;
            line_len += (size_t)r;
            char* nl;
            while ((nl = memchr(line, '\n', line_len))) {
                guest_len = (size_t)(nl - line);
                memcpy(guest_text, line, guest_len);
                line_len -= guest_len + 1;
                memmove(line, nl + 1, line_len);
                send_selection_u32(kMsgGrab, kTypeUtf8);
            }
            if (line_len == sizeof line) line_len = 0;
        }
    }
}
