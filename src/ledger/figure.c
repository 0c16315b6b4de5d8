/*
 * figure.c — a unit's figure read in the unit of its target. People write
 * what they see beside the target: 4 against 8.03万亩 means 4万亩, 9.5万人
 * means 95000 人. A figure with a unit is read as written by the project's
 * own number reader (ls_doc_extract: numerals, scale words, units); a bare
 * number is in the unit the target is shown in (its scale word and unit,
 * 万亩). A figure in another unit than the target's is refused, never
 * converted. Whether a figure is plausible (1% to 10 times its target) is
 * asked here too; what is done with the answer is review.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "loop.h"
#include "store.h"

/* ORDER SCALES: a power of ten and the scale word that writes it. */
static const struct {
    double factor;
    const char *word;
} scales[] = {{1e2, "百"},   {1e3, "千"}, {1e4, "万"},    {1e5, "十万"},  {1e6, "百万"},
              {1e7, "千万"}, {1e8, "亿"}, {1e10, "百亿"}, {1e11, "千亿"}, {1e12, "万亿"}};

/* The first number written in ASCII digits in 's', or 0 when none. */
static double first_number(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return strtod(s, NULL);
    return 0;
}

double ls_ledger_target_unit(const ls_item_target *t, char *buf, size_t size)
{
    const char *unit = t && t->unit ? t->unit : "";
    double written = t && t->text ? first_number(t->text) : 0, factor = 1;
    const char *word = "";
    size_t i;

    /* the scale is the stored value over the number as written: 8.03万亩
     * is stored as 80300 亩, so 万 */
    for (i = 0; written > 0 && i < sizeof scales / sizeof scales[0]; i++)
        if (fabs(t->value / written - scales[i].factor) < 1e-6 * scales[i].factor) {
            factor = scales[i].factor;
            word = scales[i].word;
        }
    snprintf(buf, size, "%s%s", strcmp(unit, "%") == 0 || strcmp(unit, "个百分点") == 0 ? "" : word,
             unit);
    return *word && strcmp(unit, "%") != 0 && strcmp(unit, "个百分点") != 0 ? factor : 1;
}

/* True when 's' (of 'n' bytes) is one number and nothing else: '*v'. */
static int bare_number(const char *s, size_t n, double *v)
{
    char tmp[64], *end;

    if (n == 0 || n >= sizeof tmp)
        return 0;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    *v = strtod(tmp, &end);
    return end != tmp && *end == '\0' && isfinite(*v) &&
           (tmp[0] == '-' || tmp[0] == '.' || (tmp[0] >= '0' && tmp[0] <= '9'));
}

/* 's' without blanks around it, in '*n' bytes from the result. */
static const char *trim(const char *s, size_t *n)
{
    size_t len = strlen(s);

    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *n = len;
    return s;
}

/* Reads 'text' (of 'n' bytes) as one quantity with the number reader:
 * its value with the scale applied, its unit ("" for none). */
static ls_status read_quantity(const char *text, size_t n, double *value, char *unit, size_t size,
                               ls_error *err)
{
    ls_doc *doc = NULL;
    const ls_mention *m;
    ls_status st;

    LS_CHECK(ls_doc_new(text, n, &doc, NULL));
    LS_CHECK(ls_doc_extract(doc, NULL));
    if (ls_doc_mention_count(doc) != 1 || (m = ls_doc_mention(doc, 0))->start != 0 || m->end != n ||
        m->has_max) {
        st = LS_EINVAL; /* not one figure, whole: said below */
        goto done;
    }
    *value = m->value;
    snprintf(unit, size, "%s", m->unit);
done:
    /* the reader's failures (it was given no 'err') are said here: any
     * but running out of memory means the text is no figure */
    if (st == LS_ENOMEM)
        st = ls_error_nomem(err);
    else if (st != LS_OK)
        st = ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                          "value '%.*s' is not a figure: write a number (in the unit of the "
                          "target), or a number with its scale and unit (9.5万人)",
                          (int)(n > 80 ? 80 : n), text);
    ls_doc_free(doc);
    return st;
}

ls_status ls_ledger_figure(const ls_item_target *t, const char *text, double *value, ls_error *err)
{
    char shown[64], unit[64];
    double factor = ls_ledger_target_unit(t, shown, sizeof shown), v = 0;
    size_t n;
    const char *s = trim(text ? text : "", &n);
    ls_status st;

    if (bare_number(s, n, &v)) {
        *value = v * factor;
        return LS_OK;
    }
    st = read_quantity(s, n, &v, unit, sizeof unit, err);
    if (st != LS_OK)
        return st;
    /* a figure in another unit is refused, never converted */
    if (*unit && t && t->unit && *t->unit && strcmp(unit, t->unit) != 0)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "value '%.*s' is in %s, but the target (%s) is in %s", (int)n, s, unit,
                            t->text ? t->text : "", shown);
    *value = v;
    return LS_OK;
}

ls_status ls_ledger_figure_plausible(const ls_item_target *t, const char *text, double value,
                                     ls_error *err)
{
    char shown[64];
    double factor, ratio;

    if (!t || t->value <= 0 || value < 0)
        return LS_OK;
    ratio = value / t->value;
    if (ratio >= 0.01 && ratio <= 10)
        return LS_OK;
    factor = ls_ledger_target_unit(t, shown, sizeof shown);
    return ls_error_set(err, LS_ECONFIRM, LS_NO_OFFSET, 0,
                        "value '%s' reads as %g%s, %s the target %s (%.4g%% of it): confirm it "
                        "is meant",
                        text, value / factor, shown, ratio < 0.01 ? "under 1% of" : "over 10 times",
                        t->text ? t->text : "", 100 * ratio);
}
