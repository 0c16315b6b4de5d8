/*
 * tasks.h — clauses as tasks and achievements.
 */
#ifndef LS_TASKS_H
#define LS_TASKS_H

#include "arena.h"
#include "input.h"
#include "luoshi.h"
#include "roles.h"
#include "text.h"

/* What the task stage reads: the text, the outline and the mentions. */
typedef struct {
    const ls_input *in;
    const ls_heading *headings;
    size_t heading_count;
    const ls_mention *mentions;
    size_t mention_count;
    const char *doc_id;
} ls_tasks_input;

#define LS_TASK_ID_SIZE 64

/* What is known of the part and paragraph being read, for the roles of
 * their clauses (roles.h). */
typedef struct {
    size_t part; /* the part heading of the clauses read, or LS_NONE */
    ls_roles_part rp;
    ls_paragraph para;
} ls_tasks_roles;

/* A walk over the clauses, one task at a time (ls_tasks_next), so that a
 * writer can print the tasks of a large report without holding them all. */
typedef struct {
    const ls_tasks_input *ti;
    size_t a;                  /* where the next clause starts (folded text) */
    size_t to;                 /* where the walk ends (folded text) */
    size_t h, next_h, skip_h;  /* the heading above, the next one, the next that may be inside */
    size_t mention;            /* the first mention not before the clause */
    size_t clause_no;          /* of the clause under heading 'h' */
    size_t cursor;             /* for ls_input_text_offset_seq */
    size_t path_of, stem;      /* 'id' holds the stem of the ids of heading 'path_of' */
    char id[LS_TASK_ID_SIZE * 2];
    size_t *rank;              /* sibling_ranks of the headings */
    ls_tasks_roles roles;
    ls_word_index suffixes; /* entity_suffixes */
    ls_word_index stops;    /* name_stops, by their last character */
} ls_tasks_iter;

/* Starts a walk over the clauses of 'ti' (which must outlive it). Fails
 * only with LS_ENOMEM; release with ls_tasks_end either way. */
ls_status ls_tasks_begin(ls_tasks_iter *it, const ls_tasks_input *ti);

/* ls_tasks_begin for the clauses of folded text [from, to) alone: 'from'
 * and 'to' are where a part begins (ls_tasks_part_start), and the clauses
 * are those, with the same ids and roles, that the walk over the whole
 * text gives there. */
ls_status ls_tasks_begin_range(ls_tasks_iter *it, const ls_tasks_input *ti, size_t from, size_t to);

/* Where part heading 'h' (one with no parent) begins in the folded text,
 * when a walk may begin there: at the start of a line that no earlier line
 * runs on into. LS_NONE otherwise. */
size_t ls_tasks_part_start(const ls_tasks_input *ti, size_t h);

/* Fills '*t' with the next task or achievement, its strings (id, text,
 * entities) in 'arena', and sets '*found'; '*found' is 0 after the last.
 * Fails only with LS_ENOMEM. */
ls_status ls_tasks_next(ls_tasks_iter *it, ls_arena *arena, ls_task *t, int *found);

void ls_tasks_end(ls_tasks_iter *it);

/* Splits the parts of the report into tasks and achievements; the array
 * ('*out', '*count' records in text order; free with ls_free) is new, its
 * strings live in 'arena'.
 * Fails only with LS_ENOMEM. */
ls_status ls_tasks_build(const ls_tasks_input *ti, ls_arena *arena, ls_task **out, size_t *count);

#endif
