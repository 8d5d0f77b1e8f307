/* spawn-time CMD [ARGS...]: runs CMD once with stdout and stderr on /dev/null and prints
 * the microseconds from spawn to its exit (CLOCK_MONOTONIC). A bench timer without the
 * shell's own fork+exec of `date` on each side, which here costs more than a bwrap start. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>

extern char** environ;

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: spawn-time CMD [ARGS...]\n");
        return 2;
    }
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);
    struct timespec start, end;
    pid_t pid;
    int status;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (posix_spawnp(&pid, argv[1], &files, NULL, argv + 1, environ) != 0) {
        perror(argv[1]);
        return 2;
    }
    waitpid(pid, &status, 0);
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%ld\n", (end.tv_sec - start.tv_sec) * 1000000L + (end.tv_nsec - start.tv_nsec) / 1000);
    return 0;
}
