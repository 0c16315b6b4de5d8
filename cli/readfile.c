/*
 * readfile.c — reading a whole input file for a subcommand, and printing
 * library errors with the file name in front.
 *
 * Files are read in one piece (the library works on memory; a large
 * regular file in two halves at once, or mapped by mapfile.c for a command
 * that asks cli_map_read_file); a directory, a missing or unreadable file
 * is a clear error naming the path.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"

#define READ_CHUNK (1u << 20)

/* Reads 'f' to its end into 'buf' ('*n' bytes held already, room for
 * 'cap' and a NUL), growing it; sets '*data' and '*len' (NUL-terminated)
 * or frees it and returns 0 on failure. */
static int read_rest(FILE *f, char *buf, size_t n, size_t cap, char **data, size_t *len)
{
    size_t got;
    char *p;

    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            if (cap > ((size_t)-1) / 4) {
                free(buf);
                errno = EFBIG;
                return 0;
            }
            p = realloc(buf, cap * 2 + 1);
            if (!p) {
                free(buf);
                return 0;
            }
            buf = p;
            cap *= 2;
        }
    }
    if (ferror(f)) {
        free(buf);
        return 0;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 1;
}

/* Reads 'f' to its end into a growing buffer, first as large as 'hint'
 * bytes (a regular file's size: read in one buffer of its size, not one of
 * up to twice it); returns 0 on failure. */
static int read_all(FILE *f, size_t hint, char **data, size_t *len)
{
    size_t cap = hint > 0 && hint < ((size_t)-1) / 4 ? hint + 1 : READ_CHUNK;
    char *buf = malloc(cap + 1);

    ls_alloc_hint_huge(buf, cap + 1);
    return buf && read_rest(f, buf, 0, cap, data, len);
}

/* A regular file this large is read in two halves at once, one on a
 * thread of its own: copying it from the page cache into fresh memory is
 * half of the time of the rest of a run's single-threaded start. */
#define READ_HALVES_MIN (8u << 20)

/* One half of a file read by pread: 'want' bytes at 'at' into 'buf'. */
typedef struct {
    int fd;
    char *buf;
    size_t at, want;
    int ok;
} half;

static void *read_half(void *arg)
{
    half *h = arg;
    size_t got = 0;
    ssize_t n;

    while (got < h->want) {
        n = pread(h->fd, h->buf + h->at + got, h->want - got, (off_t)(h->at + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    h->ok = got == h->want;
    return NULL;
}

/* Reads the 'size' bytes a regular file 'f' had at open in two halves at
 * once, then what it may have grown by; 1 on success ('*data', '*len' as
 * read_all sets them), 0 when the halves could not be read as they were
 * (a file that shrank, a thread that could not start, a read error): then
 * the file is read again from its start, as read_all reads it. */
static int read_halves(FILE *f, size_t size, char **data, size_t *len)
{
    char *buf = malloc(size + 1 + READ_CHUNK);
    half h[2];
    pthread_t thread;

    if (!buf)
        return 0;
    ls_alloc_hint_huge(buf, size + 1 + READ_CHUNK);
    h[0] = (half){fileno(f), buf, 0, size / 2, 0};
    h[1] = (half){fileno(f), buf, size / 2, size - size / 2, 0};
    if (pthread_create(&thread, NULL, read_half, &h[1]) != 0) {
        free(buf);
        return 0;
    }
    read_half(&h[0]);
    pthread_join(thread, NULL);
    if (!h[0].ok || !h[1].ok || fseeko(f, (off_t)size, SEEK_SET) != 0) {
        free(buf);
        return 0;
    }
    /* a file that grew since: the rest as read_all reads it */
    return read_rest(f, buf, size, size + READ_CHUNK, data, len);
}

int cli_load_file(const char *path, char **data, size_t *len, char *why, size_t size)
{
    struct stat st;
    size_t hint = 0;
    FILE *f;
    int ok, halves;

    if (strcmp(path, "-") == 0)
        f = stdin;
    else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(why, size, "%s: is a directory, expected a report file", path);
        return 0;
    } else if (!(f = fopen(path, "rb"))) {
        snprintf(why, size, "%s: cannot open: %s", path, strerror(errno));
        return 0;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        hint = (size_t)st.st_size;
    errno = 0;
    /* only a regular file is read in halves, and read again from its start
     * when that fails: a pipe (mkfifo, <(...)) cannot seek */
    halves = hint >= READ_HALVES_MIN && f != stdin;
    ok = halves && read_halves(f, hint, data, len);
    if (!ok) {
        clearerr(f);
        errno = 0;
        ok = (!halves || fseeko(f, 0, SEEK_SET) == 0) && read_all(f, hint, data, len);
    }
    if (!ok)
        snprintf(why, size, "%s: cannot read: %s", path, errno ? strerror(errno) : "read error");
    if (f != stdin)
        fclose(f);
    return ok;
}

int cli_read_file(const char *path, char **data, size_t *len)
{
    char why[LS_ERROR_MESSAGE_SIZE];

    if (cli_load_file(path, data, len, why, sizeof why))
        return 1;
    fprintf(stderr, "luoshi: %s\n", why);
    return 0;
}

/* True when the message of 'err' begins with the file's name or path: a
 * reader that names the file itself (a Word document, a PDF). */
static int names_file(const char *path, const ls_error *err)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strlen(base), m = strlen(path);

    return (strncmp(err->message, base, n) == 0 && strncmp(err->message + n, ": ", 2) == 0) ||
           (strncmp(err->message, path, m) == 0 && strncmp(err->message + m, ": ", 2) == 0);
}

void cli_report_text(const char *path, const ls_error *err, char *out, size_t size)
{
    if (names_file(path, err))
        snprintf(out, size, "luoshi: %s\n", err->message);
    else
        snprintf(out, size, "luoshi: %s: %s\n", path, err->message);
}

void cli_report(const char *path, const ls_error *err)
{
    if (names_file(path, err))
        fprintf(stderr, "luoshi: %s\n", err->message);
    else
        fprintf(stderr, "luoshi: %s: %s\n", path, err->message);
}

int cli_stdout_sink(void *ctx, const char *bytes, size_t n)
{
    (void)ctx;
    return fwrite(bytes, 1, n, stdout) == n;
}

int cli_map_read_file(const char *path, char **data, size_t *len)
{
    int changed;

    /* a Word document, a PDF or a web page is read: its readers read it
     * more than once, and must not see it change meanwhile */
    if (cli_map_file(path, data, len)) {
        if (!ls_doc_converts(*data, *len))
            return 1;
        cli_unmap(*data, &changed);
        *data = NULL;
    }
    return cli_read_file(path, data, len);
}

int cli_release_file(const char *path, char **data, char *why, size_t size)
{
    int changed = 0;

    if (!cli_unmap(*data, &changed))
        free(*data);
    *data = NULL;
    if (changed)
        snprintf(why, size, "%s: the file changed while it was read", path);
    return !changed;
}

ls_status cli_open_doc(const char *path, char **data, size_t len, ls_doc **doc, ls_error *err)
{
    ls_status st = ls_doc_read_in_place(path, *data, len, doc, err);
    char why[LS_ERROR_MESSAGE_SIZE];

    /* converted text is the document's own: the file's bytes go now, so
     * that they, the text and its folded copy are never held at once */
    if (*doc && ls_doc_text(*doc, NULL) != *data &&
        !cli_release_file(path, data, why, sizeof why)) {
        ls_doc_free(*doc);
        *doc = NULL;
        st = LS_EIO;
        if (err) {
            err->code = st;
            err->offset = LS_NO_OFFSET;
            err->line = 0;
            snprintf(err->message, sizeof err->message, "%s", why);
        }
    }
    return st;
}
