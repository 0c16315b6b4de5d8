/*
 * suggest.c — the lead unit (牵头单位) suggested for a ledger row, from the
 * metric→department dictionary data/lead_units.txt (compiled in as
 * ls_lead_units), and that suggestion in the office's own names when the
 * rows are read (ls_ledger_items): the office's unit of the department if
 * it has one (alias table), else the department's name at the
 * government's level (财政厅 in a province). A suggestion only: the office
 * confirms it by assigning.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "fengong.h"
#include "store.h"

extern const struct ls_pair {
    const char *key, *value;
} ls_lead_units[];

/* The dictionary entry found earliest in 's' (the longest keyword at one
 * place), or NULL. */
static const char *earliest_in(const char *s)
{
    const struct ls_pair *p, *best = NULL;
    size_t best_at = 0, best_len = 0;

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
