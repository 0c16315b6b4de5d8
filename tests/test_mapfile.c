/*
 * test_mapfile.c — the CLI's reading of input files (cli/readfile.c,
 * cli/mapfile.c) on real files in a temporary directory.
 *
 * 1. A large file read in two halves at once, and one mapped, hold the
 *    file's bytes with a NUL after them (the mapping: zero bytes too); a
 *    small file, standard input's name, a directory and a named pipe are
 *    not mapped (the pipe not even opened), nor is a large web page (the
 *    library converts it).
 * 2. A mapped file that another program changes is reported as changed
 *    when released; one that grows keeps its NUL where it was.
 * 3. A mapped file cut shorter while it is read: the access past its new
 *    end ends the process (a child here) with exit code 1 and the message
 *    "luoshi: PATH: the file shrank while it was read", not a crash.
 *
 * Usage: test_mapfile (no arguments; files in $TMPDIR or /tmp)
 */
#define _DEFAULT_SOURCE

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"

/* Large enough to be mapped and read in halves; not a whole number of
 * pages, so the NUL falls inside the file's last page. */
#define LARGE_BYTES (9u * 1000u * 1000u + 123u)

static char dir[256];

/* 'n' bytes of report-like text (UTF-8, lines) in a new buffer. */
static char *text_of(size_t n)
{
    static const char line[] = "全年地区生产总值增长5%左右，粮食产量稳定在25亿斤以上。\n";
    char *t = malloc(n + 1);
    size_t i;

    assert_non_null(t);
    for (i = 0; i < n; i++)
        t[i] = line[i % (sizeof line - 1)];
    t[n] = '\0';
    return t;
}

/* Writes 'n' bytes of 'bytes' to a new file 'name' of the test directory;
 * its path in 'path' (PATH_SIZE bytes). */
#define PATH_SIZE 512
static void write_file(const char *name, const char *bytes, size_t n, char *path)
{
    FILE *f;

    snprintf(path, PATH_SIZE, "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Sets the modification time of 'path' an hour back: a change made in the
 * same clock tick as the mapping is then still seen as a change. */
static void age(const char *path)
{
    struct timespec times[2];

    clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= 3600;
    times[1] = times[0];
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_large_file_bytes(void **state)
{
    char path[PATH_SIZE], why[LS_ERROR_MESSAGE_SIZE];
    char *text = text_of(LARGE_BYTES), *data = NULL;
    size_t len = 0, i;

    (void)state;
    write_file("large.txt", text, LARGE_BYTES, path);
    /* read (in halves: larger than 8 MB) */
    assert_int_equal(cli_read_file(path, &data, &len), 1);
    assert_int_equal(len, LARGE_BYTES);
    assert_memory_equal(data, text, len);
    assert_int_equal(data[len], '\0');
    assert_int_equal(cli_release_file(path, &data, why, sizeof why), 1);
    assert_null(data);
    /* mapped */
    assert_int_equal(cli_map_file(path, &data, &len), 1);
    assert_int_equal(len, LARGE_BYTES);
    assert_memory_equal(data, text, len);
    for (i = 0; i < 64; i++)
        assert_int_equal(data[len + i], '\0');
    assert_int_equal(cli_release_file(path, &data, why, sizeof why), 1);
    assert_null(data);
    free(text);
    unlink(path);
}

static void test_what_is_not_mapped(void **state)
{
    char path[PATH_SIZE], why[LS_ERROR_MESSAGE_SIZE];
    char *text = text_of(4000), *data = NULL, *held = malloc(8);
    size_t len = 0;
    int changed = 1;

    (void)state;
    write_file("small.txt", text, 4000, path);
    assert_int_equal(cli_map_file(path, &data, &len), 0);
    assert_int_equal(cli_map_file("-", &data, &len), 0);
    assert_int_equal(cli_map_file(dir, &data, &len), 0);
    assert_int_equal(cli_map_file("/no/such/file", &data, &len), 0);
    /* a named pipe is not even opened (that would wait for a writer):
     * an alarm turns such a wait into a failure */
    {
        char fifo[PATH_SIZE];
        snprintf(fifo, sizeof fifo, "%s/pipe.txt", dir);
        assert_int_equal(mkfifo(fifo, 0600), 0);
        alarm(10);
        assert_int_equal(cli_map_file(fifo, &data, &len), 0);
        alarm(0);
        unlink(fifo);
    }
    /* a small file is read instead, and released by free() */
    assert_int_equal(cli_map_read_file(path, &data, &len), 1);
    assert_int_equal(len, 4000);
    assert_memory_equal(data, text, len);
    assert_int_equal(cli_unmap(data, &changed), 0);
    assert_int_equal(changed, 0);
    assert_int_equal(cli_release_file(path, &data, why, sizeof why), 1);
    /* a web page of 2 MB is read, not mapped: the library converts it
     * (ls_doc_converts), and its readers must not see it change */
    {
        size_t n = 2u << 20;
        char *page = text_of(n), *got = NULL;
        memcpy(page, "<html><body>", 12);
        write_file("page.html", page, n, path);
        assert_int_equal(cli_map_read_file(path, &got, &len), 1);
        assert_int_equal(len, n);
        assert_memory_equal(got, page, n);
        assert_int_equal(cli_unmap(got, &changed), 0);
        assert_int_equal(cli_release_file(path, &got, why, sizeof why), 1);
        free(page);
        unlink(path);
    }
    /* memory of malloc is no mapping */
    assert_non_null(held);
    assert_int_equal(cli_unmap(held, &changed), 0);
    free(held);
    free(text);
    unlink(path);
}

static void test_changed_while_mapped(void **state)
{
    char path[PATH_SIZE], why[LS_ERROR_MESSAGE_SIZE];
    char *text = text_of(LARGE_BYTES), *data = NULL;
    size_t len = 0;
    int fd;

    (void)state;
    /* a byte rewritten in place */
    write_file("changed.txt", text, LARGE_BYTES, path);
    age(path);
    assert_int_equal(cli_map_file(path, &data, &len), 1);
    fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, "X", 1, 100), 1);
    assert_int_equal(close(fd), 0);
    memset(why, 0, sizeof why);
    assert_int_equal(cli_release_file(path, &data, why, sizeof why), 0);
    assert_null(data);
    assert_non_null(strstr(why, "changed.txt: the file changed while it was read"));
    /* bytes appended: the NUL after the mapped length stays */
    age(path);
    assert_int_equal(cli_map_file(path, &data, &len), 1);
    fd = open(path, O_WRONLY | O_APPEND);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "more text", 9), 9);
    assert_int_equal(close(fd), 0);
    assert_int_equal(data[len], '\0');
    assert_int_equal(cli_release_file(path, &data, why, sizeof why), 0);
    /* unchanged: released without a word */
    assert_int_equal(cli_map_file(path, &data, &len), 1);
    assert_int_equal(cli_release_file(path, &data, why, sizeof why), 1);
    free(text);
    unlink(path);
}

static void test_shrank_while_mapped(void **state)
{
    char path[PATH_SIZE], message[1024];
    char *text = text_of(LARGE_BYTES);
    int out[2], status = 0;
    ssize_t got;
    pid_t child;

    (void)state;
    write_file("shrank.txt", text, LARGE_BYTES, path);
    assert_int_equal(pipe(out), 0);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        char *data = NULL;
        size_t len = 0;
        volatile char last;
        dup2(out[1], STDERR_FILENO);
        if (!cli_map_file(path, &data, &len) || truncate(path, 1000) != 0)
            _exit(3);
        last = data[len / 2]; /* past the new end: SIGBUS */
        (void)last;
        _exit(0);
    }
    close(out[1]);
    got = read(out[0], message, sizeof message - 1);
    close(out[0]);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), EXIT_INPUT);
    assert_true(got > 0);
    message[got] = '\0';
    assert_non_null(strstr(message, "luoshi: "));
    assert_non_null(strstr(message, "shrank.txt: the file shrank while it was read\n"));
    free(text);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_file_bytes),
        cmocka_unit_test(test_what_is_not_mapped),
        cmocka_unit_test(test_changed_while_mapped),
        cmocka_unit_test(test_shrank_while_mapped),
    };
    const char *tmp = getenv("TMPDIR");
    int failed;

    snprintf(dir, sizeof dir, "%s/test_mapfile.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("test_mapfile: mkdtemp");
        return 1;
    }
    failed = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(dir);
    return failed;
}
