/*
 * op_text.c — the comparators of targets in words and signs (op_text.h),
 * from one table (ORDER: an op the table does not know is written as
 * "=" in a cell and as nothing in a sentence).
 */
#include "op_text.h"

#include <stddef.h>
#include <string.h>

static const struct {
    const char *op, *sign, *words;
} ops[] = {{">=", "≥", "≥"}, {"<=", "≤", "≤"}, {"~", "≈", "约"},
           {">", "=", "＞"}, {"<", "=", "＜"}, {"=", "=", ""}};

/* The entry of 'op', or NULL. */
static size_t find(const char *op)
{
    size_t i;

    for (i = 0; op && i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(op, ops[i].op) == 0)
            return i;
    return (size_t)-1;
}

const char *ls_op_sign(const char *op)
{
    size_t i = find(op);

    return !op ? "" : i == (size_t)-1 ? "=" : ops[i].sign;
}

const char *ls_op_words(const char *op)
{
    size_t i = find(op);

    return i == (size_t)-1 ? "" : ops[i].words;
}
