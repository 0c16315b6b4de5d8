/*
 * progress.c — `luoshi progress`: one progress report (报送) on a
 * ledger item by the unit that owns it: the date, the value reached or the
 * share done, 进展情况, 存在问题, 下一步措施 and evidence. Reports are
 * appended, never edited: the latest on or before a date that no later
 * report replaces is the one that status reads, and the change log keeps
 * each. The office's rules on a report (figures in the target's unit,
 * evidence, 办结) are in src/ledger/.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "pace.h"
#include "store.h"

static ls_status check(const ls_progress *p, ls_error *err)
{
    ls_date d;

    if (!p->date || !ls_date_parse(p->date, &d))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "progress date '%s' is not a date YYYY-MM-DD",
                            p->date ? p->date : "");
    if (p->has_percent && !(p->percent >= 0 && p->percent <= 100))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "percent %g is not within 0-100",
                            p->percent);
    if (p->has_value && !isfinite(p->value))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "value is not a finite number");
    if (!p->done_text || !*p->done_text)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "a progress report needs its 进展情况 (--done-text)");
    if (!p->unit || !*p->unit)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "a progress report names the reporting unit (--by)");
    return LS_OK;
}

/* LS_OK when unit 'unit' leads or helps with item 'item'. */
static ls_status check_owner(ls_store *store, long long item, long long unit, const char *name,
                             ls_error *err)
{
    ls_db_value p[3] = {LS_PI(item), LS_PI(unit), LS_PI(item)};
    long long found = 0;
    int removed = 0;
    ls_status st;

    LS_CHECK(ls_store_item_state(store, item, &removed, err));
    /* a row taken out of the ledger takes no progress */
    if (removed)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", item));
    LS_CHECK(ls_db_query_id(store->db,
                            "SELECT 1 FROM items WHERE id = ? AND lead_unit_id = ? UNION "
                            "SELECT 1 FROM item_co_units WHERE item_id = ? AND unit_id = ?",
                            (ls_db_value[4]){p[0], p[1], p[2], p[1]}, 4, &found, err));
    if (!found)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "unit '%s' is neither lead nor co unit of item %lld", name, item));
done:
    return st;
}

/* LS_OK when 'replaces' (0: none) is a report of row 'item'. */
static ls_status check_replaces(ls_store *store, long long item, long long replaces,
                                ls_error *err)
{
    long long found = 0;
    ls_status st;

    if (!replaces)
        return LS_OK;
    LS_CHECK(ls_db_query_id(store->db, "SELECT item_id FROM progress WHERE id = ?",
                            (ls_db_value[1]){LS_PI(replaces)}, 1, &found, err));
    if (found != item)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "report %lld is no report of row %lld: a correction replaces a "
                              "report of its own row",
                              replaces, item));
done:
    return st;
}

/* Records one report inside the open transaction. */
static ls_status add_progress(ls_store *store, long long item, const ls_progress *pr,
                              long long replaces, long long *out, ls_error *err)
{
    char now[LS_NOW_SIZE], summary[160];
    long long unit = 0, id = 0;
    ls_status st;

    ls_store_now(now);
    LS_CHECK(ls_store_unit_id(store, pr->unit, &unit, err));
    LS_CHECK(check_owner(store, item, unit, pr->unit, err));
    LS_CHECK(check_replaces(store, item, replaces, err));
    {
        ls_db_value p[12] = {LS_PI(item),
                             LS_PI(unit),
                             LS_PT(pr->date),
                             pr->has_value ? LS_PR(pr->value) : LS_PN,
                             pr->has_percent ? LS_PR(pr->percent) : LS_PN,
                             LS_PT(pr->done_text),
                             LS_PT(pr->problems),
                             LS_PT(pr->next_steps),
                             LS_PT(pr->evidence),
                             LS_PT(now),
                             LS_PT(store->actor),
                             replaces ? LS_PI(replaces) : LS_PN};
        LS_CHECK(ls_db_query_id(store->db,
                                "INSERT INTO progress (item_id, unit_id, report_date, value, "
                                "percent, done_text, problems, next_steps, evidence, created_at, "
                                "created_by, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                "RETURNING id",
                                p, 12, &id, err));
    }
    if (pr->has_percent)
        snprintf(summary, sizeof summary, "%s: %g%%", pr->date, pr->percent);
    else if (pr->has_value)
        snprintf(summary, sizeof summary, "%s: value %g", pr->date, pr->value);
    else
        snprintf(summary, sizeof summary, "%s", pr->date);
    if (replaces) {
        char was[32];
        snprintf(was, sizeof was, "report %lld", replaces);
        LS_CHECK(
            ls_store_log(store, "progress", "progress", id, item, "replaces", was, summary, err));
    } else {
        LS_CHECK(
            ls_store_log(store, "progress", "progress", id, item, "progress", NULL, summary, err));
    }
done:
    if (out)
        *out = id;
    return st;
}

ls_status ls_store_progress_add(ls_store *store, long long item, const ls_progress *pr,
                                long long replaces, long long *id, ls_error *err)
{
    ls_status st;

    LS_CHECK(check(pr, err));
    LS_CHECK(add_progress(store, item, pr, replaces, id, err));
done:
    return st;
}

ls_status ls_store_progress(ls_store *store, long long item, const ls_progress *pr,
                            ls_error *err)
{
    ls_status st = check(pr, err);

    if (st != LS_OK)
        return st;
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(add_progress(store, item, pr, 0, NULL, err));
done:
    return ls_store_finish(store, st, err);
}

/* Adds report 'p' on row 'item' inside the open transaction, and counts
 * it in '*added', unless the same report is stored already. */
static ls_status merge_one(ls_store *store, long long item, const ls_progress *p, size_t *added,
                           ls_error *err)
{
    long long same = 0;
    ls_status st;

    /* the same report merged again adds nothing; one that corrects a
     * figure or a note of a stored one (same date) is a new report */
    LS_CHECK(ls_db_query_id(
        store->db,
        "SELECT COUNT(*) FROM progress WHERE item_id = ? AND report_date = ? "
        "AND done_text = ? AND COALESCE(problems, '') = ? AND COALESCE(next_steps, '') = ? "
        "AND COALESCE(evidence, '') = ? AND (CASE WHEN value IS NULL THEN 0 ELSE 1 END) = ? "
        "AND COALESCE(value, 0) = ? AND (CASE WHEN percent IS NULL THEN 0 ELSE 1 END) = ? "
        "AND COALESCE(percent, 0) = ?",
        (ls_db_value[10]){
            LS_PI(item), LS_PT(p->date), LS_PT(p->done_text), LS_PT(p->problems ? p->problems : ""),
            LS_PT(p->next_steps ? p->next_steps : ""), LS_PT(p->evidence ? p->evidence : ""),
            LS_PI(p->has_value != 0), LS_PR(p->has_value ? p->value : 0),
            LS_PI(p->has_percent != 0), LS_PR(p->has_percent ? p->percent : 0)},
        10, &same, err));
    if (!same) {
        LS_CHECK(add_progress(store, item, p, 0, NULL, err));
        ++*added;
    }
done:
    return st;
}

ls_status ls_store_progress_batch(ls_store *store, const long long *items,
                                  const ls_progress *reports, size_t n, size_t *added,
                                  size_t *failed, ls_error *err)
{
    ls_status st = LS_OK;
    size_t i;

    *added = 0;
    *failed = (size_t)-1;
    for (i = 0; i < n; i++) {
        st = check(&reports[i], err);
        if (st != LS_OK) {
            *failed = i;
            goto done;
        }
    }
    LS_CHECK(ls_db_begin(store->db, err));
    for (i = 0; i < n; i++) {
        st = merge_one(store, items[i], &reports[i], added, err);
        if (st != LS_OK) {
            *failed = i;
            goto done;
        }
    }
done:
    if (st != LS_OK)
        *added = 0;
    return ls_store_finish(store, st, err);
}
