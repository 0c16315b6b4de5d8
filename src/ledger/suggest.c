/*
 * suggest.c — the lead unit (牵头单位) suggested for a ledger row, from the
 * metric→department dictionary data/lead_units.txt (compiled in as
 * ls_lead_units), and that suggestion in the office's own names when the
 * rows are read (ls_ledger_items): the office's unit of the department if
 * it has one (alias table), else the department's name at the
 * government's level (财政厅 in a province). A suggestion only: the office
 * confirms it by assigning.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "fengong.h"
#include "store.h"

extern const struct ls_pair {
    const char *key, *value;
} ls_lead_units[];

/* The dictionary's keywords ordered by their first two bytes (in table
 * order among those that share them), so that the keywords that may start
 * at one place of a text are found by a binary search: one pass over a
 * sentence instead of one strstr per keyword (a hundred and more per row).
 * Built once, for every thread (pthread_once). Every keyword has two
 * bytes or more (data/lead_units.txt); a dictionary of more than
 * MAX_KEYWORDS is searched keyword by keyword. */
#define MAX_KEYWORDS 1024

static const struct ls_pair *by_start[MAX_KEYWORDS];
static unsigned start_at[MAX_KEYWORDS]; /* start_of(by_start[i]->key) */
static size_t length_at[MAX_KEYWORDS];  /* strlen(by_start[i]->key) */
static size_t nkeywords;
static int indexed;
/* One bit for each first two bytes that some keyword starts with: most
 * characters of a sentence start none, and are passed over on one test. */
static unsigned char starts[65536 / 8];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* The first two bytes of 's' as one number (0 for a string shorter). */
static unsigned start_of(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    return u[0] && u[1] ? (unsigned)u[0] << 8 | u[1] : 0;
}

static void index_keywords(void)
{
    const struct ls_pair *p;
    size_t n = 0, i;

    for (p = ls_lead_units; p->key; p++)
        if (n == MAX_KEYWORDS || start_of(p->key) == 0)
            return; /* searched keyword by keyword */
        else
            by_start[n++] = p;
    /* insertion sort: stable, and a hundred keywords */
    for (i = 1; i < n; i++) {
        const struct ls_pair *k = by_start[i];
        size_t j = i;
        while (j > 0 && start_of(by_start[j - 1]->key) > start_of(k->key)) {
            by_start[j] = by_start[j - 1];
            j--;
        }
        by_start[j] = k;
    }
    for (i = 0; i < n; i++) {
        start_at[i] = start_of(by_start[i]->key);
        length_at[i] = strlen(by_start[i]->key);
        starts[start_at[i] >> 3] |= (unsigned char)(1u << (start_at[i] & 7));
    }
    nkeywords = n;
    indexed = 1;
}

/* The longest keyword that starts at 's' (the first in table order among
 * the longest), or NULL. */
static const struct ls_pair *keyword_at(const char *s)
{
    unsigned start = start_of(s);
    size_t lo = 0, hi = nkeywords, best_len = 0;
    const struct ls_pair *best = NULL;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (start_at[mid] < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < nkeywords && start_at[lo] == start; lo++) {
        size_t len = length_at[lo];
        if (len > best_len && strncmp(s, by_start[lo]->key, len) == 0) {
            best = by_start[lo];
            best_len = len;
        }
    }
    return best;
}

/* The dictionary entry found earliest in 's' (the longest keyword at one
 * place), or NULL. */
static const char *earliest_in(const char *s)
{
    const struct ls_pair *p, *best = NULL;
    size_t best_at = 0, best_len = 0;

    pthread_once(&index_once, index_keywords);
    if (indexed) {
        for (; s && *s; s++) {
            unsigned start = start_of(s);
            if ((*s & 0xC0) != 0x80 && (starts[start >> 3] >> (start & 7) & 1) &&
                (p = keyword_at(s)) != NULL)
                return p->value;
        }
        return NULL;
    }
    for (p = ls_lead_units; s && *s && p->key; p++) {
        const char *hit = strstr(s, p->key);
        size_t at, len = strlen(p->key);
        if (!hit)
            continue;
        at = (size_t)(hit - s);
        if (!best || at < best_at || (at == best_at && len > best_len)) {
            best = p;
            best_at = at;
            best_len = len;
        }
    }
    return best ? best->value : NULL;
}

const char *ls_store_suggest_lead(const char *metric, const char *text)
{
    const char *lead = earliest_in(metric);

    return lead ? lead : earliest_in(text);
}

/* ---- the suggestion in the office's own names (issue 13) ---- */

/* Departments that a province calls 厅 where a city or county has a 局
 * (省财政厅, 市财政局); the others keep their name at every level
 * (发展改革委, 统计局, 卫生健康委, 市场监管局). */
static const char *const ting[] = {"教育", "科技", "工业和信息化", "公安", "民政", "司法",
                                   "财政", "人力资源社会保障", "自然资源", "生态环境",
                                   "住房城乡建设", "交通运输", "水利", "农业农村", "商务",
                                   "文化和旅游", "退役军人事务", "应急管理", NULL};

/* True when government 'gov' is a province (山西省, 内蒙古自治区, and the
 * four cities at a province's level). */
static int is_province(const char *gov)
{
    static const char *const cities[] = {"北京市", "天津市", "上海市", "重庆市", NULL};
    size_t n = gov ? strlen(gov) : 0, k;

    if (n >= 3 && strcmp(gov + n - 3, "省") == 0)
        return 1;
    if (n >= 9 && strcmp(gov + n - 9, "自治区") == 0)
        return 1;
    for (k = 0; n && cities[k]; k++)
        if (strcmp(gov, cities[k]) == 0)
            return 1;
    return 0;
}

const char *ls_ledger_suggestion(const char *suggested, const char *gov, const ls_unit_list *units,
                                 char *buf, size_t size)
{
    const char *dept = suggested ? ls_unit_department(suggested) : NULL;
    size_t i, n = suggested ? strlen(suggested) : 0;

    if (!suggested)
        return NULL;
    /* the office's own unit of that department, whatever it calls it */
    for (i = 0; dept && units && i < units->n; i++) {
        const char *d = ls_unit_department(units->at[i].name);
        if (d && strcmp(d, dept) == 0)
            return units->at[i].name;
    }
    /* else the department's name at the government's level */
    if (is_province(gov) && n > 3 && strcmp(suggested + n - 3, "局") == 0)
        for (i = 0; ting[i]; i++)
            if (strlen(ting[i]) == n - 3 && strncmp(suggested, ting[i], n - 3) == 0) {
                snprintf(buf, size, "%s厅", ting[i]);
                return buf;
            }
    return suggested;
}

ls_status ls_ledger_items(ls_store *store, const ls_item_filter *filter, ls_item_list *out,
                          ls_error *err)
{
    ls_unit_list units = {NULL, 0, NULL};
    char buf[128];
    size_t i;
    ls_status st;

    LS_CHECK(ls_store_items(store, filter, out, err));
    LS_CHECK(ls_store_units(store, &units, err));
    for (i = 0; i < out->n; i++) {
        ls_item *it = &out->at[i];
        const char *s = ls_ledger_suggestion(it->suggested_lead, it->gov, &units, buf, sizeof buf);
        if (s && s != it->suggested_lead)
            it->suggested_lead = ls_mem_str(out->mem, s);
    }
    if (out->mem && ls_mem_failed(out->mem))
        LS_CHECK(ls_error_nomem(err));
done:
    ls_mem_free(units.mem);
    if (st != LS_OK) {
        ls_mem_free(out->mem);
        memset(out, 0, sizeof *out);
    }
    return st;
}
