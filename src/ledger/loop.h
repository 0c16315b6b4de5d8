/*
 * loop.h — what the files of the closed loop of 督办 share inside the
 * ledger (evidence.c, figure.c, review.c): keeping a file of evidence inside
 * a transaction that is already open. The public calls are in luoshi.h.
 */
#ifndef LS_LEDGER_LOOP_H
#define LS_LEDGER_LOOP_H

#include "luoshi.h"

/* Keeps 'file' as evidence of row 'item' (and of report 'progress', 0:
 * none), sent by 'unit' (NULL: the office), inside the open transaction;
 * '*id' (may be NULL) gets its id. The errors of ls_ledger_evidence_add. */
ls_status ls_ledger_evidence_keep(ls_store *store, long long item, long long progress,
                                  const char *unit, const ls_evidence_file *file, long long *id,
                                  ls_error *err);

/* LS_OK when 'value' (read from 'text') is within 1% to 10 times target
 * 't' (or cannot be compared: no target, a target of 0); else LS_ECONFIRM
 * with the figures in words. */
ls_status ls_ledger_figure_plausible(const ls_item_target *t, const char *text, double value,
                                     ls_error *err);

#endif
