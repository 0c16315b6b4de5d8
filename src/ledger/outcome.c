/*
 * outcome.c — met or missed: a target against the actual of the next
 * year's review that reports the same measure (found by compare.c).
 *
 *   >= (以上, 不低于, 超过)  met when actual ≥ target
 *   <= (以内, 不超过, 控制在) met when actual ≤ target
 *   ~  (左右, 约)            met within ±0.5 point for a rate in %, ±2% for
 *                           a level, and beyond the band on the good side
 *   a range (6%－6.5%)       met inside it or beyond it on the good side
 *   =  (增长7%, 达到X)        a floor, or a ceiling where less is better
 *
 * The good side is up for most measures and down for those of
 * data/less_better.txt (prices, unemployment, intensities, pollutants,
 * accidents, deficits). A target stated as a decrease (能耗降低2.5%) is met
 * by a decrease at least as large. It does not find actuals nor count.
 */
#include "outcome.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "measure.h"

/* The actual as a signed change against the target's: a rise where the
 * target states a fall counts against it. */
static double signed_actual(const ls_mention *t, const ls_mention *a, double v)
{
    if (t->change != LS_CHANGE_NONE && a->change != LS_CHANGE_NONE && t->change != a->change)
        return -v;
    return v;
}

int ls_outcome_met(const ls_mention *t, const ls_mention *a, double actual_value)
{
    double av = signed_actual(t, a, actual_value);
    double lo = t->value, hi = t->has_max ? t->value_max : t->value;
    /* +1 when more is better; a decrease aimed at is better the larger */
    int up = t->change == LS_CHANGE_DECREASE ? 1 : !ls_measure_less_better(t->metric);
    double band;

    switch (t->op) {
    case LS_OP_GE:
        return av >= lo;
    case LS_OP_LE:
        return av <= hi;
    case LS_OP_APPROX:
        band = strcmp(t->unit, "%") == 0 || strcmp(t->unit, "个百分点") == 0
                   ? LS_OUTCOME_BAND_POINTS
                   : LS_OUTCOME_BAND_SHARE * fabs(lo);
        return up ? av >= lo - band : av <= hi + band;
    default:
        return up ? av >= lo : av <= hi;
    }
}

/* Words that, in the clause before a figure, make it not one year's. */
static const char *const not_the_year[] = {"年均", "平均每年", "五年来", "五年间", "五年共",
                                           "十二五", "十三五", "十四五", "十五五", NULL};
/* Words of a running total, and the words that make it the year's own
 * (全年累计化解政府债务12.43亿元 is the year's). */
static const char *const totals[] = {"累计", "累积", NULL};
static const char *const the_year[] = {"全年", "年内", "当年", "今年", "一年来", NULL};

/* 1 when one of 'words' occurs in text [a, b). */
static int any_in(const char *text, size_t a, size_t b, const char *const *words)
{
    size_t i, j;

    for (j = 0; words[j]; j++) {
        size_t n = strlen(words[j]);
        for (i = a; i + n <= b; i++)
            if (memcmp(text + i, words[j], n) == 0)
                return 1;
    }
    return 0;
}

/* Words that open a paragraph about several years (五年来, “十四五”时期). */
static const char *const years_openers[] = {
    "五年来", "过去五年", "这五年", "五年间", "五年里", "十二五”时期", "十二五时期", "十三五”时期",
    "十三五时期", "十四五”时期", "十四五时期", "十二五”期间", "十三五”期间", "十四五”期间",
    "十二五”以来", "十三五”以来", "十四五”以来", NULL};
/* Words that open a paragraph about the last year (the year's own figure). */
static const char *const year_openers[] = {"过去一年", "过去的一年", "一年来", "去年", NULL};
/* Characters of a paragraph's opening read for those words. */
#define OPENING_BYTES 120
/* Paragraphs looked back through at most. */
#define PARAGRAPHS_MAX 400

/* 1 when the paragraph holding 'start', or the nearest before it whose
 * opening names a period, names several years rather than 'year' or the
 * last year: the five-year part of a review (过去五年…, ——这五年，…). */
static int in_years_part(const char *text, size_t len, size_t start, int year)
{
    char own[16];
    size_t end = start, n;

    snprintf(own, sizeof own, "%d年", year);
    for (n = 0; n < PARAGRAPHS_MAX; n++) {
        size_t a = end, b;
        while (a > 0 && text[a - 1] != '\n')
            a--;
        b = a + OPENING_BYTES < len ? a + OPENING_BYTES : len;
        if (n == 0 && b > start)
            b = start;
        if (any_in(text, a, b, year_openers) || (year > 0 && any_in(text, a, b, (const char *const[]){own, NULL})))
            return 0;
        if (any_in(text, a, b, years_openers))
            return 1;
        if (a == 0)
            return 0;
        end = a - 1;
    }
    return 0;
}

int ls_outcome_not_the_year(const char *text, size_t len, size_t start, int year)
{
    static const char *const marks[] = {"，", "；", "。", "：", ",", ";", "\n", NULL};
    size_t a = start, i;

    if (start > len)
        return 0;
    /* back to the mark that opens the clause */
    while (a > 0) {
        int found = 0;
        for (i = 0; marks[i]; i++) {
            size_t n = strlen(marks[i]);
            if (a >= n && memcmp(text + a - n, marks[i], n) == 0)
                found = 1;
        }
        if (found)
            break;
        a--;
    }
    return any_in(text, a, start, not_the_year) ||
           (any_in(text, a, start, totals) && !any_in(text, a, start, the_year)) ||
           in_years_part(text, len, start, year);
}
