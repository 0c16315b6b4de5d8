/*
 * doc.h — the body of ls_doc, private to the library.
 *
 * A document owns its input (text and folded text), an arena for the
 * strings of its records, and the records themselves.
 */
#ifndef LS_DOC_H
#define LS_DOC_H

#include <pthread.h>

#include "arena.h"
#include "input.h"
#include "luoshi.h"
#include "tasks.h"

struct ls_doc {
    ls_input in;
    ls_arena arena;
    ls_mention *mentions;
    size_t mention_count;
    size_t mention_cap;
    int extracted;
    ls_heading *headings;
    size_t heading_count;
    int outlined;
    ls_task *tasks; /* heap, not arena; its strings are in the arena */
    size_t task_count;
    int tasked;
    ls_link *links;  /* heap, not arena: built by link.c */
    size_t link_count;
    int linked;
    char id[17];     /* computed when first asked (ls_doc_id): `extract` never is */
    int id_set;
    pthread_mutex_t id_lock;
    int html;        /* the text was extracted from an HTML page */
    const char *format; /* "text", "html", "docx", "pdf": what the text came from */
};

/* As ls_doc_new, for text a reader of another format extracted (a Word
 * document, a PDF: src/format/doc_open.c): 'bytes' is decoded as text,
 * never taken for an HTML page, and the document's format is 'format'
 * (a static string). */
ls_status ls_doc_new_extracted(const char *bytes, size_t len, const char *format, ls_doc **out,
                               ls_error *err);

/* As ls_doc_new, reading text that is UTF-8 already where it is
 * (ls_input_decode_in_place): 'bytes' must end with a NUL at bytes[len]
 * and outlive the document, unchanged. */
ls_status ls_doc_new_in_place(const char *bytes, size_t len, ls_doc **out, ls_error *err);

/* What the task stage reads of 'doc' (after ls_doc_extract). */
void ls_doc_tasks_input(const ls_doc *doc, ls_tasks_input *ti);

/* The least folded text of a stretch of tasks ls_doc_stream_json writes on
 * a thread of its own (a text is cut only at a part heading). 192 KB: the
 * stretches held at once keep `luoshi parse`'s peak 3–4 MB lower than at
 * 256 KB for 50 MB, in the same time (bench, docs/performance.md). */
#define LS_TASKS_CUT_MIN (3u << 16)

/* ls_doc_stream_json with the tasks cut into stretches of 'least' bytes or
 * more, written by up to 'workers' threads (below 2: one walk): the same
 * text whatever the cut (tests set both). */
ls_status ls_doc_stream_json_cut(const ls_doc *doc, const char *source, ls_write_fn write,
                                 void *ctx, size_t least, size_t workers, ls_error *err);

/* Appends copies of the 'n' mentions at 'm' ('m' NULL: room for 'n' that
 * the caller fills before any is read); LS_ENOMEM on failure. */
ls_status ls_doc_add_mentions(ls_doc *doc, const ls_mention *m, size_t n);

#endif
