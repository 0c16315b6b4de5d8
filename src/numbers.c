/*
 * numbers.c — what a numeric run is worth, and the quantity around it.
 *
 * The lexer takes any plausible run; this file alone decides its value.
 * It does not decide whether a quantity is a mention (a year, a slogan, a
 * code): that is extract.c. Invariant: a quantity's [start, end) covers the
 * numeral and everything read after it, and nothing before it.
 */
#include "numbers.h"

#include <math.h>
#include <string.h>

#include "text.h"

/* Accepted: [0-9]+ (,[0-9]{3})* (.[0-9]+)?. The tricky case is the comma,
 * which in some reports is also the clause comma: "增长7%,占" never reaches
 * here with the comma, since the lexer only takes ",ddd". */
int ls_num_arabic(const char *s, size_t n, double *value)
{
    double v = 0, scale = 0.1;
    int in_fraction = 0, group = -1;
    size_t i;

    if (n == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (in_fraction) {
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (c - '0');
                if (group >= 0)
                    group++;
            }
        } else if (c == ',' && !in_fraction && (group < 0 || group == 3)) {
            group = 0;
        } else if (c == '.' && !in_fraction && (group < 0 || group == 3)) {
            in_fraction = 1;
        } else {
            return 0;
        }
    }
    if (group >= 0 && group != 3)
        return 0;
    *value = v;
    return 1;
}

/* The value of one Chinese numeral character: a digit 0-9, a small unit
 * (10, 100, 1000, as negative -10 ...), a big unit (-1e4, -1e8), or 0.5
 * for 半. Returns the UTF-8 length consumed, 0 if 's' is not a numeral. */
static size_t cn_char(const char *s, double *v)
{
    static const struct {
        const char *ch;
        double v;
    } table[] = {
        {"〇", 0},   {"零", 0},   {"一", 1},   {"二", 2},   {"两", 2},   {"三", 3},
        {"四", 4},   {"五", 5},   {"六", 6},   {"七", 7},   {"八", 8},   {"九", 9},
        {"十", -10}, {"百", -100}, {"千", -1e3}, {"万", -1e4}, {"亿", -1e8}, {"半", 0.5},
    };
    size_t i;

    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (memcmp(s, table[i].ch, 3) == 0) {
            *v = table[i].v;
            return 3;
        }
    }
    return 0;
}

/* Accepted: the usual grammar of Chinese numerals, where a digit is
 * followed by a smaller unit than the last (三千五百), 零 marks a gap
 * (一百零五), a leading unit stands for one (十三, 百亿, 千万), and 万/亿
 * multiply all that comes before them in their section (三亿五千万).
 * Tricky: 十四五 is the 14th five-year plan, not a number; two digits in a
 * row without a unit between them reject the run. */
int ls_num_chinese(const char *s, size_t n, double *value)
{
    double total = 0, section = 0, digit = -1, last_small = 1e9, v;
    size_t i = 0, len;

    if (n == 3 && memcmp(s, "半", 3) == 0) {
        *value = 0.5;
        return 1;
    }
    while (i < n) {
        len = cn_char(s + i, &v);
        if (len == 0 || v == 0.5)
            return 0;
        i += len;
        if (v >= 0) {
            /* two digits in a row (十四五, 二〇二三) are not one number */
            if (digit >= 0 && !(digit == 0 && v > 0))
                return 0;
            digit = v;
        } else if (v > -1e4) {
            double unit = -v;
            if (unit >= last_small)
                return 0;
            section += (digit > 0 ? digit : (digit == 0 ? 0 : 1)) * unit;
            if (digit == 0)
                return 0;
            last_small = unit;
            digit = -1;
        } else {
            double big = -v;
            if (digit > 0)
                section += digit;
            if (section == 0 && total == 0)
                section = 1;
            if (big == 1e8 || total == 0 || section == 0)
                total = (total + section) * big;
            else
                total += section * big;
            section = 0;
            digit = -1;
            last_small = 1e9;
        }
    }
    if (digit > 0)
        section += digit;
    /* 一半: a half */
    *value = total + section;
    return 1;
}

/* The piece at 'pos' (see lex.h); its length goes to '*len', counting the
 * spaces some reports put between a number and its unit (20 万辆). */
static ls_piece piece_at(const char *text, size_t pos, size_t *len)
{
    size_t at = ls_text_skip_spaces(text, pos);
    ls_piece p;

    *len = ls_lex_piece(text, at, &p);
    if (p == LS_PIECE_NONE || p == LS_PIECE_LATIN || p == LS_PIECE_DOT) {
        if (at != pos)
            *len = 0, p = LS_PIECE_NONE;
        return p;
    }
    *len += at - pos;
    return p;
}

/* Value of the scale word 'n' bytes at 's': 万 → 1e4, 万亿 → 1e12 ... */
static double scale_value(const char *s, size_t n)
{
    double v = 0;

    if (!ls_num_chinese(s, n, &v))
        return 1;
    return v;
}

/* Reads one numeral at 'pos' with what may directly follow it: 余/多, a
 * scale word, 余/多 again (6600多万, 2000余万元). Returns 0 if no numeral. */
static int read_scaled(const char *text, size_t pos, ls_quantity *q)
{
    ls_token tok;
    size_t len;
    ls_piece p;

    if (!ls_lex_numeral_at(text, pos, &tok))
        return 0;
    q->start = pos;
    q->chinese = tok.type == LS_TOK_CHINESE;
    /* 千万千瓦: the last 千 (or 百) of a Chinese numeral that opens a unit
     * (千瓦, 千米, 百分点) belongs to the unit, the numeral is 千万 */
    if (q->chinese && tok.end - tok.start > 3 && piece_at(text, tok.end - 3, &len) == LS_PIECE_UNIT &&
        len > 3)
        tok.end -= 3;
    if (q->chinese) {
        if (!ls_num_chinese(text + tok.start, tok.end - tok.start, &q->value))
            return 0;
        q->integer = fabs(q->value) < 9007199254740992.0 && q->value == floor(q->value);
    } else {
        if (!ls_num_arabic(text + tok.start, tok.end - tok.start, &q->value))
            return 0;
        q->integer = memchr(text + tok.start, '.', tok.end - tok.start) == NULL;
        q->digits = (int)(tok.end - tok.start);
    }
    pos = tok.end;
    p = piece_at(text, pos, &len);
    if (p == LS_PIECE_MORE) {
        q->more = 1;
        pos += len;
        p = piece_at(text, pos, &len);
    }
    if (p == LS_PIECE_SCALE && !q->chinese) {
        size_t at = ls_text_skip_spaces(text, pos);
        q->scale = scale_value(text + at, len - (at - pos));
        q->value *= q->scale;
        q->scaled = 1;
        pos += len;
        p = piece_at(text, pos, &len);
        if (p == LS_PIECE_MORE) {
            q->more = 1;
            pos += len;
        }
    }
    q->num_end = q->end = pos;
    /* a run of digits too long for a double is not a quantity */
    return isfinite(q->value);
}

/* Reads a unit at q->end if there is one. */
static void read_unit(const char *text, ls_quantity *q)
{
    size_t len;

    if (piece_at(text, q->end, &len) == LS_PIECE_UNIT) {
        q->unit_start = ls_text_skip_spaces(text, q->end);
        q->unit_end = q->end + len;
        q->end += len;
    } else {
        q->unit_start = q->unit_end = q->end;
    }
}

/* 三分之一 and 1/4: 'q' holds the denominator; reads the numerator. */
static void read_fraction(const char *text, size_t after, ls_quantity *q)
{
    ls_quantity num;

    memset(&num, 0, sizeof num);
    if (!read_scaled(text, after, &num) || num.scaled || num.value == 0 || q->value == 0)
        return;
    if (num.chinese != q->chinese)
        return;
    if (q->chinese) /* 三分之一: denominator first */
        q->value = num.value / q->value;
    else /* 1/4: numerator first */
        q->value = q->value / num.value;
    q->fraction = 1;
    q->integer = 0;
    q->num_end = q->end = num.end;
    q->unit_start = q->unit_end = q->end;
}

/* 2×100万千瓦: the product of a count and a size, in the size's unit. */
static void read_product(const char *text, size_t after, ls_quantity *q)
{
    ls_quantity b;

    memset(&b, 0, sizeof b);
    b.scale = 1;
    if (!read_scaled(text, after, &b))
        return;
    read_unit(text, &b);
    if (b.unit_start == b.unit_end)
        return;
    if (!isfinite(q->value * b.value))
        return;
    q->value *= b.value;
    q->product = 1;
    q->scaled = q->scaled || b.scaled;
    q->num_end = b.num_end;
    q->unit_start = b.unit_start;
    q->unit_end = b.unit_end;
    q->end = b.end;
}

/* 5%—6%, 5—6%, 3至5年, 1—2万元: reads the upper end after a range sign. The
 * upper end lends its scale and unit to a lower end that has none. */
static void read_range(const char *text, size_t after, ls_quantity *q)
{
    ls_quantity b;
    int had_unit = q->unit_end > q->unit_start;

    memset(&b, 0, sizeof b);
    b.scale = 1;
    if (!read_scaled(text, after, &b) || b.chinese != q->chinese)
        return;
    read_unit(text, &b);
    if (had_unit && (b.unit_end - b.unit_start != q->unit_end - q->unit_start ||
                     memcmp(text + b.unit_start, text + q->unit_start,
                            b.unit_end - b.unit_start) != 0))
        return;
    if (!had_unit && b.unit_start == b.unit_end && !b.scaled)
        return;
    if (!q->scaled && b.scaled) {
        q->value *= b.scale;
        q->scaled = 1;
    }
    q->value_max = b.value;
    q->has_max = 1;
    q->unit_start = b.unit_start;
    q->unit_end = b.unit_end;
    q->end = b.end;
}

int ls_num_read(const char *text, const ls_token *tok, ls_quantity *q)
{
    size_t len;
    ls_piece p;

    memset(q, 0, sizeof *q);
    q->scale = 1;
    if (!read_scaled(text, tok->start, q))
        return 0;
    p = piece_at(text, q->end, &len);
    q->next = p;
    if (p == LS_PIECE_FRACTION || (p == LS_PIECE_SLASH && !q->chinese)) {
        read_fraction(text, q->end + len, q);
        return 1;
    }
    if (p == LS_PIECE_TIMES && !q->chinese) {
        read_product(text, q->end + len, q);
        if (q->product)
            goto after;
    }
    read_unit(text, q);
    p = piece_at(text, q->end, &len);
    if (p == LS_PIECE_RANGE)
        read_range(text, q->end + len, q);
after:
    p = piece_at(text, q->end, &len);
    if (p == LS_PIECE_GE || p == LS_PIECE_LE || p == LS_PIECE_APPROX)
        q->after = p;
    /* a scale lent across a range can overflow: 1234…—5百亿 */
    return isfinite(q->value) && isfinite(q->value_max);
}
