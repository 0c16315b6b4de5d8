/*
 * report_doc.c — the whole document as one JSON value (`luoshi parse`).
 *
 * Outline, mentions, tasks and achievements, and links, with indices that
 * refer to each other; the schema is docs/document.md (a test checks that
 * every field written here is documented there and the other way round).
 * Written record by record through the project's JSON writer (jsonw.c,
 * indented one space a level, reals with 15 digits) into a bounded buffer
 * that is handed to the caller's sink as it fills: the document is never
 * built as a tree, so writing it costs a few tens of KB whatever its size.
 * When ls_doc_tasks has not run, the tasks are found as they are written
 * (tasks.c's walk) and never held all at once: `luoshi parse` of a large
 * file keeps its text, outline and mentions, not its tens of thousands of
 * clauses. A long text's document is written as items of one run on
 * threads, spliced in order: its source text escaped in pieces, its
 * mentions in blocks and its tasks in stretches, so the tasks are found
 * while the text and the mentions are written.
 * It does not read or check the document: doc.c builds it.
 */
#include <string.h>

#include "alloc.h"
#include "doc.h"
#include "error.h"
#include "jsonw.h"
#include "ordered.h"
#include "tasks.h"

#define LS_VERSION "0.1.0"

/* An index, or null for LS_NONE. */
static void index_or_null(ls_jw *w, size_t i)
{
    if (i == LS_NONE)
        ls_jw_null(w);
    else
        ls_jw_int(w, (long long)i);
}

/* A key and its value; the key a literal (LS_JW_KEY). */
#define KEY_STR(w, key, value) (LS_JW_KEY(w, key), ls_jw_str(w, value))
#define KEY_INT(w, key, value) (LS_JW_KEY(w, key), ls_jw_int(w, value))

/* The source object up to its text, whose value is written next. */
static void source_head(ls_jw *w, const ls_doc *doc, const char *file)
{
    LS_JW_KEY(w, "source");
    ls_jw_object(w);
    KEY_STR(w, "file", file);
    KEY_STR(w, "format", doc->format);
    KEY_STR(w, "encoding", ls_encoding_name(doc->in.enc));
    KEY_INT(w, "bytes", (long long)doc->in.text_len);
    KEY_STR(w, "offsets", strcmp(doc->format, "text") != 0 ? "extracted-text" : "input");
    LS_JW_KEY(w, "text");
}

static void source_json(ls_jw *w, const ls_doc *doc, const char *file)
{
    source_head(w, doc, file);
    ls_jw_strn(w, doc->in.text, doc->in.text_len);
    ls_jw_end(w);
}

static void heading_json(ls_jw *w, const ls_heading *h, size_t i)
{
    ls_jw_object(w);
    KEY_INT(w, "index", (long long)i);
    KEY_INT(w, "level", h->level);
    KEY_STR(w, "title", h->title);
    KEY_INT(w, "start", (long long)h->start);
    KEY_INT(w, "end", (long long)h->end);
    KEY_INT(w, "body_end", (long long)h->body_end);
    KEY_STR(w, "part", ls_part_name(h->part));
    LS_JW_KEY(w, "parent");
    index_or_null(w, h->parent);
    ls_jw_end(w);
}

static void mention_json(ls_jw *w, const ls_doc *doc, const ls_mention *m, size_t i)
{
    KEY_INT(w, "index", (long long)i);
    KEY_INT(w, "start", (long long)m->start);
    KEY_INT(w, "end", (long long)m->end);
    LS_JW_KEY(w, "text");
    ls_jw_strn(w, doc->in.text + m->start, m->end - m->start);
    LS_JW_KEY(w, "value");
    ls_jw_num(w, m->value);
    LS_JW_KEY(w, "value_max");
    if (m->has_max)
        ls_jw_num(w, m->value_max);
    else
        ls_jw_null(w);
    KEY_STR(w, "unit", m->unit);
    KEY_STR(w, "kind", ls_kind_name(m->kind));
    KEY_STR(w, "op", ls_op_name(m->op));
    KEY_STR(w, "change", ls_change_name(m->change));
    KEY_STR(w, "metric", m->metric);
    KEY_STR(w, "part", ls_part_name(m->part));
}

/* The titles from the top heading down to heading 'h'. */
static void path_json(ls_jw *w, const ls_doc *doc, size_t h)
{
    size_t chain[8], n = 0;

    for (; h != LS_NONE && n < 8; h = doc->headings[h].parent)
        chain[n++] = h;
    ls_jw_array(w);
    while (n-- > 0)
        ls_jw_str(w, doc->headings[chain[n]].title);
    ls_jw_end(w);
}

/* The last path a walk of tasks wrote, as JSON: the tasks under one
 * heading follow each other, and each copies the text the first wrote
 * instead of escaping and indenting the same titles again. */
typedef struct {
    size_t heading; /* whose path 'json' holds */
    size_t depth;   /* of the writer it was written for */
    int held;       /* 'json' holds a path */
    ls_jw json;
} path_memo;

static void path_memo_init(path_memo *m)
{
    memset(m, 0, sizeof *m);
}

static void path_memo_release(path_memo *m)
{
    if (m->held)
        ls_jw_release(&m->json);
    m->held = 0;
}

/* path_json through 'm'. */
static void path_json_memo(ls_jw *w, const ls_doc *doc, size_t h, path_memo *m)
{
    if (!m->held || m->heading != h || m->depth != w->depth) {
        path_memo_release(m);
        ls_jw_init_value(&m->json, w);
        path_json(&m->json, doc, h);
        m->held = 1;
        m->heading = h;
        m->depth = w->depth;
        if (m->json.failed || m->json.out.failed) {
            path_memo_release(m);
            path_json(w, doc, h);
            return;
        }
    }
    ls_jw_raw(w, m->json.out.data, m->json.out.len);
}

static void task_json(ls_jw *w, const ls_doc *doc, const ls_task *t, path_memo *memo)
{
    size_t i;

    ls_jw_object(w);
    KEY_STR(w, "id", t->id);
    KEY_STR(w, "kind", t->achievement ? "achievement" : "task");
    KEY_STR(w, "part", ls_part_name(t->part));
    KEY_STR(w, "role", ls_task_role_name(t->role));
    LS_JW_KEY(w, "heading");
    index_or_null(w, t->heading);
    LS_JW_KEY(w, "path");
    path_json_memo(w, doc, t->heading, memo);
    KEY_INT(w, "start", (long long)t->start);
    KEY_INT(w, "end", (long long)t->end);
    KEY_STR(w, "text", t->text);
    LS_JW_KEY(w, "mentions");
    ls_jw_array(w);
    for (i = 0; i < t->mention_count; i++)
        ls_jw_int(w, (long long)(t->first_mention + i));
    ls_jw_end(w);
    LS_JW_KEY(w, "entities");
    ls_jw_array(w);
    for (i = 0; i < t->entity_count; i++)
        ls_jw_str(w, t->entities[i]);
    ls_jw_end(w);
    ls_jw_end(w);
}

/* Writes the tasks of 'ti' in folded text [from, to) as they are found,
 * each one's strings in an arena emptied after it: the document never
 * holds them all. 0 when memory runs out. */
static int stream_task_range(ls_jw *w, const ls_doc *doc, const ls_tasks_input *ti, size_t from,
                             size_t to)
{
    ls_tasks_iter it;
    ls_arena scratch;
    ls_task t;
    path_memo memo;
    int found = 1, ok;

    ls_arena_init(&scratch);
    path_memo_init(&memo);
    ok = ls_tasks_begin_range(&it, ti, from, to) == LS_OK;
    while (ok && found) {
        ok = ls_tasks_next(&it, &scratch, &t, &found) == LS_OK;
        if (ok && found)
            task_json(w, doc, &t, &memo);
        ls_arena_reset(&scratch);
    }
    path_memo_release(&memo);
    ls_arena_release(&scratch);
    ls_tasks_end(&it);
    return ok;
}

/* The tasks cut at part headings into stretches of LS_TASKS_CUT_MIN bytes
 * of folded text or more, written on threads and spliced in text order;
 * before them, when 'blocks' > 0, the mentions in blocks of
 * MENTIONS_BLOCK, written on the same threads into the mentions array. */
typedef struct {
    const ls_doc *doc;
    ls_tasks_input ti;
    ls_jw *w;      /* the document's writer, inside the tasks (or mentions) array */
    const ls_jw *inside; /* the writer a thread's copies start from (ls_jw_init_inside) */
    const ls_jw *top;    /* the same for the outline, a value of the top object */
    size_t *cuts;  /* stretch i is [cuts[i], cuts[i + 1]) */
    size_t count;  /* of stretches */
    size_t blocks; /* of mentions, items before the stretches */
    int mentions_open; /* 'w' is inside the mentions array */
    int head;      /* items before the blocks: the head (source and outline) */
    size_t pieces; /* of the source text in the head, escaped by the threads */
    const char *source; /* the file the head names */
} task_stretches;

#define MENTIONS_BLOCK 4096

/* The cuts of the tasks of 'ts' into stretches of at least 'least' bytes;
 * 0 when memory runs out. */
static int cut_tasks(task_stretches *ts, size_t least)
{
    size_t h, x, last = 0, n = 0, len = ts->doc->in.norm_len, bytes;

    if (!ls_mul_size(ts->doc->heading_count + 2, sizeof *ts->cuts, &bytes) ||
        !(ts->cuts = ls_malloc(bytes)))
        return 0;
    ts->cuts[n++] = 0;
    for (h = 0; h < ts->doc->heading_count; h++) {
        x = ls_tasks_part_start(&ts->ti, h);
        if (x != LS_NONE && x >= last + least && len - x >= least) {
            ts->cuts[n++] = x;
            last = x;
        }
    }
    ts->cuts[n] = len;
    ts->count = n;
    return 1;
}

/* Bytes of the source text an item of the head escapes. */
#define TEXT_PIECE (1u << 18)

/* Piece 'k' of the source text of 'ts': [*from, *to). */
static void text_piece(const task_stretches *ts, size_t k, size_t *from, size_t *to)
{
    size_t len = ts->doc->in.text_len;

    *from = k * TEXT_PIECE;
    *to = k + 1 == ts->pieces ? len : *from + TEXT_PIECE;
}

/* The document's outline. */
static void write_outline(ls_jw *w, const ls_doc *doc)
{
    size_t i;

    LS_JW_KEY(w, "outline");
    ls_jw_array(w);
    for (i = 0; i < doc->heading_count; i++)
        heading_json(w, &doc->headings[i], i);
    ls_jw_end(w);
}

/* The mentions of block 'b' into 'w'. */
static void mention_block(ls_jw *w, const ls_doc *doc, size_t b)
{
    size_t i = b * MENTIONS_BLOCK, end = i + MENTIONS_BLOCK;

    if (end > doc->mention_count)
        end = doc->mention_count;
    for (; i < end; i++) {
        ls_jw_object(w);
        mention_json(w, doc, &doc->mentions[i], i);
        ls_jw_end(w);
    }
}

static ls_status make_stretch(void *ctx, size_t i, ls_buf *out)
{
    task_stretches *ts = ctx;
    ls_jw w;
    int ok = 1;

    if (ts->head) {
        /* the head's first item is written when taken; its last, the
         * outline, after the source object of the top one ('top') */
        if (i == 0) {
            ls_buf_init(out);
            return LS_OK;
        }
        if (i == ts->pieces + 1) {
            ls_jw_init_inside(&w, ts->top);
            write_outline(&w, ts->doc);
            ok = ls_jw_finish(&w);
            *out = w.out;
            ls_buf_init(&w.out);
            ls_jw_release(&w);
            return ok ? LS_OK : LS_ENOMEM;
        }
        if (i <= ts->pieces) {
            size_t from, to;
            text_piece(ts, i - 1, &from, &to);
            ls_buf_init(out);
            ls_jw_escape(out, ts->doc->in.text + from, to - from);
            return out->failed ? LS_ENOMEM : LS_OK;
        }
        i -= ts->pieces + 2;
    }
    ls_jw_init_inside(&w, ts->inside);
    if (i < ts->blocks)
        mention_block(&w, ts->doc, i);
    else
        ok = stream_task_range(&w, ts->doc, &ts->ti, ts->cuts[i - ts->blocks],
                               ts->cuts[i - ts->blocks + 1]);
    ok = ls_jw_finish(&w) && ok;
    *out = w.out;
    ls_buf_init(&w.out);
    ls_jw_release(&w);
    return ok ? LS_OK : LS_ENOMEM;
}

static int take_stretch(void *ctx, size_t i, const char *bytes, size_t n)
{
    task_stretches *ts = ctx;

    if (ts->head) {
        /* the source text goes in pieces the threads escaped meanwhile */
        if (i == 0) {
            source_head(ts->w, ts->doc, ts->source);
            ls_jw_string_open(ts->w);
        } else if (i <= ts->pieces) {
            ls_jw_string_escaped(ts->w, bytes, n);
        } else if (i == ts->pieces + 1) {
            ls_jw_string_close(ts->w);
            ls_jw_end(ts->w);
            ls_jw_splice(ts->w, bytes, n);
            LS_JW_KEY(ts->w, "mentions");
            ls_jw_array(ts->w);
            ts->mentions_open = 1;
        }
        if (i <= ts->pieces + 1)
            return !ts->w->failed && !ts->w->out.failed;
        i -= ts->pieces + 2;
    }
    if (ts->mentions_open && i == ts->blocks) {
        /* the first stretch: the mentions are all written */
        ls_jw_end(ts->w);
        LS_JW_KEY(ts->w, "tasks");
        ls_jw_array(ts->w);
        ts->mentions_open = 0;
    }
    ls_jw_splice(ts->w, bytes, n);
    return !ts->w->failed && !ts->w->out.failed;
}

/* The head of 'doc' (source, outline), its mentions and its tasks (not
 * built by ls_doc_tasks, found as they are written), from inside the top
 * object of 'w' to inside its tasks array, as items of one run on
 * 'workers' threads (more than one): the first mentions and tasks are
 * made while the head is written, the tasks while the mentions are. 0
 * when memory runs out or the sink fails. */
static int stream_document(ls_jw *w, const ls_doc *doc, const char *source, size_t least,
                           size_t workers)
{
    task_stretches ts;
    ls_jw shape, inside, top;
    ls_status st;

    memset(&ts, 0, sizeof ts);
    ts.doc = doc;
    ts.w = w;
    ts.head = 1;
    ts.pieces = (doc->in.text_len + TEXT_PIECE - 1) / TEXT_PIECE;
    ts.source = source;
    /* the template of the threads' writers, inside the mentions (or tasks)
     * array: 'w' itself changes as the items are taken */
    ls_jw_init_inside(&top, w);
    ls_jw_init_inside(&shape, w);
    ls_jw_array(&shape);
    ls_jw_init_inside(&inside, &shape);
    ls_jw_release(&shape);
    ts.inside = &inside;
    ts.top = &top;
    ts.blocks = (doc->mention_count + MENTIONS_BLOCK - 1) / MENTIONS_BLOCK;
    ls_doc_tasks_input(doc, &ts.ti);
    if (!cut_tasks(&ts, least)) {
        ls_jw_release(&inside);
        ls_jw_release(&top);
        return 0;
    }
    st = ls_ordered_run(ts.pieces + 2 + ts.blocks + ts.count, workers, workers + 1, make_stretch,
                        take_stretch, &ts);
    ls_free(ts.cuts);
    ls_jw_release(&inside);
    ls_jw_release(&top);
    return st == LS_OK && !ts.mentions_open;
}

/* The tasks of 'doc' (not built by ls_doc_tasks) written as they are found:
 * in one walk, or, when the text is long enough to cut and 'workers' > 1,
 * in stretches walked on threads (at most two stretches a thread held at
 * once). 0 when memory runs out or the sink fails. */
static int stream_tasks(ls_jw *w, const ls_doc *doc, size_t least, size_t workers)
{
    task_stretches ts;
    ls_status st;

    memset(&ts, 0, sizeof ts);
    ts.doc = doc;
    ts.w = w;
    ts.inside = w;
    ls_doc_tasks_input(doc, &ts.ti);
    if (workers < 2 || doc->in.norm_len < 2 * least)
        return stream_task_range(w, doc, &ts.ti, 0, doc->in.norm_len);
    if (!cut_tasks(&ts, least))
        return 0;
    if (ts.count < 2)
        st = stream_task_range(w, doc, &ts.ti, 0, doc->in.norm_len) ? LS_OK : LS_ENOMEM;
    else
        st = ls_ordered_run(ts.count, workers, workers + 1, make_stretch, take_stretch, &ts);
    ls_free(ts.cuts);
    return st == LS_OK;
}

static void link_json(ls_jw *w, const ls_doc *doc, const ls_link *k)
{
    const ls_mention *t = &doc->mentions[k->target], *b = &doc->mentions[k->baseline];

    ls_jw_object(w);
    KEY_INT(w, "target", (long long)k->target);
    KEY_INT(w, "baseline", (long long)k->baseline);
    KEY_STR(w, "target_metric", t->metric);
    KEY_STR(w, "baseline_metric", b->metric);
    LS_JW_KEY(w, "similarity");
    ls_jw_real(w, k->similarity);
    KEY_STR(w, "unit", t->unit);
    LS_JW_KEY(w, "change_abs");
    ls_jw_num(w, k->change_abs);
    LS_JW_KEY(w, "change_pct");
    if (k->has_pct)
        ls_jw_real(w, k->change_pct);
    else
        ls_jw_null(w);
    ls_jw_end(w);
}

ls_status ls_doc_stream_json(const ls_doc *doc, const char *source, ls_write_fn write,
                             void *ctx, ls_error *err)
{
    /* a text too short to cut is written in one walk: no cores asked for */
    size_t workers = doc->in.norm_len < 2 * LS_TASKS_CUT_MIN ? 1 : ls_cores_allowed();

    return ls_doc_stream_json_cut(doc, source, write, ctx, LS_TASKS_CUT_MIN, workers, err);
}

ls_status ls_doc_stream_json_cut(const ls_doc *doc, const char *source, ls_write_fn write,
                                 void *ctx, size_t least, size_t workers, ls_error *err)
{
    ls_jw w;
    size_t i;
    int ok, nomem;

    ls_jw_init(&w, write, ctx, 15);
    ls_jw_set_indent(&w, 1);
    ls_jw_object(&w);
    KEY_STR(&w, "luoshi", LS_VERSION);
    KEY_STR(&w, "id", ls_doc_id(doc));
    if (!doc->tasked && doc->extracted && workers >= 2 && doc->in.norm_len >= 2 * least) {
        /* a long text: head, mentions and tasks written on threads at once */
        if (!stream_document(&w, doc, source, least, workers) && !w.failed)
            w.out.failed = 1;
        goto links;
    }
    source_json(&w, doc, source);
    LS_JW_KEY(&w, "outline");
    ls_jw_array(&w);
    for (i = 0; i < doc->heading_count; i++)
        heading_json(&w, &doc->headings[i], i);
    ls_jw_end(&w);
    LS_JW_KEY(&w, "mentions");
    ls_jw_array(&w);
    for (i = 0; i < doc->mention_count; i++) {
        ls_jw_object(&w);
        mention_json(&w, doc, &doc->mentions[i], i);
        ls_jw_end(&w);
    }
    ls_jw_end(&w);
    LS_JW_KEY(&w, "tasks");
    ls_jw_array(&w);
    if (doc->tasked) {
        path_memo memo;
        path_memo_init(&memo);
        for (i = 0; i < doc->task_count; i++)
            task_json(&w, doc, &doc->tasks[i], &memo);
        path_memo_release(&memo);
    } else if (doc->extracted && !stream_tasks(&w, doc, least, workers) && !w.failed) {
        w.out.failed = 1;
    }
links:
    ls_jw_end(&w);
    LS_JW_KEY(&w, "links");
    ls_jw_array(&w);
    for (i = 0; i < doc->link_count; i++)
        link_json(&w, doc, &doc->links[i]);
    ls_jw_end(&w);
    ls_jw_end(&w);
    ok = ls_jw_finish(&w);
    nomem = w.out.failed;
    ls_jw_release(&w);
    if (!ok)
        return nomem ? ls_error_nomem(err)
                            : ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0,
                                           "the document could not be written");
    return LS_OK;
}

ls_status ls_doc_write_json(const ls_doc *doc, const char *source, char **out, size_t *out_len,
                            ls_error *err)
{
    ls_buf b;
    ls_status st;

    *out = NULL;
    ls_buf_init(&b);
    st = ls_doc_stream_json(doc, source, ls_buf_sink, &b, err);
    if (st == LS_EIO && b.failed) /* the buffer's memory ran out, not a file */
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(st);
    if (!(*out = ls_buf_detach(&b, out_len)))
        LS_CHECK(ls_error_nomem(err));
done:
    ls_buf_release(&b);
    return st;
}
