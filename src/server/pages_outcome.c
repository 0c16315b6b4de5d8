/*
 * pages_outcome.c — 兑现 on the pages: a target's outcome in the next
 * year's review (the target's page, the targets page) and a 兑现率 card per
 * report on the dashboard. The outcomes are the ledger's
 * (ls_store_commitments, docs/linking.md); this only draws them, reading
 * each report's check once per page.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"
#include "pages_outcome.h"

/* The check of the report of 'gov' for 'year', read once for the page;
 * NULL when it cannot be read (the page shows no outcome then). */
static const ls_commitment_list *check_of(ls_req *r, ls_outcomes *o, const char *gov, long long year)
{
    size_t i;
    ls_error err;

    for (i = 0; i < o->n; i++)
        if (o->at[i].year == year && strcmp(o->at[i].gov, gov) == 0)
            return o->at[i].ok ? &o->at[i].list : NULL;
    if (o->n == LS_OUTCOME_REPORTS_MAX)
        return NULL;
    o->at[i].gov = gov;
    o->at[i].year = year;
    o->at[i].ok = ls_store_commitments(r->store, gov, (int)year, &o->at[i].list, &err) == LS_OK;
    o->n++;
    return o->at[i].ok ? &o->at[i].list : NULL;
}

void ls_outcomes_free(ls_outcomes *o)
{
    size_t i;

    for (i = 0; i < o->n; i++)
        ls_mem_free(o->at[i].list.mem);
    o->n = 0;
}

/* The outcome in words. */
static const char *outcome_words(const char *o)
{
    return strcmp(o, "met") == 0       ? "已兑现"
           : strcmp(o, "missed") == 0  ? "未兑现"
           : strcmp(o, "pending") == 0 ? "待次年报告"
                                       : "未再提及";
}

void ls_page_outcome(ls_req *r, ls_outcomes *o, const ls_item *it, const ls_item_target *t)
{
    const ls_commitment_list *l = it->gov ? check_of(r, o, it->gov, it->year) : NULL;
    const ls_compared *c = ls_commitment_find(l, t->id);

    if (!c || !c->outcome)
        return;
    ls_buf_printf(&r->out, "<span class=\"outcome outcome-%s\">", c->outcome);
    ls_res_text(r, outcome_words(c->outcome));
    PUT(r, "</span>");
    if (c->actual) {
        PUT(r, "<br><small class=\"muted\">次年实际 ");
        ls_res_text(r, c->actual->text);
        PUT(r, "</small>");
    }
}

void ls_page_outcome_cards(ls_req *r, ls_outcomes *o, const ls_item_list *items)
{
    long long seen[LS_OUTCOME_REPORTS_MAX];
    size_t i, k, nseen = 0;

    for (i = 0; i < items->n && nseen < LS_OUTCOME_REPORTS_MAX; i++) {
        const ls_item *it = &items->at[i];
        const ls_commitment_list *l;
        for (k = 0; k < nseen && seen[k] != it->report; k++)
            ;
        if (k < nseen || !it->gov)
            continue;
        seen[nseen++] = it->report;
        if (!(l = check_of(r, o, it->gov, it->year)) || l->ntargets == 0)
            continue;
        if (!o->cards++)
            PUT(r, "<h2>兑现率</h2><div class=\"cards\">");
        PUT(r, "<a class=\"card\" href=\"/compare?gov=");
        ls_res_url(r, it->gov);
        PUT(r, "\"><div class=\"n\">");
        if (l->nrates && l->rates[0].has_rate)
            ls_buf_printf(&r->out, "%.1f%%", 100 * l->rates[0].rate);
        else
            PUT(r, "—");
        PUT(r, "</div><div class=\"label\">");
        ls_res_text(r, it->gov);
        ls_buf_printf(&r->out, " %lld 年目标", it->year);
        if (l->nrates)
            ls_buf_printf(&r->out, "<br>兑现 %lld · 未兑现 %lld · 未再提及 %lld", l->rates[0].met,
                          l->rates[0].missed, l->rates[0].not_mentioned);
        else
            PUT(r, "<br>待次年报告");
        PUT(r, "</div></a>");
    }
    if (o->cards)
        PUT(r, "</div>");
}
