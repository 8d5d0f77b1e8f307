// switch-query: sends one request ("stats", "fdb") to a vireo-switch control socket and
// prints the answer (benchmarks run the switch directly, without vireoctl).
//   switch-query SOCKET REQUEST
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: switch-query SOCKET REQUEST\n");
        return 2;
    }
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        fprintf(stderr, "switch-query: socket path too long: %s\n", argv[1]);
        return 2;
    }
    strcpy(address.sun_path, argv[1]);
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr*)&address, sizeof address) != 0) {
        perror("switch-query: connect");
        return 1;
    }
    char request[256];
    snprintf(request, sizeof request, "%s\n", argv[2]);
    if (write(fd, request, strlen(request)) < 0) {
        perror("switch-query: write");
        return 1;
    }
    char buffer[4096];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        fwrite(buffer, 1, (size_t)n, stdout);
    close(fd);
    return 0;
}
