/*
 * suggest.c — the lead unit (牵头单位) suggested for a ledger row, from the
 * metric→department dictionary data/lead_units.txt (compiled in as
 * ls_lead_units). A suggestion only: the office confirms it by assigning.
 */
#include <string.h>

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
