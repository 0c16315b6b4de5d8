/*
 * bench_store.c — the ledger at scale (make bench): imports N reports
 * (default 10,000) into a store (the first fifth by one ls_store_import
 * call each, the rest by ls_store_import_each), then times the queries an analyst and an
 * office run on it: the comparison of one metric across every government
 * and year, all targets of one government, a commitment check, and a
 * filtered `tasks` query (goal: under 50 ms on 10,000 reports).
 *
 * `bench_store FIXTURE_DIR STORE [N]`: the reports are the corpus reports
 * of FIXTURE_DIR (the .txt files there, in corpus/ and corpus/provinces-2026/), each made distinct by a line
 * naming its copy, spread over N/10 governments and the years 2015–2024,
 * so that every government has ten consecutive years to compare. STORE is
 * a new SQLite file or an empty PostgreSQL database (a URL).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "luoshi.h"

#define MAX_REPORTS 256
#define YEARS 10

typedef struct {
    char *text;
    size_t len;
} report;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int read_file(const char *path, report *r)
{
    FILE *f = fopen(path, "rb");
    long n;

    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    r->text = malloc((size_t)n + 64);
    r->len = r->text ? fread(r->text, 1, (size_t)n, f) : 0;
    fclose(f);
    return r->text && r->len == (size_t)n;
}

/* The .txt reports of 'dir' (not its HTML pages), into 'reps'. */
static void read_dir(const char *dir, report *reps, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];

    while (d && (e = readdir(d)) && *n < MAX_REPORTS) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (read_file(path, &reps[*n]))
                (*n)++;
        }
    }
    if (d)
        closedir(d);
}

/* Report 'i': corpus text i % nreps with a line naming its copy (so that
 * no two are the same bytes), the government of its ten years in 'gov'.
 * The copy is free()d by the caller. */
static char *distinct_copy(const report *reps, size_t nreps, size_t i, char gov[64], size_t *len)
{
    const report *r = &reps[i % nreps];
    char *buf = malloc(r->len + 64);
    int k;

    if (!buf) {
        fprintf(stderr, "bench_store: out of memory\n");
        exit(1);
    }
    memcpy(buf, r->text, r->len);
    k = snprintf(buf + r->len, 64, "\n（第%zu份）\n", i);
    snprintf(gov, 64, "政府%04zu", i / YEARS);
    *len = r->len + (size_t)k;
    return buf;
}

/* The reports handed to ls_store_import_each: 'first' … n-1, each held
 * (its copy, its government's name) until it is done. */
typedef struct {
    const report *reps;
    size_t nreps, first, n;
    char *held[3];
    char gov[3][64];
    double t0;
    int failed;
} import_run;

static ls_status next_report(void *ctx, size_t k, ls_import_input *in, ls_error *err)
{
    import_run *run = ctx;
    size_t i = run->first + k, slot = k % 3;

    (void)err;
    if (i >= run->n)
        return LS_OK;
    free(run->held[slot]);
    run->held[slot] = distinct_copy(run->reps, run->nreps, i, run->gov[slot], &in->len);
    in->bytes = run->held[slot];
    in->source = "bench";
    in->gov = run->gov[slot];
    in->year = 2015 + (int)(i % YEARS);
    return LS_OK;
}

static int report_done(void *ctx, size_t k, ls_status st, const ls_import_result *res,
                       const ls_error *err)
{
    import_run *run = ctx;
    size_t i = run->first + k;

    (void)res;
    if (st != LS_OK) {
        fprintf(stderr, "bench_store: import %zu: %s\n", i, err->message);
        run->failed = 1;
        return 0;
    }
    if ((i + 1) % 1000 == 0)
        fprintf(stderr, "  %zu imported, %.1f reports/s\n", i + 1,
                (double)(k + 1) / (now() - run->t0));
    return 1;
}

static double timed_compare(ls_store *st, const char *metric, const char *gov, size_t *rows)
{
    ls_comparison out;
    ls_error err;
    double t = now();

    if (ls_store_compare(st, metric, gov, 0, 0, &out, &err) != LS_OK) {
        fprintf(stderr, "bench_store: compare: %s\n", err.message);
        exit(1);
    }
    t = now() - t;
    *rows = out.nmentions;
    ls_mem_free(out.mem);
    return t;
}

int main(int argc, char **argv)
{
    static report reps[MAX_REPORTS];
    size_t nreps = 0, n = 10000, i, rows, ones;
    import_run run;
    char dir[1024], gov[64], *buf;
    ls_store *st = NULL;
    ls_import_result res;
    ls_item_filter f;
    ls_commitment_list commitments;
    ls_item_list found;
    ls_error err;
    double t0, t;

    if (argc < 3) {
        fprintf(stderr, "usage: bench_store FIXTURE_DIR STORE [N]\n");
        return 2;
    }
    if (argc > 3)
        n = (size_t)atol(argv[3]);
    read_dir(argv[1], reps, &nreps);
    snprintf(dir, sizeof dir, "%s/corpus", argv[1]);
    read_dir(dir, reps, &nreps);
    snprintf(dir, sizeof dir, "%s/corpus/provinces-2026", argv[1]);
    read_dir(dir, reps, &nreps);
    if (nreps == 0 || ls_store_open(argv[2], &st, &err) != LS_OK) {
        fprintf(stderr, "bench_store: no reports, or %s\n", nreps ? err.message : "");
        return 1;
    }
    printf("bench_store: %zu reports from %zu corpus texts into %s\n", n, nreps,
           ls_store_is_url(argv[2]) ? "PostgreSQL" : "SQLite");
    /* the first fifth one ls_store_import call each, the rest by
     * ls_store_import_each (the next report read while one is stored) */
    ones = n / 5;
    t0 = now();
    for (i = 0; i < ones; i++) {
        size_t len;
        buf = distinct_copy(reps, nreps, i, gov, &len);
        if (ls_store_import(st, buf, len, "bench", gov, 2015 + (int)(i % YEARS), &res, &err) !=
            LS_OK) {
            fprintf(stderr, "bench_store: import %zu: %s\n", i, err.message);
            return 1;
        }
        free(buf);
    }
    t = now() - t0;
    if (ones > 0)
        printf("  import, one call each      %8.1f reports/s   %.1f s for %zu reports (one "
               "transaction each)\n",
               (double)ones / t, t, ones);
    memset(&run, 0, sizeof run);
    run.reps = reps;
    run.nreps = nreps;
    run.first = ones;
    run.n = n;
    run.t0 = t0 = now();
    if (ls_store_import_each(st, next_report, report_done, &run, &err) != LS_OK || run.failed)
        return 1;
    t = now() - t0;
    printf("  import, ls_store_import_each %6.1f reports/s   %.1f s for %zu reports (one "
           "transaction each, the next read while one is stored)\n",
           (double)(n - ones) / t, t, n - ones);
    t = timed_compare(st, "地区生产总值", NULL, &rows);
    printf("  compare --metric 地区生产总值 (all governments)   %8.1f ms   %zu mentions\n", t * 1e3,
           rows);
    t = timed_compare(st, NULL, "政府0007", &rows);
    printf("  compare --gov 政府0007 (ten years)              %8.1f ms   %zu mentions\n", t * 1e3,
           rows);
    t0 = now();
    if (ls_store_commitments(st, "政府0007", 2019, &commitments, &err) != LS_OK)
        return 1;
    printf("  commitments --gov 政府0007 --year 2019          %8.1f ms\n", (now() - t0) * 1e3);
    ls_mem_free(commitments.mem);
    memset(&f, 0, sizeof f);
    f.gov = "政府0007";
    f.year = 2020;
    f.text = "项目";
    f.as_of = "2020-06-30";
    t0 = now();
    if (ls_store_items(st, &f, &found, &err) != LS_OK)
        return 1;
    printf("  tasks --gov 政府0007 --year 2020 --text 项目      %8.1f ms   %zu rows (goal < 50 ms)\n",
           (now() - t0) * 1e3, found.n);
    ls_mem_free(found.mem);
    ls_store_close(st);
    for (i = 0; i < nreps; i++)
        free(reps[i].text);
    for (i = 0; i < 3; i++)
        free(run.held[i]);
    return 0;
}
