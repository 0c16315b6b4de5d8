/*
 * fuzz_fengong.c — libFuzzer target for reading an office's 分工方案
 * (src/ledger/fengong_read.c, unit_names.c, due.c, align.c): the files an
 * office uploads to `luoshi assign --from` and POST /api/v1/assignments.
 *
 * The first byte says what the rest is: text in the bracket form (odd) or
 * a CSV table (even). Each line read has its owners and deadline read and
 * is aligned to a few rows of a real report. Besides crashes, hangs and
 * sanitizer reports it checks the promises of fengong.h: no empty unit
 * name, at most the hits asked for, scores within 0..1, and a row index
 * within the rows; a broken promise aborts. It needs no store. Linked with
 * replay_main.c for CTest (fuzz_fengong_replay over fuzz/corpus-fengong/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fengong.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void expect(int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz_fengong: broken promise: %s\n", what);
    abort();
}

/* Rows of the Shanxi 2026 ledger (tests/fixtures/fengong/). */
static const char *const rows[] = {
    "地区生产总值增长4.5%—5%",
    "优化“两新”政策实施，促进大宗消费更新升级。",
    "持续开展重大项目建设年活动，优化实施“两重”项目，抓好629个省级重点工程项目，按季度调整优化项目清单。",
    "煤炭智能绿色安全开采方面，抓好产能接续，产量稳定在13亿吨左右。",
    "增加1万个普惠性学前教育学位。",
    "增加1万个普通高中学位，推进县域普通高中发展振兴。",
};

static void check_names(const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        expect(names[i] && names[i][0], "a unit name is not empty");
}

static void one_line(const fg_raw *r, const fg_index *ix, ls_mem *m)
{
    ls_owner_names o;
    fg_hit hits[4];
    size_t n = 0, i;
    double score = 0;
    char due[16];
    int none, result;

    memset(&o, 0, sizeof o);
    if (r->cell[FG_LEAD])
        ls_owner_names_add(&o, r->cell[FG_LEAD], 1, m);
    if (r->cell[FG_CO])
        ls_owner_names_add(&o, r->cell[FG_CO], 0, m);
    check_names(o.leads, o.nleads);
    check_names(o.co, o.nco);
    for (i = 0; i < o.nleads; i++)
        (void)ls_unit_department(o.leads[i]);
    if (r->cell[FG_DUE])
        (void)ls_ledger_due(r->cell[FG_DUE], 2026, due, &none);
    if (!r->cell[FG_TASK])
        return;
    (void)ls_fg_numbering(r->cell[FG_TASK]);
    result = ls_fg_align(ix, r->cell[FG_TASK], hits, 4, &n, &score);
    if (result < 0)
        return; /* out of memory */
    expect(n <= 4, "no more hits than asked for");
    expect(score >= 0 && score <= 1.0 + 1e-9, "the line's score is within 0..1");
    for (i = 0; i < n; i++)
        expect(hits[i].row < sizeof rows / sizeof rows[0], "a hit is a row");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fg_index *ix;
    ls_mem *m;
    fg_raws raws;
    size_t i;

    if (size < 1)
        return 0;
    if (!ix && ls_fg_index_new(rows, sizeof rows / sizeof rows[0], &ix, NULL) != LS_OK)
        return 0;
    m = ls_mem_new();
    if (!m)
        return 0;
    if (ls_fg_read((const char *)data + 1, size - 1, data[0] & 1 ? "f.txt" : "f.csv", &raws, m,
                   NULL) == LS_OK)
        for (i = 0; i < raws.n; i++)
            one_line(&raws.at[i], ix, m);
    ls_mem_free(m);
    return 0;
}
