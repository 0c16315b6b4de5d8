/*
 * numbers.h — the value of one numeric run and of the quantity around it.
 *
 * ls_num_arabic and ls_num_chinese convert a numeral run the lexer found
 * (1,200.5; 一百二十; 两千; 半). ls_num_read reads the whole quantity that
 * starts with a run: numeral, 余/多, scale word, unit, range, product and
 * fraction (1.6亿吨, 6600多万, 5%—6%, 3至5年, 2×100万千瓦, 三分之一).
 * All offsets are into the folded text (input.h).
 */
#ifndef LS_NUMBERS_H
#define LS_NUMBERS_H

#include <stddef.h>

#include "lex.h"

/* A quantity as written, before it is judged to be a mention. */
typedef struct {
    size_t start, end;           /* the whole quantity */
    size_t num_end;              /* end of the first numeral (and scale) */
    double value;
    double value_max;
    int has_max;
    size_t unit_start, unit_end; /* the unit; empty when unit_start == unit_end */
    int chinese;                 /* the first numeral is Chinese (三个) */
    int integer;                 /* the first numeral has no decimal point */
    int digits;                  /* Arabic digits in the first numeral */
    int scaled;                  /* a scale word (万, 亿) applied */
    double scale;                /* its value: 1e4 for 万; 1 when none */
    int more;                    /* 余/多 followed the numeral: op >= */
    int product;                 /* 2×100万千瓦 */
    int fraction;                /* 三分之一, 1/4 */
    ls_piece after;              /* LS_PIECE_GE, _LE, _APPROX after the unit, else NONE */
    ls_piece next;               /* what the lexer saw right after the numeral */
} ls_quantity;

/* The value of the Arabic numeral 'n' bytes at 's' (digits, thousands
 * commas in groups of three, one decimal point) in '*value'; returns 0 if
 * the run is malformed (1,23; 1.2.3). */
int ls_num_arabic(const char *s, size_t n, double *value);

/* The value of the Chinese numeral 'n' bytes at 's' in '*value': 三 → 3,
 * 十三 → 13, 一百二十 → 120, 两千 → 2000, 三千五百万 → 35000000, 百亿 → 1e10,
 * 半 → 0.5. Returns 0 for runs that are not one number: 十四五, 三五, 二〇二三
 * (a digit string), 一二. */
int ls_num_chinese(const char *s, size_t n, double *value);

/* Reads the quantity starting with the numeral 'tok' in 'text' into '*q'.
 * Returns 0 when the numeral itself is malformed. */
int ls_num_read(const char *text, const ls_token *tok, ls_quantity *q);

#endif
