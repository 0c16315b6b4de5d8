/*
 * extract.h — quantity mentions of a document.
 */
#ifndef LS_EXTRACT_H
#define LS_EXTRACT_H

#include "doc.h"

/* Finds every quantity mention in the folded text of 'doc' and appends it
 * to the document's mentions, in text order. A text of LS_EXTRACT_PART_MIN
 * bytes or more per core this process may use is cut at line starts into
 * parts read on threads of their own (ls_extract_parts_for); the mentions
 * are the same as one pass gives. Returns LS_ENOMEM or LS_OK. */
ls_status ls_extract_run(ls_doc *doc);

/* The least folded text a thread is given, and the most threads. */
#define LS_EXTRACT_PART_MIN (1u << 20)
#define LS_EXTRACT_PARTS_MAX 8

/* How many parts ls_extract_run cuts a folded text of 'text_len' bytes
 * into: one per LS_EXTRACT_PART_MIN bytes, at most one per core allowed
 * (sched_getaffinity) and LS_EXTRACT_PARTS_MAX. */
size_t ls_extract_parts_for(size_t text_len);

/* ls_extract_run with the text cut into 'parts' parts (1 to
 * LS_EXTRACT_PARTS_MAX) whatever its length: tests check that any cut gives
 * the mentions of one pass. */
ls_status ls_extract_run_parts(ls_doc *doc, size_t parts);

/* ls_extract_run in one pass without the filters and indexes of word lists
 * the scan lends its classifiers (metric_stops … metric_lists of
 * ls_context): slower, and the same mentions, which tests check. */
ls_status ls_extract_run_plain(ls_doc *doc);

#endif
