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
 * outline and mentions in blocks and its tasks in stretches (no item
 * holds a whole array of a long text), so the tasks are found
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

/* A long text's document as items of one run (stream_document): the
 * source text in pieces, the outline in blocks of OUTLINE_BLOCK headings,
 * the mentions in blocks of MENTIONS_BLOCK and the tasks cut at part
 * headings into stretches of LS_TASKS_CUT_MIN bytes of folded text or
 * more, made on threads and written in order. */
typedef struct {
    const ls_doc *doc;
    ls_tasks_input ti;
    ls_jw *w;            /* the document's writer */
    const ls_jw *inside; /* a thread's writer inside the outline, mentions or tasks array */
    const char *source;  /* the file the source object names */
    size_t pieces;       /* of the source text (TEXT_PIECE bytes each) */
    size_t headings;     /* blocks of the outline (one at least, perhaps empty) */
    size_t blocks;       /* of mentions */
    size_t *cuts;        /* stretch i is [cuts[i], cuts[i + 1]) */
    size_t count;        /* of stretches */
    int mentions_open;   /* 'w' is inside the mentions array */
} doc_items;

#define MENTIONS_BLOCK 4096

/* Headings an item of the outline writes: the outline of a long text is
 * as long as its mentions (16 MB of JSON for the 50 MB bench input), and
 * one item held it whole, grown by doubling (28 MB at once). */
#define OUTLINE_BLOCK 4096

/* The cuts of the tasks of 'di' into stretches of at least 'least' bytes;
 * 0 when memory runs out. */
static int cut_tasks(doc_items *di, size_t least)
{
    size_t h, x, last = 0, n = 0, len = di->doc->in.norm_len, bytes;

    if (!ls_mul_size(di->doc->heading_count + 2, sizeof *di->cuts, &bytes) ||
        !(di->cuts = ls_malloc(bytes)))
        return 0;
    di->cuts[n++] = 0;
    for (h = 0; h < di->doc->heading_count; h++) {
        x = ls_tasks_part_start(&di->ti, h);
        if (x != LS_NONE && x >= last + least && len - x >= least) {
            di->cuts[n++] = x;
            last = x;
        }
    }
    di->cuts[n] = len;
    di->count = n;
    return 1;
}

/* Bytes of the source text an item of the head escapes. */
#define TEXT_PIECE (1u << 18)

/* Piece 'k' of the source text of 'di': [*from, *to). */
static void text_piece(const doc_items *di, size_t k, size_t *from, size_t *to)
{
    size_t len = di->doc->in.text_len;

    *from = k * TEXT_PIECE;
    *to = k + 1 == di->pieces ? len : *from + TEXT_PIECE;
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

/* The headings of block 'b' of the outline into 'w'. */
static void heading_block(ls_jw *w, const ls_doc *doc, size_t b)
{
    size_t i, end;

    ls_block_range(b, OUTLINE_BLOCK, doc->heading_count, &i, &end);
    for (; i < end; i++)
        heading_json(w, &doc->headings[i], i);
}

/* The mentions of block 'b' into 'w'. */
static void mention_block(ls_jw *w, const ls_doc *doc, size_t b)
{
    size_t i, end;

    ls_block_range(b, MENTIONS_BLOCK, doc->mention_count, &i, &end);
    for (; i < end; i++) {
        ls_jw_object(w);
        mention_json(w, doc, &doc->mentions[i], i);
        ls_jw_end(w);
    }
}

/* The text a thread's writer 'w' holds, handed to 'out' (ls_ordered_run). */
static ls_status hand_over(ls_jw *w, int ok, ls_buf *out)
{
    ok = ls_jw_finish(w) && ok;
    *out = w->out;
    ls_buf_init(&w->out);
    ls_jw_release(w);
    return ok ? LS_OK : LS_ENOMEM;
}

/* Item 'i' of a document (stream_document), made on a thread: 0 the
 * source object's start (written when taken), 1 .. pieces the source
 * text escaped, then the outline's blocks, the mention blocks and the
 * task stretches. */
static ls_status make_item(void *ctx, size_t i, ls_buf *out)
{
    doc_items *di = ctx;
    ls_jw w;
    size_t from, to;

    if (i == 0) {
        ls_buf_init(out);
        return LS_OK;
    }
    if (i <= di->pieces) {
        text_piece(di, i - 1, &from, &to);
        ls_buf_init(out);
        ls_jw_escape(out, di->doc->in.text + from, to - from);
        return out->failed ? LS_ENOMEM : LS_OK;
    }
    i -= di->pieces + 1;
    ls_jw_init_inside(&w, di->inside);
    if (i < di->headings) {
        heading_block(&w, di->doc, i);
        return hand_over(&w, 1, out);
    }
    i -= di->headings;
    if (i < di->blocks) {
        mention_block(&w, di->doc, i);
        return hand_over(&w, 1, out);
    }
    i -= di->blocks;
    return hand_over(&w, stream_task_range(&w, di->doc, &di->ti, di->cuts[i], di->cuts[i + 1]),
                     out);
}

/* Item 'i' written into the document's writer, in order: the source text
 * goes in the pieces the threads escaped meanwhile; the outline array is
 * opened before its first block, closed and the mentions one opened
 * after its last, which is closed and the tasks one opened before the
 * first stretch. */
static int take_item(void *ctx, size_t i, const char *bytes, size_t n)
{
    doc_items *di = ctx;
    ls_jw *w = di->w;
    size_t outline_end = di->pieces + 1 + di->headings;

    if (i == 0) {
        source_head(w, di->doc, di->source);
        ls_jw_string_open(w);
    } else if (i <= di->pieces) {
        ls_jw_string_escaped(w, bytes, n);
    } else if (i < outline_end) {
        if (i == di->pieces + 1) {
            ls_jw_string_close(w);
            ls_jw_end(w);
            LS_JW_KEY(w, "outline");
            ls_jw_array(w);
        }
        ls_jw_splice(w, bytes, n);
    } else {
        if (i == outline_end) {
            ls_jw_end(w);
            LS_JW_KEY(w, "mentions");
            ls_jw_array(w);
            di->mentions_open = 1;
        }
        if (i == outline_end + di->blocks) {
            /* the first stretch: the mentions are all written */
            ls_jw_end(w);
            LS_JW_KEY(w, "tasks");
            ls_jw_array(w);
            di->mentions_open = 0;
        }
        ls_jw_splice(w, bytes, n);
    }
    return !w->failed && !w->out.failed;
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
    doc_items di;
    ls_jw shape, inside;
    ls_status st;

    memset(&di, 0, sizeof di);
    di.doc = doc;
    di.w = w;
    di.pieces = (doc->in.text_len + TEXT_PIECE - 1) / TEXT_PIECE;
    di.source = source;
    /* the template of the threads' writers, inside the outline (mentions,
     * tasks) array: 'w' itself changes as the items are taken */
    ls_jw_init_inside(&shape, w);
    ls_jw_array(&shape);
    ls_jw_init_inside(&inside, &shape);
    ls_jw_release(&shape);
    di.inside = &inside;
    di.headings = doc->heading_count ? ls_blocks_of(doc->heading_count, OUTLINE_BLOCK) : 1;
    di.blocks = ls_blocks_of(doc->mention_count, MENTIONS_BLOCK);
    ls_doc_tasks_input(doc, &di.ti);
    if (!cut_tasks(&di, least)) {
        ls_jw_release(&inside);
        return 0;
    }
    st = ls_ordered_run(di.pieces + 1 + di.headings + di.blocks + di.count, workers, workers + 1,
                        make_item, take_item, &di);
    ls_free(di.cuts);
    ls_jw_release(&inside);
    return st == LS_OK && !di.mentions_open;
}

/* The tasks of 'doc' (not built by ls_doc_tasks) written in one walk as
 * they are found (a long text's go through stream_document). 0 when
 * memory runs out or the sink fails. */
static int stream_tasks(ls_jw *w, const ls_doc *doc)
{
    ls_tasks_input ti;

    ls_doc_tasks_input(doc, &ti);
    return stream_task_range(w, doc, &ti, 0, doc->in.norm_len);
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
    write_outline(&w, doc);
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
    } else if (doc->extracted && !stream_tasks(&w, doc) && !w.failed) {
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
