/*
 * draft.c — `luoshi import`: a report into the store, and its
 * draft ledger. One transaction stores the text and its SHA-256, the
 * outline, the clauses (with their role), the mentions and the links of
 * luoshi parse, then one item per commitment of the plan and self parts
 * and one per target of the year's headline (主要预期目标, wherever it
 * stands) or of a commitment of the requirements part, each with its
 * heading path, verbatim sentence, byte span and a suggested lead unit.
 *
 * The same bytes imported twice are found by their hash and change
 * nothing; another text for the same government and year is stored as
 * the next version beside the first. Only the public ls_doc API is used.
 * The ids of headings, tasks and mentions are reserved first
 * (ls_db_reserve_ids), so rows that refer to each other are written
 * without waiting for ids to come back: each table by one bulk copy on
 * PostgreSQL, by multi-row INSERTs on SQLite (store/batch.h), after the
 * table its rows refer to, headings in text order (a parent before its
 * children). After the commit, each time the ledger has doubled, the
 * planner's statistics of those tables are refreshed.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "batch.h"
#include "buf.h"
#include "error.h"
#include "jsonw.h"
#include "store.h"

/* What the inserts of one import share. */
typedef struct {
    ls_store *store;
    const ls_doc *doc;
    const char *text;
    size_t text_len;
    long long report;
    long long *heading_ids; /* per heading index */
    long long *task_ids;    /* per task index */
    long long *mention_ids; /* per mention index */
    size_t *mention_task;   /* per mention: index of its task, or LS_NONE */
    ls_batch *batch;        /* the rows of the table being written */
    size_t items;
    ls_part task_part;      /* the part besides self whose tasks are rows */
    ls_import_result *result;
} import_ctx;

_Static_assert(LS_SHA256_HEX_SIZE == 2 * crypto_hash_sha256_BYTES + 1, "a SHA-256 in hex");

static void sha256_hex(const char *bytes, size_t len, char hex[LS_SHA256_HEX_SIZE])
{
    unsigned char digest[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(digest, (const unsigned char *)bytes, len);
    sodium_bin2hex(hex, LS_SHA256_HEX_SIZE, digest, sizeof digest);
}

/* The heading titles from the outermost down to 'h', joined by " / ",
 * into 'b'. */
static void heading_path(const ls_doc *doc, size_t h, ls_buf *b)
{
    size_t chain[8], n = 0;

    while (h != LS_NONE && n < 8) {
        chain[n++] = h;
        h = ls_doc_heading(doc, h)->parent;
    }
    while (n > 0) {
        ls_buf_puts(b, ls_doc_heading(doc, chain[--n])->title);
        if (n > 0)
            ls_buf_puts(b, " / ");
    }
}

/* The report's row: its government (added on first use) and the next
 * version of its year, in three statements (the writer lock keeps every
 * other writer out of the transaction). */
static ls_status insert_report(import_ctx *c, const char *sha, const char *source,
                               const char *gov, int year, ls_error *err)
{
    ls_db *db = c->store->db;
    char now[LS_NOW_SIZE];
    long long gov_id = 0;
    ls_db_value g[1] = {LS_PT(gov)};
    ls_db_rows rows = {0};
    ls_status st;

    ls_store_now(now);
    LS_CHECK(ls_db_query_id(db, "SELECT id FROM governments WHERE name = ?", g, 1, &gov_id, err));
    if (gov_id == 0)
        LS_CHECK(ls_db_query_id(db, "INSERT INTO governments (name) VALUES (?) RETURNING id", g,
                                1, &gov_id, err));
    {
        ls_db_value p[12] = {LS_PI(gov_id),
                             LS_PI(year),
                             LS_PI(gov_id),
                             LS_PI(year),
                             LS_PT(ls_doc_id(c->doc)),
                             LS_PT(sha),
                             LS_PT(source),
                             LS_PT(ls_encoding_name(ls_doc_encoding(c->doc))),
                             LS_PI(ls_doc_is_html(c->doc)),
                             LS_PT(c->text),
                             LS_PT(now),
                             LS_PT(c->store->actor)};
        LS_CHECK(ls_db_query(db,
                             "INSERT INTO reports (government_id, year, version, doc_id, "
                             "sha256, source_name, encoding, from_html, text, imported_at, "
                             "imported_by) VALUES (?, ?, (SELECT COALESCE(MAX(version), 0) + 1 "
                             "FROM reports WHERE government_id = ? AND year = ?), ?, ?, ?, ?, ?, "
                             "?, ?, ?) RETURNING id, version",
                             p, 12, &rows, err));
    }
    if (rows.nrows != 1)
        LS_CHECK(ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "the report's row was not stored"));
    c->report = ls_db_int(&rows, 0, 0);
    c->result->version = (int)ls_db_int(&rows, 0, 1);
done:
    ls_db_rows_free(&rows);
    return st;
}

/* The headings in text order: a parent comes before its children. */
static ls_status insert_headings(import_ctx *c, ls_error *err)
{
    size_t i, n = ls_doc_heading_count(c->doc);
    ls_status st = LS_OK;

    ls_batch_init(c->batch, c->store->db,
                  "headings (id, report_id, seq, parent_id, level, title, part, start_byte, "
                  "end_byte)",
                  9);
    for (i = 0; i < n; i++) {
        const ls_heading *h = ls_doc_heading(c->doc, i);
        LS_CHECK(ls_batch_add(
            c->batch,
            (ls_db_value[9]){LS_PI(c->heading_ids[i]), LS_PI(c->report), LS_PI(i),
                             h->parent == LS_NONE ? LS_PN : LS_PI(c->heading_ids[h->parent]),
                             LS_PI(h->level), LS_PT(h->title), LS_PT(ls_part_name(h->part)),
                             LS_PI(h->start), LS_PI(h->end)},
            err));
    }
done:
    return st;
}

/* The entities of 't' as a JSON array text, into 'b': the encoding of
 * the items.entities column (the store reads it back), not output. */
static void entities_json(const ls_task *t, ls_buf *b)
{
    ls_jw w;
    size_t i;

    ls_jw_init(&w, ls_buf_sink, b, 0);
    ls_jw_array(&w);
    for (i = 0; i < t->entity_count; i++)
        ls_jw_str(&w, t->entities[i]);
    ls_jw_end(&w);
    if (!ls_jw_finish(&w))
        b->failed = 1;
    ls_jw_release(&w);
}

static ls_status insert_task(import_ctx *c, size_t i, ls_error *err)
{
    const ls_task *t = ls_doc_task(c->doc, i);
    ls_buf path, ents;
    ls_status st;

    ls_buf_init(&path);
    ls_buf_init(&ents);
    if (t->heading != LS_NONE)
        heading_path(c->doc, t->heading, &path);
    ls_buf_puts(&path, "");
    entities_json(t, &ents);
    if (path.failed || ents.failed) {
        st = ls_error_nomem(err);
    } else {
        ls_db_value p[12] = {LS_PI(c->task_ids[i]),
                             LS_PI(c->report),
                             LS_PT(t->id),
                             LS_PI(t->achievement),
                             LS_PT(ls_part_name(t->part)),
                             t->heading == LS_NONE ? LS_PN : LS_PI(c->heading_ids[t->heading]),
                             LS_PT(path.data),
                             LS_PI(t->start),
                             LS_PI(t->end),
                             LS_PT(t->text),
                             LS_PT(ents.data),
                             LS_PT(ls_task_role_name(t->role))};
        st = ls_batch_add(c->batch, p, err);
    }
    ls_buf_release(&path);
    ls_buf_release(&ents);
    return st;
}

static ls_status insert_mention(import_ctx *c, size_t i, ls_error *err)
{
    const ls_mention *m = ls_doc_mention(c->doc, i);
    size_t t = c->mention_task[i];
    char *text = ls_malloc(m->end - m->start + 1);
    ls_status st;

    if (!text)
        return ls_error_nomem(err);
    memcpy(text, c->text + m->start, m->end - m->start);
    text[m->end - m->start] = '\0';
    {
        ls_db_value p[15] = {LS_PI(c->mention_ids[i]),
                             LS_PI(c->report),
                             LS_PI(i),
                             t == LS_NONE ? LS_PN : LS_PI(c->task_ids[t]),
                             LS_PI(m->start),
                             LS_PI(m->end),
                             LS_PT(text),
                             LS_PR(m->value),
                             m->has_max ? LS_PR(m->value_max) : LS_PN,
                             LS_PT(m->unit),
                             LS_PT(ls_kind_name(m->kind)),
                             LS_PT(ls_op_name(m->op)),
                             LS_PT(ls_change_name(m->change)),
                             LS_PT(m->metric),
                             LS_PT(ls_part_name(m->part))};
        st = ls_batch_add(c->batch, p, err);
    }
    ls_free(text);
    return st;
}

/* The links, into the batch begun by the caller. */
static ls_status insert_links(import_ctx *c, ls_error *err)
{
    size_t i, n = ls_doc_link_count(c->doc);
    ls_status st = LS_OK;

    for (i = 0; i < n; i++) {
        const ls_link *l = ls_doc_link_at(c->doc, i);
        ls_db_value p[6] = {LS_PI(c->report),
                            LS_PI(c->mention_ids[l->target]),
                            LS_PI(c->mention_ids[l->baseline]),
                            LS_PR(l->similarity),
                            LS_PR(l->change_abs),
                            l->has_pct ? LS_PR(l->change_pct) : LS_PN};
        LS_CHECK(ls_batch_add(c->batch, p, err));
    }
done:
    return st;
}

void ls_store_sentence(const char *s, size_t len, size_t start, size_t end, size_t *a,
                       size_t *b)
{
    static const char *const stops[] = {"。", "；", "！", "？", NULL};
    size_t i, k;

    *a = start;
    while (*a > 0 && s[*a - 1] != '\n') {
        for (k = 0; stops[k]; k++)
            if (*a >= 3 && memcmp(s + *a - 3, stops[k], 3) == 0)
                break;
        if (stops[k])
            break;
        (*a)--;
    }
    /* without the indent: ASCII blanks and the ideographic space U+3000 */
    while (*a < start) {
        if (s[*a] == ' ' || s[*a] == '\t' || s[*a] == '\r')
            (*a)++;
        else if (*a + 3 <= start && memcmp(s + *a, "\xE3\x80\x80", 3) == 0)
            *a += 3;
        else
            break;
    }
    for (i = end; i < len && s[i] != '\n'; i++)
        for (k = 0; stops[k]; k++)
            if (i + 3 <= len && memcmp(s + i, stops[k], 3) == 0) {
                *b = i + 3;
                return;
            }
    *b = i;
}

/* Adds one ledger item over [start, end) of the text: a task row
 * ('task_id' set) or a headline target row ('mention_id' set), to the
 * batch begun by the caller. */
static ls_status insert_item(import_ctx *c, const char *kind, long long task_id,
                             long long mention_id, const char *part, const char *path,
                             size_t start, size_t end, const char *metric, ls_error *err)
{
    char *text = ls_malloc(end - start + 1);
    size_t i, n = 0;
    ls_status st;

    if (!text)
        return ls_error_nomem(err);
    /* the sentence as written, without Markdown bold markers */
    for (i = start; i < end; i++) {
        if (c->text[i] == '*' && i + 1 < end && c->text[i + 1] == '*') {
            i++;
            continue;
        }
        text[n++] = c->text[i];
    }
    text[n] = '\0';
    {
        ls_db_value p[11] = {LS_PI(c->report),
                             LS_PI(++c->items),
                             LS_PT(kind),
                             task_id ? LS_PI(task_id) : LS_PN,
                             mention_id ? LS_PI(mention_id) : LS_PN,
                             LS_PT(part),
                             LS_PT(path),
                             LS_PT(text),
                             LS_PI(start),
                             LS_PI(end),
                             LS_PT(ls_store_suggest_lead(metric, text))};
        st = ls_batch_add(c->batch, p, err);
    }
    ls_free(text);
    return st;
}

/* True for a clause that the office tracks: a commitment of the plan or
 * self part (of the requirements part in a report with no plan part). A
 * salutation, the 总体要求 paragraph, an explanation of a target, an intro
 * to a list, the closing call, a goal of a five-year period and the
 * headline (whose targets are rows of their own) are no task rows. */
static int is_ledger_task(const import_ctx *c, const ls_task *t)
{
    return !t->achievement && t->role == LS_ROLE_COMMITMENT &&
           (t->part == c->task_part || t->part == LS_PART_SELF);
}

/* The part whose tasks are rows: the plan; in a report that has none, the
 * requirements, which then hold the year's tasks (海拉尔区 2012: 过去一年工作
 * 回顾, then 2012年政府工作总体要求和目标任务 with all the areas of work). */
static ls_part task_part_of(const ls_doc *doc)
{
    size_t i, n = ls_doc_task_count(doc);

    for (i = 0; i < n; i++)
        if (ls_doc_task(doc, i)->part == LS_PART_PLAN)
            return LS_PART_PLAN;
    return LS_PART_REQUIREMENTS;
}

/* True for a target row: a target of the year's headline (主要预期目标是：…)
 * wherever it stands, or a target of a commitment of the requirements part
 * (赤字率按3%安排) unless the requirements hold the year's tasks (their task
 * rows list it). The goals of a five-year period are not the year's. */
static int is_headline_target(const import_ctx *c, size_t i)
{
    const ls_mention *m = ls_doc_mention(c->doc, i);
    size_t t = c->mention_task[i];
    ls_task_role role = t == LS_NONE ? LS_ROLE_COMMITMENT : ls_doc_task(c->doc, t)->role;

    if (m->kind != LS_KIND_TARGET)
        return 0;
    if (role == LS_ROLE_HEADLINE)
        return 1;
    return role == LS_ROLE_COMMITMENT && m->part == LS_PART_REQUIREMENTS &&
           c->task_part != LS_PART_REQUIREMENTS;
}

/* The innermost heading whose section holds 'pos', or LS_NONE. */
static size_t heading_at(const ls_doc *doc, size_t pos)
{
    size_t i, n = ls_doc_heading_count(doc), best = LS_NONE;

    for (i = 0; i < n; i++) {
        const ls_heading *h = ls_doc_heading(doc, i);
        if (h->start > pos)
            break;
        if (pos < h->body_end)
            best = i;
    }
    return best;
}

static ls_status item_for_target(import_ctx *c, size_t i, ls_error *err)
{
    const ls_mention *m = ls_doc_mention(c->doc, i);
    size_t a, b, h = heading_at(c->doc, m->start);
    ls_buf path;
    ls_status st;

    ls_store_sentence(c->text, c->text_len, m->start, m->end, &a, &b);
    ls_buf_init(&path);
    if (h != LS_NONE)
        heading_path(c->doc, h, &path);
    ls_buf_puts(&path, "");
    st = path.failed ? ls_error_nomem(err)
                     : insert_item(c, "target", 0, c->mention_ids[i], ls_part_name(m->part),
                                   path.data, a, b, m->metric, err);
    ls_buf_release(&path);
    c->result->targets++;
    return st;
}

static ls_status item_for_task(import_ctx *c, size_t i, ls_error *err)
{
    const ls_task *t = ls_doc_task(c->doc, i);
    const char *metric = t->mention_count ? ls_doc_mention(c->doc, t->first_mention)->metric : "";
    ls_buf path;
    ls_status st;

    ls_buf_init(&path);
    if (t->heading != LS_NONE)
        heading_path(c->doc, t->heading, &path);
    ls_buf_puts(&path, "");
    st = path.failed ? ls_error_nomem(err)
                     : insert_item(c, "task", c->task_ids[i], 0, ls_part_name(t->part),
                                   path.data, t->start, t->end, metric, err);
    ls_buf_release(&path);
    c->result->tasks++;
    return st;
}

/* The draft ledger: tasks and headline targets, merged in text order. */
static ls_status insert_items(import_ctx *c, ls_error *err)
{
    size_t t = 0, m = 0, nt = ls_doc_task_count(c->doc), nm = ls_doc_mention_count(c->doc);
    ls_status st = LS_OK;

    c->task_part = task_part_of(c->doc);
    while (t < nt || m < nm) {
        if (t < nt && !is_ledger_task(c, ls_doc_task(c->doc, t))) {
            t++;
        } else if (m < nm && !is_headline_target(c, m)) {
            m++;
        } else if (m >= nm || (t < nt && ls_doc_task(c->doc, t)->start <=
                                             ls_doc_mention(c->doc, m)->start)) {
            LS_CHECK(item_for_task(c, t++, err));
        } else {
            LS_CHECK(item_for_target(c, m++, err));
        }
    }
done:
    return st;
}

/* Which task holds each mention (tasks list their mentions as a range). */
static void map_mentions(import_ctx *c)
{
    size_t i, k, n = ls_doc_mention_count(c->doc);

    for (i = 0; i < n; i++)
        c->mention_task[i] = LS_NONE;
    for (i = 0; i < ls_doc_task_count(c->doc); i++) {
        const ls_task *t = ls_doc_task(c->doc, i);
        for (k = 0; k < t->mention_count; k++)
            if (t->first_mention + k < n)
                c->mention_task[t->first_mention + k] = i;
    }
}

/* Sends what the batch still holds, and frees it either way. */
static ls_status end_batch(import_ctx *c, ls_error *err)
{
    ls_status st = ls_batch_flush(c->batch, err);

    ls_batch_free(c->batch);
    return st;
}

/* Stores everything of the parsed 'doc', inside the open transaction. */
static ls_status store_doc(import_ctx *c, const char *sha, const char *source, const char *gov,
                           int year, ls_error *err)
{
    size_t i, nh = ls_doc_heading_count(c->doc), nt = ls_doc_task_count(c->doc),
              nm = ls_doc_mention_count(c->doc);
    char summary[256];
    ls_status st;

    c->heading_ids = ls_calloc(nh + 1, sizeof *c->heading_ids);
    c->task_ids = ls_calloc(nt + 1, sizeof *c->task_ids);
    c->mention_ids = ls_calloc(nm + 1, sizeof *c->mention_ids);
    c->mention_task = ls_calloc(nm + 1, sizeof *c->mention_task);
    c->batch = ls_calloc(1, sizeof *c->batch); /* zeroed: ls_batch_free may see it unused */
    if (!c->heading_ids || !c->task_ids || !c->mention_ids || !c->mention_task || !c->batch)
        return ls_error_nomem(err);
    map_mentions(c);
    LS_CHECK(insert_report(c, sha, source, gov, year, err));
    {
        ls_db_ids want[3] = {{"headings", nh, c->heading_ids},
                             {"tasks", nt, c->task_ids},
                             {"mentions", nm, c->mention_ids}};
        LS_CHECK(ls_db_reserve_ids(c->store->db, want, 3, err));
    }
    LS_CHECK(insert_headings(c, err));
    LS_CHECK(end_batch(c, err));
    ls_batch_init(c->batch, c->store->db,
                  "tasks (id, report_id, key, achievement, part, heading_id, path, start_byte, "
                  "end_byte, text, entities, role)",
                  12);
    for (i = 0; i < nt; i++)
        LS_CHECK(insert_task(c, i, err));
    LS_CHECK(end_batch(c, err));
    ls_batch_init(c->batch, c->store->db,
                  "mentions (id, report_id, seq, task_id, start_byte, end_byte, text, value, "
                  "value_max, unit, kind, op, change, metric, part)",
                  15);
    for (i = 0; i < nm; i++)
        LS_CHECK(insert_mention(c, i, err));
    LS_CHECK(end_batch(c, err));
    ls_batch_init(c->batch, c->store->db,
                  "links (report_id, target_id, baseline_id, similarity, change_abs, "
                  "change_pct)",
                  6);
    LS_CHECK(insert_links(c, err));
    LS_CHECK(end_batch(c, err));
    ls_batch_init(c->batch, c->store->db,
                  "items (report_id, seq, kind, task_id, mention_id, part, path, text, "
                  "start_byte, end_byte, suggested_lead)",
                  11);
    LS_CHECK(insert_items(c, err));
    LS_CHECK(end_batch(c, err));
    snprintf(summary, sizeof summary, "%s %d v%d %s: %zu tasks, %zu targets", gov, year,
             c->result->version, source, c->result->tasks, c->result->targets);
    LS_CHECK(ls_store_log(c->store, "import", "report", c->report, 0, NULL, NULL, summary, err));
done:
    ls_batch_free(c->batch); /* a batch a failure left open */
    return st;
}

/* The report already stored with hash 'sha' (0 if none). */
static ls_status find_report(ls_store *store, const char *sha, ls_import_result *result,
                             ls_error *err)
{
    ls_db_value p[1] = {LS_PT(sha)};
    ls_db_rows rows;
    ls_status st;

    memset(&rows, 0, sizeof rows);
    LS_CHECK(ls_db_query(store->db,
                         "SELECT r.id, r.version, "
                         "(SELECT COUNT(*) FROM items i WHERE i.report_id = r.id AND "
                         "i.kind = 'task'), "
                         "(SELECT COUNT(*) FROM items i WHERE i.report_id = r.id AND "
                         "i.kind = 'target') FROM reports r WHERE r.sha256 = ?",
                         p, 1, &rows, err));
    if (rows.nrows > 0) {
        result->report_id = ls_db_int(&rows, 0, 0);
        result->version = (int)ls_db_int(&rows, 0, 1);
        result->tasks = (size_t)ls_db_int(&rows, 0, 2);
        result->targets = (size_t)ls_db_int(&rows, 0, 3);
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

/* True when the 'len' bytes of 'text' hold nothing but blanks: ASCII white
 * space, U+3000 (the full-width space) and U+FEFF (a BOM). */
static int blank_text(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        if (u[i] == ' ' || u[i] == '\t' || u[i] == '\r' || u[i] == '\n' || u[i] == '\f' ||
            u[i] == '\v')
            i++;
        else if (i + 2 < len && ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) ||
                                 (u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF)))
            i += 3;
        else
            return 0;
    }
    return 1;
}

ls_status ls_import_prepare(const char *bytes, size_t len, const char *source, const char *gov,
                            int year, ls_import_prepared *p, ls_error *err)
{
    const char *text;
    size_t text_len;
    ls_status st;

    memset(p, 0, sizeof *p);
    if (!gov || !*gov)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no government named (--gov)");
    if (year < 1949 || year > 2200)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "year %d is not a report's year",
                            year);
    p->source = source ? source : "";
    p->gov = gov;
    p->year = year;
    sha256_hex(bytes, len, p->sha);
    LS_CHECK(ls_doc_read(*p->source ? p->source : NULL, bytes, len, &p->doc, err));
    LS_CHECK(ls_doc_tasks(p->doc, err));
    LS_CHECK(ls_doc_link(p->doc, err));
    text = ls_doc_text(p->doc, &text_len);
    /* an empty page is no new version of a report */
    if (blank_text(text, text_len))
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: the report has no text",
                              *p->source ? p->source : "the file"));
done:
    if (st != LS_OK)
        ls_import_prepared_free(p);
    return st;
}

void ls_import_prepared_free(ls_import_prepared *p)
{
    ls_doc_free(p->doc);
    p->doc = NULL;
}

/* The tables an import writes, for the planner's statistics. */
#define IMPORT_TABLES "governments, reports, headings, tasks, mentions, links, items"

/* After report 'id' is stored: the planner's statistics of the import's
 * tables refreshed each time the ledger has doubled (report 1, 2, 4, …
 * by id; a gap left by a failed import skips one). A store filled by a
 * long import would otherwise be planned, until autovacuum comes by, as
 * the small store it was: measured on PostgreSQL, a filtered `tasks` on
 * 10,000 reports just imported took 1.1 s instead of 7 ms (a hash of
 * every mention). A refresh samples at most 3,000 rows a table (pg.c:
 * 0.17 s on 10,000 reports), one a doubling. Its failure changes nothing
 * stored: ignored. */
static void refresh_statistics_when_doubled(ls_store *store, long long id)
{
    ls_error ignored;

    if (id > 0 && (id & (id - 1)) == 0)
        (void)ls_db_refresh_statistics(store->db, IMPORT_TABLES, &ignored);
}

ls_status ls_import_store(ls_store *store, const ls_import_prepared *p, ls_import_result *result,
                          ls_error *err)
{
    import_ctx c;
    ls_status st;

    memset(result, 0, sizeof *result);
    memset(&c, 0, sizeof c);
    c.store = store;
    c.doc = p->doc;
    c.text = ls_doc_text(p->doc, &c.text_len);
    c.result = result;
    LS_CHECK(ls_db_begin(store->db, err));
    /* another process may have imported the same bytes meanwhile */
    st = find_report(store, p->sha, result, err);
    if (st != LS_OK || result->report_id != 0) {
        ls_db_rollback(store->db);
        goto done;
    }
    st = ls_store_finish(store, store_doc(&c, p->sha, p->source, p->gov, p->year, err), err);
    if (st == LS_OK) {
        result->report_id = c.report;
        result->created = 1;
        refresh_statistics_when_doubled(store, c.report);
    } else {
        memset(result, 0, sizeof *result);
    }
done:
    ls_free(c.heading_ids);
    ls_free(c.task_ids);
    ls_free(c.mention_ids);
    ls_free(c.mention_task);
    ls_free(c.batch);
    return st;
}

ls_status ls_store_import(ls_store *store, const char *bytes, size_t len, const char *source,
                          const char *gov, int year, ls_import_result *result, ls_error *err)
{
    char sha[LS_SHA256_HEX_SIZE];
    ls_import_prepared p;
    ls_status st;

    memset(result, 0, sizeof *result);
    memset(&p, 0, sizeof p);
    if (!gov || !*gov)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no government named (--gov)");
    if (year < 1949 || year > 2200)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "year %d is not a report's year",
                            year);
    /* the same bytes stored already: not read again */
    sha256_hex(bytes, len, sha);
    LS_CHECK(find_report(store, sha, result, err));
    if (result->report_id != 0)
        goto done;
    LS_CHECK(ls_import_prepare(bytes, len, source, gov, year, &p, err));
    LS_CHECK(ls_import_store(store, &p, result, err));
done:
    ls_import_prepared_free(&p);
    return st;
}
