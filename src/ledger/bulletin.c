/*
 * bulletin.c — the supervision bulletin (通报) of a period, as data: the
 * rows judged at the period's last day (as `luoshi status --as-of` would),
 * their totals of all and per lead unit, the period's reports (units that
 * did not report by the due day, units ranked: cycle.c), the title and the
 * period's name in the words offices write them (关于…第二季度…的通报).
 * Writing it as Markdown, HTML or DOCX is src/format/bulletin_out.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "pace.h"
#include "store.h"

static const char *const cn_quarter[] = {"一", "二", "三", "四"};

/* The period "2023-Q2", "2023-H1", "2023-06" or "2023": its last day in
 * 'as_of' (YYYY-MM-DD) and its name in 'label'. Returns 0 if malformed. */
static int parse_period(const char *p, int *year, char as_of[11], char *label, size_t size)
{
    int y, n, month = 12;
    char c = 0, extra = 0;

    if (sscanf(p, "%4d-%c%d%c", &y, &c, &n, &extra) == 3 && (c == 'Q' || c == 'q') && n >= 1 &&
        n <= 4) {
        month = 3 * n;
        snprintf(label, size, "%d年第%s季度", y, cn_quarter[n - 1]);
    } else if (sscanf(p, "%4d-%c%d%c", &y, &c, &n, &extra) == 3 && (c == 'H' || c == 'h') &&
               n >= 1 && n <= 2) {
        month = 6 * n;
        snprintf(label, size, "%d年%s半年", y, n == 1 ? "上" : "下");
    } else if (strlen(p) == 7 && sscanf(p, "%4d-%2d%c", &y, &n, &extra) == 2 && n >= 1 &&
               n <= 12) {
        month = n;
        snprintf(label, size, "%d年1-%d月", y, n);
    } else if (strlen(p) == 4 && sscanf(p, "%4d%c", &y, &extra) == 1) {
        snprintf(label, size, "%d年", y);
    } else {
        return 0;
    }
    if (y < 1949 || y > 2200)
        return 0;
    *year = y;
    snprintf(as_of, 11, "%04d-%02d-%02d", y, month, ls_date_days_in_month(y, month));
    return 1;
}

void ls_bulletin_free(ls_bulletin *b)
{
    if (!b)
        return;
    ls_mem_free(b->items.mem);
    ls_mem_free(b->totals.mem);
    ls_cycle_period_free(&b->cycle);
    memset(b, 0, sizeof *b);
}

ls_status ls_ledger_bulletin(ls_store *store, const ls_item_filter *filter, const char *period,
                             ls_bulletin *out, ls_error *err)
{
    ls_item_filter f = *filter;
    char label[64];
    ls_buf title;
    int year;
    ls_status st = LS_OK;

    memset(out, 0, sizeof *out);
    if (!period || !parse_period(period, &year, out->as_of, label, sizeof label))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "period '%s' is not YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY",
                            period ? period : "");
    f.as_of = out->as_of;
    if (!f.report && !f.year)
        f.year = year;
    /* never two governments, or two texts of one year, in one total */
    if (!f.report)
        LS_CHECK(ls_ledger_latest_report(store, f.gov, f.year, &f.report, err));
    f.status = NULL;
    f.limit = f.offset = 0;
    LS_CHECK(ls_store_items(store, &f, &out->items, err));
    LS_CHECK(ls_ledger_totals(out->items.at, out->items.n, &out->totals, err));
    /* who reported for the period by its due day, and the units ranked */
    LS_CHECK(ls_ledger_cycle_period(store, &f, period, &out->cycle, err));
    /* the government's name as asked for or stored, whole (it may be long) */
    out->gov = f.gov ? f.gov : out->items.n > 0 ? out->items.at[0].gov : "";
    out->gov = ls_mem_str(out->items.mem, out->gov);
    out->label = ls_mem_str(out->items.mem, label);
    ls_buf_init(&title);
    ls_buf_printf(&title, "关于%s%s政府工作报告重点任务推进情况的通报", out->gov ? out->gov : "",
                  label);
    out->title = ls_mem_str(out->items.mem, title.data);
    if (title.failed || !out->title || !out->gov || !out->label)
        st = ls_error_nomem(err);
    ls_buf_release(&title);
done:
    if (st != LS_OK)
        ls_bulletin_free(out);
    return st;
}
