/*
 * tasks.h — clauses as tasks and achievements.
 */
#ifndef LS_TASKS_H
#define LS_TASKS_H

#include "arena.h"
#include "input.h"
#include "luoshi.h"

/* What the task stage reads: the text, the outline and the mentions. */
typedef struct {
    const ls_input *in;
    const ls_heading *headings;
    size_t heading_count;
    const ls_mention *mentions;
    size_t mention_count;
    const char *doc_id;
} ls_tasks_input;

/* Splits the parts of the report into tasks and achievements; the array
 * ('*out', '*count' records in text order) and its strings live in 'arena'.
 * Fails only with LS_ENOMEM. */
ls_status ls_tasks_build(const ls_tasks_input *ti, ls_arena *arena, ls_task **out, size_t *count);

#endif
