/*
 * units.c — units (departments) and who owns an item: the lead
 * unit (牵头单位), the co units (配合单位), the leader in charge (分管领导)
 * and the deadline (完成时限). Every change is one log row per field, with
 * the old and the new value; a unit is never deleted, only marked removed.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "pace.h"
#include "store.h"

/* Adds unit 'name' inside the caller's transaction (a removed one comes
 * back) and logs it. LS_EEXIST for a live unit of that name. */
static ls_status add_unit(ls_store *store, const char *name, ls_error *err)
{
    char now[LS_NOW_SIZE];
    long long id = 0;
    ls_db_value q[1] = {LS_PT(name)};
    ls_db_rows rows = {0};
    ls_status st;

    if (!name || !*name || strlen(name) > 200)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a unit needs a name (1-200 bytes)");
    ls_store_now(now);
    LS_CHECK(ls_db_query_id(store->db, "SELECT id FROM units WHERE name = ?", q, 1, &id, err));
    if (id != 0) {
        ls_db_value p[2] = {LS_PN, LS_PI(id)};
        /* a removed unit comes back; a live one is a duplicate */
        LS_CHECK(ls_db_query(store->db, "SELECT removed_at FROM units WHERE id = ?", &p[1], 1,
                             &rows, err));
        if (rows.nrows && ls_db_is_null(&rows, 0, 0))
            LS_CHECK(
                ls_error_set(err, LS_EEXIST, LS_NO_OFFSET, 0, "unit '%s' exists already", name));
        LS_CHECK(ls_db_exec(store->db, "UPDATE units SET removed_at = ? WHERE id = ?", p, 2, err));
    } else {
        ls_db_value p[2] = {LS_PT(name), LS_PT(now)};
        LS_CHECK(ls_db_query_id(store->db,
                                "INSERT INTO units (name, created_at) VALUES (?, ?) RETURNING id",
                                p, 2, &id, err));
    }
    LS_CHECK(ls_store_log(store, "add", "unit", id, 0, "name", NULL, name, err));
done:
    ls_db_rows_free(&rows);
    return st;
}

ls_status ls_store_unit_add(ls_store *store, const char *name, ls_error *err)
{
    ls_status st;

    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(add_unit(store, name, err));
done:
    return ls_store_finish(store, st, err);
}

/* Moves the rows, co units and users of unit 'from' to unit 'into' and
 * marks 'from' removed (a unit entered twice: 发改委 and 发展改革委). The
 * progress reports keep the unit that sent them. Logged. */
ls_status ls_store_unit_merge(ls_store *store, const char *from, const char *into, ls_error *err)
{
    char now[LS_NOW_SIZE];
    long long a = 0, b = 0;
    ls_status st;

    if (from && into && strcmp(from, into) == 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a unit cannot be merged into itself");
    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_store_unit_id(store, from, &a, err));
    LS_CHECK(ls_store_unit_id(store, into, &b, err));
    {
        ls_db_value p[2] = {LS_PI(b), LS_PI(a)};
        LS_CHECK(ls_db_exec(store->db, "UPDATE items SET lead_unit_id = ? WHERE lead_unit_id = ?",
                            p, 2, err));
        /* a row both had keeps 'into' once */
        LS_CHECK(ls_db_exec(store->db,
                            "DELETE FROM item_co_units WHERE unit_id = ? AND item_id IN (SELECT "
                            "item_id FROM item_co_units WHERE unit_id = ?)",
                            (ls_db_value[2]){LS_PI(a), LS_PI(b)}, 2, err));
        LS_CHECK(ls_db_exec(store->db, "UPDATE item_co_units SET unit_id = ? WHERE unit_id = ?", p,
                            2, err));
        LS_CHECK(
            ls_db_exec(store->db, "UPDATE users SET unit_id = ? WHERE unit_id = ?", p, 2, err));
    }
    LS_CHECK(ls_db_exec(store->db, "UPDATE units SET removed_at = ? WHERE id = ?",
                        (ls_db_value[2]){LS_PT(now), LS_PI(a)}, 2, err));
    LS_CHECK(ls_store_log(store, "merge", "unit", a, 0, "name", from, into, err));
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_store_unit_remove(ls_store *store, const char *name, ls_error *err)
{
    char now[LS_NOW_SIZE];
    long long id = 0;
    ls_status st;

    LS_CHECK(ls_db_begin(store->db, err));
    ls_store_now(now);
    LS_CHECK(ls_store_unit_id(store, name, &id, err));
    {
        ls_db_value p[2] = {LS_PT(now), LS_PI(id)};
        LS_CHECK(ls_db_exec(store->db, "UPDATE units SET removed_at = ? WHERE id = ?", p, 2, err));
    }
    LS_CHECK(ls_store_log(store, "remove", "unit", id, 0, "name", name, NULL, err));
done:
    return ls_store_finish(store, st, err);
}

static void unit_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *m, void *ctx)
{
    ls_unit *u = rec;

    (void)ctx;
    u->id = ls_db_int(rows, i, 0);
    u->name = ls_mem_str(m, ls_db_text(rows, i, 1));
    u->lead = ls_db_int(rows, i, 2);
    u->co = ls_db_int(rows, i, 3);
}

ls_status ls_store_units(ls_store *store, ls_unit_list *out, ls_error *err)
{
    void *at;
    ls_status st = ls_store_read_list(
        store,
        "SELECT u.id, u.name, "
        "(SELECT COUNT(*) FROM items i WHERE i.lead_unit_id = u.id AND i.removed_at IS NULL), "
        "(SELECT COUNT(*) FROM item_co_units c WHERE c.unit_id = u.id) "
        "FROM units u WHERE u.removed_at IS NULL ORDER BY u.name",
        NULL, 0, sizeof *out->at, unit_row, NULL, &at, &out->n, &out->mem, err);

    out->at = at;
    return st;
}

/* The current owner fields of item 'item' as text: lead unit name,
 * leader, due, and the co units joined by "、". */
typedef struct {
    char *lead, *leader, *due, *others, *office_no;
    ls_buf co, joint;
} owners;

static char *copy_or_null(const char *s)
{
    char *d;

    if (!s)
        return NULL;
    d = ls_malloc(strlen(s) + 1);
    if (d)
        strcpy(d, s);
    return d;
}

static void owners_release(owners *o)
{
    ls_free(o->lead);
    ls_free(o->leader);
    ls_free(o->due);
    ls_free(o->others);
    ls_free(o->office_no);
    ls_buf_release(&o->co);
    ls_buf_release(&o->joint);
}

/* The co units (joint 0) or the joint leads (joint 1) of 'item', joined
 * by "、" into 'b'. */
static ls_status read_co(ls_store *store, long long item, int joint, ls_buf *b, ls_error *err)
{
    ls_db_value p[2] = {LS_PI(item), LS_PI(joint)};
    ls_db_rows rows = {0};
    size_t r;
    ls_status st;

    LS_CHECK(ls_db_query(store->db,
                         "SELECT u.name FROM item_co_units c JOIN units u ON u.id = "
                         "c.unit_id WHERE c.item_id = ? AND c.joint = ? ORDER BY u.name",
                         p, 2, &rows, err));
    for (r = 0; r < rows.nrows; r++) {
        if (r)
            ls_buf_puts(b, "、");
        ls_buf_puts(b, ls_db_text(&rows, r, 0));
    }
done:
    ls_buf_puts(b, "");
    ls_db_rows_free(&rows);
    return st;
}

static ls_status read_owners(ls_store *store, long long item, owners *o, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(item)};
    ls_db_rows rows = {0};
    ls_status st;

    memset(o, 0, sizeof *o);
    ls_buf_init(&o->co);
    ls_buf_init(&o->joint);
    LS_CHECK(ls_db_query(store->db,
                         "SELECT u.name, i.leader, i.due, i.others, i.office_no FROM items i "
                         "LEFT JOIN units u ON u.id = i.lead_unit_id "
                         "WHERE i.id = ? AND i.removed_at IS NULL",
                         p, 1, &rows, err));
    if (rows.nrows == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", item));
    o->lead = copy_or_null(ls_db_text(&rows, 0, 0));
    o->leader = copy_or_null(ls_db_text(&rows, 0, 1));
    o->due = copy_or_null(ls_db_text(&rows, 0, 2));
    o->others = copy_or_null(ls_db_text(&rows, 0, 3));
    o->office_no = copy_or_null(ls_db_text(&rows, 0, 4));
    LS_CHECK(read_co(store, item, 0, &o->co, err));
    LS_CHECK(read_co(store, item, 1, &o->joint, err));
done:
    ls_db_rows_free(&rows);
    return st;
}

/* Logs a field of 'item' that changed from 'old' to 'new_value'. */
static ls_status log_field(ls_store *store, long long item, const char *field, const char *old,
                           const char *new_value, ls_error *err)
{
    if ((old ? old : "")[0] == '\0' && (new_value ? new_value : "")[0] == '\0')
        return LS_OK;
    if (old && new_value && strcmp(old, new_value) == 0)
        return LS_OK;
    return ls_store_log(store, "assign", "item", item, item, field, old, new_value, err);
}

/* Replaces the joint leads ('joint' 1, with a->set_joint) or the co units
 * (0, with a->set_co) of 'item' with those of 'a'. A unit that is a joint
 * lead stays one when named as a co unit too; the lead of record 'lead'
 * is neither. */
static ls_status set_co_units(ls_store *store, long long item, long long lead, int joint,
                              const ls_assignment *a, ls_error *err)
{
    ls_db_value p[3] = {LS_PI(item), LS_PI(joint), LS_PN};
    const char *const *names = joint ? a->joint : a->co;
    size_t i, n = joint ? a->joint_count : a->co_count;
    ls_status st;

    LS_CHECK(ls_db_exec(store->db, "DELETE FROM item_co_units WHERE item_id = ? AND joint = ?", p,
                        2, err));
    for (i = 0; i < n; i++) {
        long long unit;
        LS_CHECK(ls_store_unit_id(store, names[i], &unit, err));
        p[2] = LS_PI(unit);
        if (unit != lead && joint)
            LS_CHECK(ls_db_exec(store->db,
                                "DELETE FROM item_co_units WHERE item_id = ? AND unit_id = ?",
                                (ls_db_value[2]){LS_PI(item), LS_PI(unit)}, 2, err));
        if (unit != lead)
            LS_CHECK(ls_db_exec(store->db,
                                "INSERT INTO item_co_units (item_id, joint, unit_id) VALUES (?, "
                                "?, ?) ON CONFLICT DO NOTHING",
                                p, 3, err));
    }
done:
    return st;
}

/* Applies 'a' to one item and logs what changed. */
static ls_status assign_one(ls_store *store, long long item, const ls_assignment *a, ls_error *err)
{
    owners before, after;
    long long unit = 0;
    ls_status st;

    memset(&after, 0, sizeof after);
    ls_buf_init(&after.co);
    ls_buf_init(&after.joint);
    /* read_owners clears 'before' first, so done: may release it */
    LS_CHECK(read_owners(store, item, &before, err));
    if (a->lead) {
        LS_CHECK(ls_store_unit_id(store, a->lead, &unit, err));
        LS_CHECK(ls_db_exec(store->db, "UPDATE items SET lead_unit_id = ? WHERE id = ?",
                            (ls_db_value[2]){LS_PI(unit), LS_PI(item)}, 2, err));
    }
    if (a->leader)
        LS_CHECK(ls_db_exec(store->db, "UPDATE items SET leader = ? WHERE id = ?",
                            (ls_db_value[2]){LS_PT(a->leader), LS_PI(item)}, 2, err));
    if (a->due) /* "" clears it: 长期坚持 */
        LS_CHECK(ls_db_exec(store->db, "UPDATE items SET due = ? WHERE id = ?",
                            (ls_db_value[2]){*a->due ? LS_PT(a->due) : LS_PN, LS_PI(item)}, 2,
                            err));
    if (a->others)
        LS_CHECK(ls_db_exec(store->db, "UPDATE items SET others = ? WHERE id = ?",
                            (ls_db_value[2]){*a->others ? LS_PT(a->others) : LS_PN, LS_PI(item)}, 2,
                            err));
    if (a->office_no)
        LS_CHECK(ls_db_exec(store->db, "UPDATE items SET office_no = ? WHERE id = ?",
                            (ls_db_value[2]){LS_PT(a->office_no), LS_PI(item)}, 2, err));
    if (!a->lead && before.lead)
        LS_CHECK(ls_store_unit_id(store, before.lead, &unit, err));
    if (a->set_joint)
        LS_CHECK(set_co_units(store, item, unit, 1, a, err));
    if (a->set_co)
        LS_CHECK(set_co_units(store, item, unit, 0, a, err));
    owners_release(&after);
    LS_CHECK(read_owners(store, item, &after, err));
    LS_CHECK(log_field(store, item, "lead", before.lead, after.lead, err));
    LS_CHECK(log_field(store, item, "co", before.co.data, after.co.data, err));
    LS_CHECK(log_field(store, item, "joint", before.joint.data, after.joint.data, err));
    LS_CHECK(log_field(store, item, "others", before.others, after.others, err));
    LS_CHECK(log_field(store, item, "office_no", before.office_no, after.office_no, err));
    LS_CHECK(log_field(store, item, "leader", before.leader, after.leader, err));
    LS_CHECK(log_field(store, item, "due", before.due, after.due, err));
done:
    owners_release(&before);
    owners_release(&after);
    return st;
}

ls_status ls_store_assign(ls_store *store, const long long *items, size_t n, const ls_assignment *a,
                          ls_error *err)
{
    ls_date d;
    ls_status st;
    size_t i;

    if (a->due && !ls_date_parse(a->due, &d))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "due date '%s' is not a date YYYY-MM-DD", a->due);
    LS_CHECK(ls_db_begin(store->db, err));
    for (i = 0; i < n; i++)
        LS_CHECK(assign_one(store, items[i], a, err));
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_store_assign_batch(ls_store *store, const long long *items,
                                const ls_assignment *assignments, size_t n, size_t *failed,
                                ls_error *err)
{
    return ls_store_assign_plan(store, NULL, 0, items, assignments, n, failed, err);
}

ls_status ls_store_assign_plan(ls_store *store, const char *const *new_units, size_t nnew,
                               const long long *items, const ls_assignment *assignments, size_t n,
                               size_t *failed, ls_error *err)
{
    ls_date d;
    ls_status st;
    size_t i;

    *failed = (size_t)-1;
    for (i = 0; i < n; i++)
        if (assignments[i].due && *assignments[i].due && !ls_date_parse(assignments[i].due, &d)) {
            *failed = i;
            return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                                "due date '%s' is not a date YYYY-MM-DD", assignments[i].due);
        }
    LS_CHECK(ls_db_begin(store->db, err));
    for (i = 0; i < nnew; i++)
        LS_CHECK(add_unit(store, new_units[i], err));
    for (i = 0; i < n; i++) {
        st = assign_one(store, items[i], &assignments[i], err);
        if (st != LS_OK) {
            *failed = i;
            goto done;
        }
    }
done:
    return ls_store_finish(store, st, err);
}
