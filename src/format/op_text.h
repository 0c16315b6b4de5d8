/*
 * op_text.h — how a target's comparator is written for people (op_text.c):
 * one table for every front end, in a table's cell (≥ ≤ ≈ =) and before a
 * figure in a sentence (≥ ≤ 约, nothing for =).
 */
#ifndef LS_FORMAT_OP_TEXT_H
#define LS_FORMAT_OP_TEXT_H

/* The sign of comparator 'op' (">=", "<=", "~", "=", ">", "<") in a
 * cell: "≥", "≤", "≈", "=" ("" for NULL). */
const char *ls_op_sign(const char *op);

/* The words that go before a figure of comparator 'op' in a sentence:
 * "≥", "≤", "约", "＞", "＜", "" for "=" or NULL. */
const char *ls_op_words(const char *op);

#endif
