/*
 * bench_extract.c — throughput and peak memory of decoding and extraction.
 *
 * `bench_extract FIXTURE_DIR [--mb N] [--big] [--cores]` repeats the
 * reports (*.txt of FIXTURE_DIR) to N MB (default 50, MB = 10^6 bytes;
 * --big adds 1000) and times ls_doc_new and ls_doc_extract, best of 3, wall
 * time of the library's work only: file reading is not timed. Then it
 * checks that pathological inputs (digits, 一, （一）...) take linear time.
 * With --cores it says how many cores it may use and times the main input
 * alone (bench/run.sh runs it on one core first, then on all). On one core
 * it also times the prefilter's scans alone. Each measurement runs in a child under
 * alarm(), so ru_maxrss is its own peak and nothing can hang the run.
 */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "luoshi.h"
#include "input.h"     /* ls_utf8_simd_prefix */
#include "ordered.h"   /* ls_cores_allowed */
#include "prefilter.h" /* the scans timed alone */

#define MB 1000000.0
#define RUNS 3
#define GOAL_MB_S 100.0
/* The goal of issue 3 for everything `luoshi parse` computes. */
#define PARSE_GOAL_MB_S 50.0
#define DEFAULT_MB 50
#define BIG_MB 1000
#define MAX_REPORTS 64
#define PATH_SIZE 4096
/* Seconds one run may take before the measurement counts as a hang. */
#define LIMIT_MAIN 300
#define LIMIT_PATTERN 5
/* A pathological input is timed at 1 MB and 4 MB; one over the limit is
 * retried four times smaller, down to PATTERN_MIN_BYTES. The reports are
 * timed at 10 MB and 40 MB, where their headings are many. */
#define PATTERN_BYTES 1000000
#define PATTERN_MIN_BYTES 4096
#define REPORTS_GROWTH_BYTES 10000000
/* Time ratios for 4x the input above this are not linear. */
#define RATIO_MAX 6.0

/* What one child measured. */
typedef struct {
    size_t input;    /* bytes given to ls_doc_new */
    size_t mentions; /* found by ls_doc_extract */
    double decode;   /* best seconds of ls_doc_new */
    double extract;  /* best seconds of ls_doc_extract */
    double total;    /* best seconds of both in one run */
    double parse;    /* best seconds of all luoshi parse computes: + tasks and links */
    double jsonl;    /* best seconds of writing the mentions as JSONL (ls_mentions_stream) */
    double json;     /* best seconds of writing the whole document (ls_doc_stream_json) */
    size_t jsonl_bytes, json_bytes; /* what they wrote */
    size_t tasks;    /* tasks and achievements found by ls_doc_tasks */
    long base_kb;    /* ru_maxrss before the first ls_doc_new */
    long peak_kb;    /* ru_maxrss after the last run */
    size_t rounds;   /* copies of the reports or pattern in the input */
    int decoded;     /* runs whose ls_doc_new finished */
    int runs;        /* runs whose ls_doc_extract finished too */
    int failed;      /* the library returned an error */
} result;

/* The reports, read once by the parent. */
typedef struct {
    char *data[MAX_REPORTS];
    size_t len[MAX_REPORTS];
    int count;
} reports;

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The peak resident set of this process so far, in KiB. */
static long maxrss_kb(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* kilobytes on Linux */
}

/* Reads the file 'path' into '*data' (malloc) and '*len'; 0 on failure. */
static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    int ok = 0;

    *data = NULL;
    if (!f || fstat(fileno(f), &st) != 0 || !(*data = malloc((size_t)st.st_size + 1)))
        goto done;
    *len = fread(*data, 1, (size_t)st.st_size, f);
    ok = *len == (size_t)st.st_size;
done:
    if (!ok)
        fprintf(stderr, "bench_extract: cannot read %s: %s\n", path, strerror(errno));
    if (f)
        fclose(f);
    return ok;
}

/* qsort order of two file names. */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every *.txt of 'dir' into 'r', in name order; 0 on failure. */
static int read_reports(const char *dir, reports *r)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[MAX_REPORTS], path[PATH_SIZE];
    int n = 0, i, ok = 1;
    size_t len;

    if (!d) {
        fprintf(stderr, "bench_extract: cannot open %s: %s\n", dir, strerror(errno));
        return 0;
    }
    while ((e = readdir(d)) != NULL && n < MAX_REPORTS) {
        len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0 &&
            (names[n] = strdup(e->d_name)) != NULL)
            n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    r->count = 0;
    for (i = 0; i < n; i++) {
        if (ok && snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path &&
            read_file(path, &r->data[r->count], &r->len[r->count]))
            r->count++;
        else
            ok = 0;
        free(names[i]);
    }
    if (ok && r->count == 0)
        fprintf(stderr, "bench_extract: no *.txt report in %s\n", dir);
    return ok && r->count > 0;
}

/* A new buffer (malloc) of whole copies of the 'count' pieces 'piece'/'len'
 * (each followed by 'sep'), at least 'want' bytes long; its length goes to
 * '*out_len' and the number of rounds to '*rounds'. NULL if out of memory. */
static char *repeat(char *const *piece, const size_t *len, int count, const char *sep, size_t want,
                    size_t *out_len, size_t *rounds)
{
    size_t unit = 0, n, at = 0, s = strlen(sep), k;
    char *buf;
    int i;

    for (i = 0; i < count; i++)
        unit += len[i] + s;
    n = (want + unit - 1) / unit;
    buf = malloc(n * unit);
    if (!buf)
        return NULL;
    for (k = 0; k < n; k++) {
        for (i = 0; i < count; i++) {
            memcpy(buf + at, piece[i], len[i]);
            memcpy(buf + at + len[i], sep, s);
            at += len[i] + s;
        }
    }
    *out_len = at;
    *rounds = n;
    return buf;
}

/* Sends 'res' as it stands to the parent on 'fd', so that a run killed by
 * alarm() still reports what it finished. */
static void send_result(int fd, result *res)
{
    res->peak_kb = maxrss_kb();
    if (write(fd, res, sizeof *res) != (ssize_t)sizeof *res)
        _exit(1);
}

/* A writer's sink that counts the bytes in the size_t 'ctx'. */
static int count_bytes(void *ctx, const char *bytes, size_t n)
{
    (void)bytes;
    *(size_t *)ctx += n;
    return 1;
}

/* Times decode and extraction of the 'len' bytes at 'buf' RUNS times into
 * 'res', keeping the best of each, and sends 'res' to 'fd' after each step.
 * Only one document lives at a time. */
static void measure(const char *buf, size_t len, result *res, int fd)
{
    double t0, t1, t2, t3, t4, t5;
    ls_doc *doc;
    ls_error err;
    int r;

    res->input = len;
    res->decode = res->extract = res->total = res->parse = res->jsonl = res->json = 1e300;
    res->base_kb = maxrss_kb();
    for (r = 0; r < RUNS; r++) {
        t0 = now();
        if (ls_doc_new(buf, len, &doc, &err) != LS_OK) {
            fprintf(stderr, "bench_extract: %s\n", err.message);
            res->failed = 1;
            return;
        }
        t1 = now();
        res->decode = t1 - t0 < res->decode ? t1 - t0 : res->decode;
        res->decoded = r + 1;
        send_result(fd, res);
        if (ls_doc_extract(doc, &err) != LS_OK) {
            fprintf(stderr, "bench_extract: %s\n", err.message);
            res->failed = 1;
        }
        t2 = now();
        /* the rest of the document: clauses of the plan and review, links */
        if (ls_doc_tasks(doc, &err) != LS_OK || ls_doc_link(doc, &err) != LS_OK) {
            fprintf(stderr, "bench_extract: %s\n", err.message);
            res->failed = 1;
        }
        t3 = now();
        /* what the commands write, into a sink that only counts */
        res->jsonl_bytes = res->json_bytes = 0;
        if (ls_mentions_stream(doc, LS_FMT_JSONL, NULL, LS_WRITE_WHOLE, 1, count_bytes,
                               &res->jsonl_bytes, &err) != LS_OK)
            res->failed = 1;
        t4 = now();
        if (ls_doc_stream_json(doc, "bench.txt", count_bytes, &res->json_bytes, &err) != LS_OK)
            res->failed = 1;
        t5 = now();
        res->jsonl = t4 - t3 < res->jsonl ? t4 - t3 : res->jsonl;
        res->json = t5 - t4 < res->json ? t5 - t4 : res->json;
        res->mentions = ls_doc_mention_count(doc);
        res->tasks = ls_doc_task_count(doc);
        ls_doc_free(doc);
        res->extract = t2 - t1 < res->extract ? t2 - t1 : res->extract;
        res->total = t2 - t0 < res->total ? t2 - t0 : res->total;
        res->parse = t3 - t0 < res->parse ? t3 - t0 : res->parse;
        res->runs = r + 1;
        send_result(fd, res);
    }
}

/* What a child builds and measures: the reports, or a pattern. */
typedef struct {
    const reports *reps; /* when not NULL: repeat these */
    const char *pattern; /* else repeat this */
    size_t bytes;        /* at least this many bytes */
} job;

/* In the child: builds the input of 'j' and measures it, sending the
 * result to 'fd'. */
static void run_job(const job *j, int fd)
{
    result res;
    char *buf, *one[1];
    size_t len = 0, one_len[1];

    memset(&res, 0, sizeof res);
    if (j->reps) {
        buf =
            repeat(j->reps->data, j->reps->len, j->reps->count, "\n", j->bytes, &len, &res.rounds);
    } else {
        one[0] = (char *)j->pattern;
        one_len[0] = strlen(j->pattern);
        buf = repeat(one, one_len, 1, "", j->bytes, &len, &res.rounds);
    }
    if (!buf) {
        fprintf(stderr, "bench_extract: out of memory building %zu bytes\n", j->bytes);
        _exit(1);
    }
    measure(buf, len, &res, fd);
    free(buf);
    _exit(res.failed ? 1 : 0);
}

/* Runs 'j' in a child process killed after RUNS times 'limit' seconds (and
 * one for building the input), and fills 'res' with the last result it
 * sent. Returns 1 when all runs finished, 0 on a timeout ('res' then holds
 * the runs that did), -1 when the child failed. */
static int run_child(const job *j, unsigned limit, result *res)
{
    int fd[2], status, got = 0;
    pid_t pid;
    result msg;

    if (pipe(fd) != 0 || (pid = fork()) < 0) {
        perror("bench_extract: fork");
        return -1;
    }
    if (pid == 0) {
        close(fd[0]);
        alarm(RUNS * limit + 1);
        run_job(j, fd[1]);
    }
    close(fd[1]);
    memset(res, 0, sizeof *res);
    /* each message is smaller than PIPE_BUF, so it arrives whole */
    while (read(fd[0], &msg, sizeof msg) == (ssize_t)sizeof msg) {
        *res = msg;
        got = 1;
    }
    close(fd[0]);
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        return 0;
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return res->runs == RUNS ? 1 : -1;
}

/* Throughput of 'bytes' in 'seconds', in MB/s. */
static double mb_s(size_t bytes, double seconds)
{
    return bytes / MB / seconds;
}

/* Measures the reports repeated to 'mb' MB and prints the figures; a run
 * over the time limit prints what finished before it. Returns 1 if all
 * runs finished. */
static int bench_reports(const reports *reps, size_t total, size_t mb)
{
    job j = {reps, NULL, mb * (size_t)MB};
    result r;
    int got = run_child(&j, LIMIT_MAIN, &r);
    double peak = r.peak_kb * 1024.0;

    if (r.decoded == 0) {
        fprintf(stderr, "bench_extract: the %zu MB input failed to decode\n", mb);
        return 0;
    }
    printf("input: %d reports (%zu bytes) x %zu = %.1f MB\n", reps->count, total, r.rounds,
           r.input / MB);
    printf("  decode   ls_doc_new       %8.1f MB/s  %7.3f s\n", mb_s(r.input, r.decode), r.decode);
    if (r.runs == 0) {
        printf("  extract  ls_doc_extract   did not finish in %d s\n", RUNS * LIMIT_MAIN);
    } else {
        printf("  extract  ls_doc_extract   %8.1f MB/s  %7.3f s\n", mb_s(r.input, r.extract),
               r.extract);
        printf("  total    new + extract    %8.1f MB/s  %7.3f s   goal >= %.0f MB/s: %s\n",
               mb_s(r.input, r.total), r.total, GOAL_MB_S,
               mb_s(r.input, r.total) >= GOAL_MB_S ? "met" : "NOT MET");
        printf("  parse    + tasks + links  %8.1f MB/s  %7.3f s   goal >= %.0f MB/s: %s\n",
               mb_s(r.input, r.parse), r.parse, PARSE_GOAL_MB_S,
               mb_s(r.input, r.parse) >= PARSE_GOAL_MB_S ? "met" : "NOT MET");
        printf("  write    JSONL mentions   %8.1f MB/s  %7.3f s   (%.1f MB written)\n",
               mb_s(r.input, r.jsonl), r.jsonl, r.jsonl_bytes / MB);
        printf("  write    JSON document    %8.1f MB/s  %7.3f s   (%.1f MB written)\n",
               mb_s(r.input, r.json), r.json, r.json_bytes / MB);
        printf("  luoshi extract (JSONL)    %8.1f MB/s  %7.3f s   decode + extract + write\n",
               mb_s(r.input, r.total + r.jsonl), r.total + r.jsonl);
        printf("  luoshi parse   (JSON)     %8.1f MB/s  %7.3f s   parse + write\n",
               mb_s(r.input, r.parse + r.json), r.parse + r.json);
        printf("  mentions %zu, tasks and achievements %zu\n", r.mentions, r.tasks);
    }
    printf("  peak memory %.1f MB = %.2f x input (input buffer included; library alone "
           "%.2f x)%s\n",
           peak / MB, peak / r.input, (r.peak_kb - r.base_kb) * 1024.0 / r.input,
           r.runs ? "" : " before extraction ended");
    return got == 1;
}

/* Prints 'pattern' with each line end shown as \n. */
static void print_pattern(const char *pattern)
{
    for (; *pattern; pattern++) {
        if (*pattern == '\n')
            fputs("\\n", stdout);
        else
            putchar(*pattern);
    }
    putchar('\n');
}

/* The seconds of everything the reading commands do: decode, extract,
 * tasks and links, and write the mentions and the document. */
static double whole(const result *r)
{
    return r->parse + r->jsonl + r->json;
}

/* Times the input of 'small' ('small.bytes' to start) and 4 times as much,
 * shrinking it 4x at a time while the smaller one is over 'limit' seconds a
 * run; prints one line. Returns 1 when linear at the first size, 0 when
 * not, -1 when a child failed. */
static int bench_growth(const char *name, job small, unsigned limit)
{
    const char *what = small.pattern ? small.pattern : "the reports of the main input";
    size_t first = small.bytes;
    job large;
    result rs, rl;
    int got = 0;
    double ratio;

    while (small.bytes >= PATTERN_MIN_BYTES && (got = run_child(&small, limit, &rs)) == 0)
        small.bytes /= 4;
    if (got != 1) {
        printf("  %-16s over %u s even at %zu bytes  NOT LINEAR  ", name, limit, small.bytes * 4);
        print_pattern(what);
        return got == 0 ? 0 : -1;
    }
    large = small;
    large.bytes = 4 * rs.input;
    /* after a shrink, 4x the size is the one that was already over the limit */
    got = small.bytes < first ? 0 : run_child(&large, limit, &rl);
    if (got != 1) {
        printf("  %-16s %9zu B %8.4f s  %9zu B  over %u s  ratio > %-5.0f NOT LINEAR  ", name,
               rs.input, rs.total, large.bytes, limit, limit / rs.total);
        print_pattern(what);
        return got == 0 ? 0 : -1;
    }
    ratio = whole(&rl) / whole(&rs);
    if (ratio > RATIO_MAX && small.pattern && small.bytes == first) {
        /* confirmed a size up (4x and 16x): a smaller
         * input's data stays in the cache and a larger one's does not,
         * which costs a constant factor once, where work that grows faster
         * than the input grows faster again */
        job big = large;
        result rm = rl, rb;
        int tries;
        big.bytes = 4 * rl.input;
        /* twice at most (the 4x input measured again the second time): on
         * a VM a run's fresh memory may cost several times another's
         * (docs/performance.md) */
        for (tries = 0; tries < 2; tries++)
            if ((tries == 0 || run_child(&large, limit, &rm) == 1) &&
                run_child(&big, 4 * limit, &rb) == 1 && whole(&rb) / whole(&rm) <= RATIO_MAX)
                break;
        if (tries < 2) {
            printf("  %-16s %9zu B %8.4f s  %9zu B %8.4f s  ratio %5.2f (%.2f from %zu B) ok  ",
                   name, rm.input, whole(&rm), rb.input, whole(&rb), whole(&rb) / whole(&rm),
                   ratio, rs.input);
            print_pattern(what);
            return 1;
        }
    }
    printf("  %-16s %9zu B %8.4f s  %9zu B %8.4f s  ratio %5.2f %-10s  ", name, rs.input,
           whole(&rs), rl.input, whole(&rl), ratio, ratio <= RATIO_MAX ? "ok" : "NOT LINEAR");
    print_pattern(what);
    return ratio <= RATIO_MAX;
}

/* The linear-growth check (docs/performance.md): pathological inputs must pass, and
 * their time for 4x the input must be about 4x. "1吨" and "增长1%" repeated
 * have no punctuation, so one clause runs to the end of the input; the
 * reports themselves have many headings. For the prefilter (prefilter.c):
 * text with no numeral at all, near misses that share the lead and second
 * byte of 一 七 万 (专 与 丁), marks only, and a numeral every 17 bytes, so
 * across the 16-byte blocks. For the clauses (tasks.c): a name suffix at
 * every character of one clause (项目…: each name is looked for back from
 * its suffix, no further than a name can be), lists of names before a
 * count, list items (二是), quotation marks around ! (a ! inside quotes
 * ends no clause), and ** markers (dropped by the fold, each a mark of
 * the offset map). Returns 0 if one is not linear. */
static int bench_growths(const reports *reps)
{
    static const struct {
        const char *name, *pattern;
    } cases[] = {
        {"digits", "1234567890"}, {"yi", "一"},
        {"paren-yi", "（一）"},   {"paren-yi-lines", "（一）\n"},
        {"tons-no-punct", "1吨"}, {"rates-no-punct", "增长1%"},
        {"no-numeral", "的"},     {"near-miss", "专与丁"},
        {"marks", "。；"},        {"sparse-yi", "的的的的一xx"},
        {"name-suffixes", "项目"}, {"name-lists", "甲、乙、3个"},
        {"item-marks", "二是"},   {"quotes", "“！”"},
        {"stars", "**"},
    };
    size_t i;
    int ok = 1;

    printf("linear growth: best of %d, all that parse and extract do (decode, mentions, tasks,\n"
           "links, writing JSONL and JSON), 4x the input should take about 4x (ok up to %.0fx;\n"
           "a pattern over it is measured again a size up, 4x to 16x)\n",
           RUNS, RATIO_MAX);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ok &= bench_growth(cases[i].name, (job){NULL, cases[i].pattern, PATTERN_BYTES},
                           LIMIT_PATTERN) == 1;
    ok &= bench_growth("reports", (job){reps, NULL, REPORTS_GROWTH_BYTES}, LIMIT_MAIN) == 1;
    return ok;
}

/* The prefilter's scans (prefilter.c) and the UTF-8 check (utf8_simd.c)
 * alone over the reports repeated to SCAN_BYTES: each scan walked from hit
 * to hit as its callers do, best of RUNS; the SIMD width each takes is
 * chosen by the CPU (AVX2, else SSSE3, else SSE2). */
#define SCAN_BYTES 20000000

static void bench_scans(const reports *reps)
{
    static const struct {
        const char *name;
        size_t (*scan)(const char *s, size_t pos, size_t len);
    } scans[] = {
        {"numeral", ls_prefilter_numeral}, {"mark", ls_prefilter_mark},
        {"fold", ls_prefilter_fold},       {"clause", ls_prefilter_clause},
        {"digit", ls_prefilter_digit},     {"json", ls_prefilter_json_special},
    };
    size_t len, rounds, i, hits, pos;
    char *buf = repeat(reps->data, reps->len, reps->count, "\n", SCAN_BYTES, &len, &rounds);
    double best, t;
    int r;

    if (!buf) {
        fprintf(stderr, "bench_extract: out of memory building the scans' input\n");
        return;
    }
    printf("scans: each over %.1f MB of the reports, hit to hit, best of %d (CPU: %s)\n",
           len / MB, RUNS,
           __builtin_cpu_supports("avx2")    ? "AVX2"
           : __builtin_cpu_supports("ssse3") ? "SSSE3"
                                             : "SSE2 or none");
    for (i = 0; i < sizeof scans / sizeof scans[0]; i++) {
        best = 1e9;
        hits = 0;
        for (r = 0; r < RUNS; r++) {
            t = now();
            hits = 0;
            for (pos = scans[i].scan(buf, 0, len); pos < len; pos = scans[i].scan(buf, pos + 1, len))
                hits++;
            t = now() - t;
            best = t < best ? t : best;
        }
        printf("  %-8s %8.1f MB/s  %9zu hits\n", scans[i].name, mb_s(len, best), hits);
    }
    best = 1e9;
    for (r = 0; r < RUNS; r++) {
        t = now();
        pos = ls_utf8_simd_prefix((const unsigned char *)buf, len);
        t = now() - t;
        best = t < best ? t : best;
    }
    printf("  %-8s %8.1f MB/s  %9zu bytes found valid\n", "utf8", mb_s(len, best), pos);
    free(buf);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_extract FIXTURE_DIR [--mb N] [--big] [--cores]\n");
}

int main(int argc, char **argv)
{
    reports reps;
    size_t total = 0, mb = DEFAULT_MB;
    int i, big = 0, cores = 0, ok;

    if (argc < 2) {
        usage();
        return 2;
    }
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--cores") == 0) {
            cores = 1;
        } else if (strcmp(argv[i], "--big") == 0) {
            big = 1;
        } else if (strcmp(argv[i], "--mb") == 0 && i + 1 < argc && atol(argv[i + 1]) > 0) {
            mb = (size_t)atol(argv[++i]);
        } else {
            usage();
            return 2;
        }
    }
    if (!read_reports(argv[1], &reps))
        return 1;
    for (i = 0; i < reps.count; i++)
        total += reps.len[i];
    /* stdout is a pipe under make: show each line as it is measured */
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (cores) {
        /* the library on every core it may use: extraction and the tasks
         * of `parse` run on threads (extract.c, report_doc.c) */
        printf("luoshi bench: %zu core(s) allowed, best of %d, wall time of the library only "
               "(MB = 10^6 bytes)\n",
               ls_cores_allowed(), RUNS);
        ok = bench_reports(&reps, total, mb);
    } else {
        printf("luoshi bench: one core, best of %d, wall time of the library only "
               "(MB = 10^6 bytes)\n",
               RUNS);
        ok = bench_reports(&reps, total, mb);
        bench_scans(&reps);
        if (big)
            ok &= bench_reports(&reps, total, BIG_MB);
        ok &= bench_growths(&reps);
    }
    for (i = 0; i < reps.count; i++)
        free(reps.data[i]);
    return ok ? 0 : 1;
}
