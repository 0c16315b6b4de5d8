/*
 * mapfile.c — a large input file mapped into memory instead of read.
 *
 * Reading a file copies it from the page cache into fresh memory the
 * kernel must first clear: for a 50 MB report that is a fifth of what
 * `luoshi extract` costs (docs/performance.md). A regular file of at least
 * MAP_MIN bytes is therefore mapped, privately, with zero bytes after its
 * end (its NUL, and room for a reader that looks a few bytes past a
 * character), so the library reads it in place.
 *
 * Another program may change the file while it is mapped. The library
 * stays within the text whatever its bytes become (tests/test_docstream.c),
 * so what is at stake is only that the output matches the file:
 *  - a file cut shorter: reading a page past its new end raises SIGBUS;
 *    the handler here prints "luoshi: PATH: the file shrank while it was
 *    read" and exits with 1 (bad input), from any thread;
 *  - any other change: cli_unmap compares the file's size, times and inode
 *    with those it had when mapped, and says it changed (the command then
 *    fails with that error).
 * It does not read files (readfile.c does, and falls back to reading when
 * a file cannot be mapped) and knows nothing of reports.
 */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

/* The smallest file mapped: below it reading costs less than mapping. */
#define MAP_MIN (1u << 20)
/* Zero bytes after a mapped file's last byte (the first is its NUL). */
#define MAP_SLACK 64u
/* Files mapped at once (one a command reads; more are read). */
#define MAPS_MAX 4
/* The handler's message: "luoshi: PATH: the file shrank ...\n". */
#define MAP_MESSAGE_SIZE 512

/* A mapping: 'base' NULL when the slot is free; set last, cleared first,
 * so the signal handler never sees a half-filled slot as in use. */
typedef struct {
    char *volatile base;
    size_t room;          /* bytes mapped from base: file and zero bytes */
    int fd;               /* kept open to see whether the file changed */
    struct stat at_map;   /* the file when mapped */
    char shrank[MAP_MESSAGE_SIZE];
    size_t shrank_len;
} mapping;

static mapping maps[MAPS_MAX];
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

/* SIGBUS: an access past the end of a mapped file that shrank gets its
 * message and exit code 1; any other SIGBUS the default action (the
 * handler is reset and the faulting access runs again). Only
 * async-signal-safe calls. */
static void on_sigbus(int sig, siginfo_t *info, void *context)
{
    const char *at = info ? (const char *)info->si_addr : NULL;
    struct sigaction dfl;
    size_t i;

    (void)context;
    for (i = 0; i < MAPS_MAX; i++) {
        const char *base = maps[i].base;
        if (base && at >= base && at < base + maps[i].room) {
            ssize_t w = write(STDERR_FILENO, maps[i].shrank, maps[i].shrank_len);
            (void)w;
            _exit(EXIT_INPUT);
        }
    }
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
}

/* Installs on_sigbus, at every mapping (a handler set since, by a test
 * framework for one, would otherwise leave the mapping unguarded); 0 when
 * it cannot be. */
static int install_guard(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGBUS, &sa, NULL) == 0;
}

/* Maps 'size' bytes of 'fd' followed by at least MAP_SLACK zero bytes
 * (writable until seal_mapping); NULL on failure. */
static char *map_with_slack(int fd, size_t size, size_t *room)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *base;

    *room = (size + MAP_SLACK + page - 1) / page * page;
    base = mmap(NULL, *room, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return NULL;
    if (mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
        munmap(base, *room);
        return NULL;
    }
    return base;
}

/* Writes the NUL at [size] of mapping 'm' (already guarded: the file may
 * have shrunk since its size was read) and makes it read-only; 0 on
 * failure. The file's last page, when the NUL falls in it, becomes a
 * private copy: bytes the file gains later do not reach it. */
static int seal_mapping(mapping *m, size_t size)
{
    m->base[size] = '\0';
    return mprotect(m->base, m->room, PROT_READ) == 0;
}

int cli_map_file(const char *path, char **data, size_t *len)
{
    struct stat st;
    mapping *m = NULL;
    size_t i, room = 0;
    char *base;
    int fd, n;

    /* a regular file is opened: opening a named pipe would wait for its
     * writer, and take what it writes from the read that follows */
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size < (off_t)MAP_MIN || !install_guard())
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)MAP_MIN ||
        (unsigned long long)st.st_size > (size_t)-1 - MAP_SLACK - 65536) {
        close(fd);
        return 0;
    }
    pthread_mutex_lock(&maps_lock);
    for (i = 0; i < MAPS_MAX && !m; i++)
        if (!maps[i].base)
            m = &maps[i];
    base = m ? map_with_slack(fd, (size_t)st.st_size, &room) : NULL;
    if (base) {
        m->room = room;
        m->fd = fd;
        m->at_map = st;
        n = snprintf(m->shrank, sizeof m->shrank,
                     "luoshi: %s: the file shrank while it was read\n", path);
        m->shrank_len = n < 0 ? 0 : (size_t)n < sizeof m->shrank ? (size_t)n : sizeof m->shrank - 1;
        m->base = base; /* last: the slot is in use */
        if (!seal_mapping(m, (size_t)st.st_size)) {
            m->base = NULL;
            munmap(base, room);
            base = NULL;
        }
    }
    pthread_mutex_unlock(&maps_lock);
    if (!base) {
        close(fd);
        return 0;
    }
    *data = base;
    *len = (size_t)st.st_size;
    return 1;
}

/* Whether the file behind 'm' is the one that was mapped, unchanged. */
static int unchanged(const mapping *m)
{
    struct stat now;
    const struct stat *was = &m->at_map;

    return fstat(m->fd, &now) == 0 && now.st_size == was->st_size && now.st_ino == was->st_ino &&
           now.st_dev == was->st_dev && now.st_mtim.tv_sec == was->st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == was->st_mtim.tv_nsec &&
           now.st_ctim.tv_sec == was->st_ctim.tv_sec && now.st_ctim.tv_nsec == was->st_ctim.tv_nsec;
}

int cli_unmap(const char *data, int *changed)
{
    size_t i;
    int found = 0;

    *changed = 0;
    if (!data)
        return 0;
    pthread_mutex_lock(&maps_lock);
    for (i = 0; i < MAPS_MAX && !found; i++) {
        mapping *m = &maps[i];
        char *base = m->base;
        if (base != data)
            continue;
        found = 1;
        *changed = !unchanged(m);
        m->base = NULL; /* first: the handler no longer claims it */
        munmap(base, m->room);
        close(m->fd);
    }
    pthread_mutex_unlock(&maps_lock);
    return found;
}
