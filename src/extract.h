/*
 * extract.h — quantity mentions of a document.
 */
#ifndef LS_EXTRACT_H
#define LS_EXTRACT_H

#include "doc.h"

/* The outline of 'doc' built while its figures are read: ls_doc_outline
 * with its error in 'ctx' (doc.c). */
typedef ls_status (*ls_extract_outline)(ls_doc *doc, void *ctx);

/* Finds every quantity mention in the folded text of 'doc' and appends it
 * to the document's mentions, in text order. The figures are read while
 * 'outline(doc, ctx)' builds the outline on the calling thread (NULL: it is
 * built already); their part and kind, which need it, are classified
 * after. A text of LS_EXTRACT_PART_MIN bytes or more per core this process
 * may use is cut at line starts into pieces (ls_extract_pieces_for) that
 * threads take in turn, the calling one once the outline is built; the
 * mentions are the same as one pass gives. Returns the status of
 * 'outline', LS_ENOMEM or LS_OK; on a failure no mention is added. */
ls_status ls_extract_run(ls_doc *doc, ls_extract_outline outline, void *ctx);

/* The least folded text a thread is given, the most threads, the folded
 * text a thread takes at a time, and the most pieces. */
#define LS_EXTRACT_PART_MIN (1u << 20)
#define LS_EXTRACT_PARTS_MAX 8
#define LS_EXTRACT_PIECE (1u << 20)
#define LS_EXTRACT_PIECES_MAX 256

/* How many threads ls_extract_run reads a folded text of 'text_len' bytes
 * on: one per LS_EXTRACT_PART_MIN bytes, at most one per core allowed
 * (sched_getaffinity) and LS_EXTRACT_PARTS_MAX. */
size_t ls_extract_parts_for(size_t text_len);

/* How many pieces ls_extract_run cuts a folded text of 'text_len' bytes
 * into for 'threads' threads: one per LS_EXTRACT_PIECE bytes, one a thread
 * at least (one with one thread), at most LS_EXTRACT_PIECES_MAX. More
 * pieces than threads let the thread that built the outline take its
 * share of what is left. */
size_t ls_extract_pieces_for(size_t text_len, size_t threads);

/* ls_extract_run with the text cut into 'pieces' pieces (1 to
 * LS_EXTRACT_PIECES_MAX) on 'threads' threads whatever its length: tests
 * check that any cut gives the mentions of one pass. */
ls_status ls_extract_run_with(ls_doc *doc, size_t pieces, size_t threads,
                              ls_extract_outline outline, void *ctx);

/* ls_extract_run_with(doc, parts, parts, NULL, NULL): 'doc' outlined. */
ls_status ls_extract_run_parts(ls_doc *doc, size_t parts);

/* ls_extract_run in one pass without the filters and indexes of word lists
 * the scan lends its classifiers (metric_stops … metric_lists of
 * ls_context): slower, and the same mentions, which tests check. */
ls_status ls_extract_run_plain(ls_doc *doc);

#endif
