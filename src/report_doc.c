/*
 * report_doc.c — the whole document as one JSON value (`luoshi parse`).
 *
 * Outline, mentions, tasks and achievements, and links, with indices that
 * refer to each other; the schema is docs/document.md (a test checks that
 * every field written here is documented there and the other way round).
 * Built with jansson; the caller prints the string.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "doc.h"
#include "error.h"

#define LS_VERSION "0.1.0"

/* A JSON number: an integer when 'v' is one. */
static json_t *number(double v)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* An index, or null for LS_NONE. */
static json_t *index_or_null(size_t i)
{
    return i == LS_NONE ? json_null() : json_integer((json_int_t)i);
}

/* Sets 'key' of 'o' to 'v' (stolen); returns 0 on failure. */
static int set(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0;
}

static json_t *source_json(const ls_doc *doc, const char *file)
{
    json_t *o = json_object();

    if (!o || !set(o, "file", file ? json_string(file) : json_null()) ||
        !set(o, "format", json_string(doc->format)) ||
        !set(o, "encoding", json_string(ls_encoding_name(doc->in.enc))) ||
        !set(o, "bytes", json_integer((json_int_t)doc->in.text_len)) ||
        !set(o, "offsets",
             json_string(strcmp(doc->format, "text") != 0 ? "extracted-text" : "input")) ||
        !set(o, "text", json_stringn(doc->in.text, doc->in.text_len))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *heading_json(const ls_heading *h, size_t i)
{
    json_t *o = json_object();

    if (!o || !set(o, "index", json_integer((json_int_t)i)) ||
        !set(o, "level", json_integer(h->level)) || !set(o, "title", json_string(h->title)) ||
        !set(o, "start", json_integer((json_int_t)h->start)) ||
        !set(o, "end", json_integer((json_int_t)h->end)) ||
        !set(o, "body_end", json_integer((json_int_t)h->body_end)) ||
        !set(o, "part", json_string(ls_part_name(h->part))) ||
        !set(o, "parent", index_or_null(h->parent))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *mention_json(const ls_doc *doc, const ls_mention *m, size_t i)
{
    const char *change = ls_change_name(m->change);
    json_t *o = json_object();

    if (!o || !set(o, "index", json_integer((json_int_t)i)) ||
        !set(o, "start", json_integer((json_int_t)m->start)) ||
        !set(o, "end", json_integer((json_int_t)m->end)) ||
        !set(o, "text", json_stringn(doc->in.text + m->start, m->end - m->start)) ||
        !set(o, "value", number(m->value)) ||
        !set(o, "value_max", m->has_max ? number(m->value_max) : json_null()) ||
        !set(o, "unit", json_string(m->unit)) ||
        !set(o, "kind", json_string(ls_kind_name(m->kind))) ||
        !set(o, "op", json_string(ls_op_name(m->op))) ||
        !set(o, "change", change ? json_string(change) : json_null()) ||
        !set(o, "metric", json_string(m->metric)) ||
        !set(o, "part", json_string(ls_part_name(m->part)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The titles from the top heading down to heading 'h'. */
static json_t *path_json(const ls_doc *doc, size_t h)
{
    json_t *a = json_array();
    size_t chain[8], n = 0;

    if (!a)
        return NULL;
    for (; h != LS_NONE && n < 8; h = doc->headings[h].parent)
        chain[n++] = h;
    while (n-- > 0)
        if (json_array_append_new(a, json_string(doc->headings[chain[n]].title))) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *task_json(const ls_doc *doc, const ls_task *t)
{
    json_t *o = json_object(), *mentions = json_array(), *entities = json_array();
    size_t i;
    int ok = o && mentions && entities;

    for (i = 0; ok && i < t->mention_count; i++)
        ok = json_array_append_new(mentions, json_integer((json_int_t)(t->first_mention + i))) == 0;
    for (i = 0; ok && i < t->entity_count; i++)
        ok = json_array_append_new(entities, json_string(t->entities[i])) == 0;
    if (!ok || !set(o, "id", json_string(t->id)) ||
        !set(o, "kind", json_string(t->achievement ? "achievement" : "task")) ||
        !set(o, "part", json_string(ls_part_name(t->part))) ||
        !set(o, "role", json_string(ls_task_role_name(t->role))) ||
        !set(o, "heading", index_or_null(t->heading)) ||
        !set(o, "path", path_json(doc, t->heading)) ||
        !set(o, "start", json_integer((json_int_t)t->start)) ||
        !set(o, "end", json_integer((json_int_t)t->end)) || !set(o, "text", json_string(t->text)) ||
        !set(o, "mentions", json_incref(mentions)) || !set(o, "entities", json_incref(entities))) {
        json_decref(o);
        o = NULL;
    }
    json_decref(mentions);
    json_decref(entities);
    return o;
}

static json_t *link_json(const ls_doc *doc, const ls_link *k)
{
    const ls_mention *t = &doc->mentions[k->target], *b = &doc->mentions[k->baseline];
    json_t *o = json_object();

    if (!o || !set(o, "target", json_integer((json_int_t)k->target)) ||
        !set(o, "baseline", json_integer((json_int_t)k->baseline)) ||
        !set(o, "target_metric", json_string(t->metric)) ||
        !set(o, "baseline_metric", json_string(b->metric)) ||
        !set(o, "similarity", json_real(k->similarity)) ||
        !set(o, "unit", json_string(t->unit)) ||
        !set(o, "change_abs", number(k->change_abs)) ||
        !set(o, "change_pct", k->has_pct ? json_real(k->change_pct) : json_null())) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Appends 'n' records made by 'make' to a new array set as 'key' of 'doc_o'. */
static int add_array(json_t *doc_o, const char *key, json_t *arr)
{
    return arr && json_object_set_new(doc_o, key, arr) == 0;
}

ls_status ls_doc_write_json(const ls_doc *doc, const char *source, char **out, size_t *out_len,
                            ls_error *err)
{
    json_t *o, *outline, *mentions, *tasks, *links;
    size_t i;
    int ok;

    *out = NULL;
    json_set_alloc_funcs(ls_malloc, ls_free);
    o = json_object();
    outline = json_array();
    mentions = json_array();
    tasks = json_array();
    links = json_array();
    ok = o && outline && mentions && tasks && links;
    for (i = 0; ok && i < doc->heading_count; i++)
        ok = json_array_append_new(outline, heading_json(&doc->headings[i], i)) == 0;
    for (i = 0; ok && i < doc->mention_count; i++)
        ok = json_array_append_new(mentions, mention_json(doc, &doc->mentions[i], i)) == 0;
    for (i = 0; ok && i < doc->task_count; i++)
        ok = json_array_append_new(tasks, task_json(doc, &doc->tasks[i])) == 0;
    for (i = 0; ok && i < doc->link_count; i++)
        ok = json_array_append_new(links, link_json(doc, &doc->links[i])) == 0;
    ok = ok && set(o, "luoshi", json_string(LS_VERSION)) && set(o, "id", json_string(doc->id)) &&
         set(o, "source", source_json(doc, source)) && add_array(o, "outline", json_incref(outline)) &&
         add_array(o, "mentions", json_incref(mentions)) && add_array(o, "tasks", json_incref(tasks)) &&
         add_array(o, "links", json_incref(links));
    json_decref(outline);
    json_decref(mentions);
    json_decref(tasks);
    json_decref(links);
    if (ok) {
        *out = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(1) | JSON_REAL_PRECISION(15));
        if (*out && out_len)
            *out_len = strlen(*out);
    }
    json_decref(o);
    return *out ? LS_OK : ls_error_nomem(err);
}
