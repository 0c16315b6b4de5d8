/*
 * outline.h — the heading tree of a report.
 */
#ifndef LS_OUTLINE_H
#define LS_OUTLINE_H

#include "arena.h"
#include "input.h"
#include "luoshi.h"

/* Finds the headings of the decoded input 'in'. The array (in '*out', with
 * '*count' headings in text order) and the titles live in 'arena'.
 * Fails only with LS_ENOMEM. */
ls_status ls_outline_build(const ls_input *in, ls_arena *arena, ls_heading **out, size_t *count);

#endif
