/*
 * replay_main.c — runs the fuzz target over saved inputs, without libFuzzer.
 *
 * `fuzz_replay DIR|FILE...` calls LLVMFuzzerTestOneInput once on each file
 * (each regular file directly inside each DIR), so CTest can replay the seed
 * corpus and the crash regressions of fuzz/corpus/ in every build, ASan
 * included. It does not mutate or search: that is libFuzzer's job
 * (fuzz/run.sh). A crash aborts here as it would there; the file being run
 * is printed first so that the log names it.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Room for a path made of a directory and one of its entries. */
#define PATH_SIZE 4096

/* Reads the file at 'path' into a new buffer in '*data' (malloc, the caller
 * frees) and its size into '*size'. Returns 0 after printing why it failed. */
static int read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL, *p;
    size_t cap = 0, len = 0, n;
    int ok = 0;

    if (!f) {
        fprintf(stderr, "fuzz_replay: cannot open %s: %s\n", path, strerror(errno));
        return 0;
    }
    /* grow geometrically: corpus files are small, crash inputs may not be */
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            if (!(p = realloc(buf, cap)))
                goto done;
            buf = p;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    ok = !ferror(f);
done:
    if (!ok) {
        fprintf(stderr, "fuzz_replay: cannot read %s\n", path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *data = buf;
    *size = len;
    return ok;
}

/* Runs the target on the file at 'path'; returns 0 if it could not be read. */
static int run_file(const char *path)
{
    uint8_t *data;
    size_t size;

    if (!read_file(path, &data, &size))
        return 0;
    fprintf(stderr, "fuzz_replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 1;
}

/* Runs the target on every regular file in the directory 'dir', adding the
 * count to '*runs'. Returns 0 if the directory or one of its files could
 * not be read. */
static int run_dir(const char *dir, long *runs)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat st;
    char path[PATH_SIZE];
    int ok = 1;

    if (!d) {
        fprintf(stderr, "fuzz_replay: cannot open directory %s: %s\n", dir, strerror(errno));
        return 0;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path) {
            fprintf(stderr, "fuzz_replay: path too long in %s\n", dir);
            ok = 0;
            continue;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (run_file(path))
            (*runs)++;
        else
            ok = 0;
    }
    closedir(d);
    return ok;
}

int main(int argc, char **argv)
{
    struct stat st;
    long runs = 0;
    int i, ok = 1;

    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_replay DIR|FILE...\n");
        return 2;
    }
    for (i = 1; i < argc; i++) {
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            ok &= run_dir(argv[i], &runs);
        else if (run_file(argv[i]))
            runs++;
        else
            ok = 0;
    }
    printf("fuzz_replay: %ld inputs run, none crashed\n", runs);
    /* an empty corpus is a broken test, not a pass */
    return ok && runs > 0 ? 0 : 1;
}
