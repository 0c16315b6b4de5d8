/*
 * docx_num.c — the automatic numbering of a Word document. Government
 * offices type 一、 and （一） by hand as often as they let Word number the
 * headings; when Word numbers them, the text of the paragraph lacks the
 * number, and the outline stage needs it. This file reads the lists
 * (word/numbering.xml) and the styles that carry one (word/styles.xml),
 * counts the numbered paragraphs as Word does, and writes the number:
 *
 *   <w:abstractNum w:abstractNumId="3">            the list's levels
 *     <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
 *                       <w:lvlText w:val="%1、"/>   → 一、 二、 …
 *   <w:num w:numId="5"><w:abstractNumId w:val="3"/>  an instance of it
 *     <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>   restarts it
 *   <w:style w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:numId w:val="5"/>
 *
 * Counters belong to the list, so two instances without an override
 * continue one count, while an instance with a w:startOverride counts on
 * its own (as Word does); a level counted resets the levels below it. Formats Word does not number with here (bullets) give no text.
 * It does not read the document itself: docx_read.c does.
 */
#include "docx_num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

/* ORDER FORMATS: the number formats written, and their names in fmt_of */
enum {
    F_DECIMAL, F_DECIMAL_ZERO, F_CHINESE, F_CHINESE_LEGAL, F_IDEO_DIGITAL, F_FULL_WIDTH,
    F_CIRCLE, F_LOWER_LETTER, F_UPPER_LETTER, F_LOWER_ROMAN, F_UPPER_ROMAN, F_TIANGAN,
    F_DIZHI, F_BULLET, F_NONE
};

typedef struct {
    long start;
    int fmt;
    char text[LS_DOCX_LVL_TEXT];
} level;

/* Where a list stands: the count of each level. */
typedef struct {
    long value[LS_DOCX_LEVELS];
    unsigned started; /* bit k: level k has counted since its last reset */
} counters;

struct ls_docx_list {
    long id;
    level lvl[LS_DOCX_LEVELS];
    counters count; /* of the instances that do not restart it */
};

struct ls_docx_inst {
    long id, list;
    long start[LS_DOCX_LEVELS]; /* w:startOverride, or -1 */
    int restarts;               /* some level has a w:startOverride */
    counters count;             /* its own count when it restarts the list */
};

struct ls_docx_style {
    char id[LS_DOCX_STYLE_ID], based[LS_DOCX_STYLE_ID];
    long num_id, ilvl; /* -1 when the style says nothing */
};

/* ---- number formats ---- */

/* The format named 'name' (w:numFmt w:val). ORDER FORMATS */
static int fmt_of(const char *name)
{
    static const struct {
        const char *name;
        int fmt;
    } names[] = {
        {"decimal", F_DECIMAL},
        {"decimalZero", F_DECIMAL_ZERO},
        {"chineseCounting", F_CHINESE},
        {"chineseCountingThousand", F_CHINESE},
        {"taiwaneseCounting", F_CHINESE},
        {"taiwaneseCountingThousand", F_CHINESE},
        {"japaneseCounting", F_CHINESE},
        {"chineseLegalSimplified", F_CHINESE_LEGAL},
        {"ideographLegalTraditional", F_CHINESE_LEGAL},
        {"ideographDigital", F_IDEO_DIGITAL},
        {"taiwaneseDigital", F_IDEO_DIGITAL},
        {"decimalFullWidth", F_FULL_WIDTH},
        {"decimalFullWidth2", F_FULL_WIDTH},
        {"decimalEnclosedCircle", F_CIRCLE},
        {"decimalEnclosedCircleChinese", F_CIRCLE},
        {"lowerLetter", F_LOWER_LETTER},
        {"upperLetter", F_UPPER_LETTER},
        {"lowerRoman", F_LOWER_ROMAN},
        {"upperRoman", F_UPPER_ROMAN},
        {"ideographTraditional", F_TIANGAN},
        {"ideographZodiac", F_DIZHI},
        {"bullet", F_BULLET},
        {"none", F_NONE},
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, name) == 0)
            return names[i].fmt;
    return F_DECIMAL;
}

/* Appends NUL-terminated 's' to 'out' ('size' bytes, '*n' used), cut on a
 * byte but never past the room. */
static void put(char *out, size_t size, size_t *n, const char *s)
{
    size_t k = strlen(s);

    if (*n + k >= size)
        return; /* a number that does not fit is left out whole */
    memcpy(out + *n, s, k + 1);
    *n += k;
}

/* 'v' (1-99999) in Chinese numerals with the digits 'dig' and the units
 * 'unit' (十百千, 拾佰仟): 10 十, 11 十一, 20 二十, 105 一百零五, 1010
 * 一千零一十 — 十 alone before 20 in the lower-case forms ('short_ten'). */
static void chinese(long v, const char *const *dig, const char *const *unit, int short_ten,
                    char *out, size_t size, size_t *n)
{
    int d[5], k, zero = 0, wrote = 0;

    if (v >= 10000) {
        chinese(v / 10000, dig, unit, short_ten, out, size, n);
        put(out, size, n, "万");
        v %= 10000;
        if (v == 0)
            return;
        if (v < 1000)
            put(out, size, n, "零");
        short_ten = 0;
    }
    for (k = 0; k < 4; k++, v /= 10)
        d[k] = (int)(v % 10);
    for (k = 3; k >= 0; k--) {
        if (d[k] == 0) {
            zero = wrote;
            continue;
        }
        if (zero)
            put(out, size, n, "零");
        zero = 0;
        /* 十一, not 一十一, when 十 leads */
        if (!(k == 1 && d[k] == 1 && !wrote && short_ten))
            put(out, size, n, dig[d[k]]);
        if (k > 0)
            put(out, size, n, unit[k - 1]);
        wrote = 1;
    }
}

/* 'v' as a Roman numeral (1-3999) in lower or upper case. */
static void roman(long v, int upper, char *out, size_t size, size_t *n)
{
    static const struct {
        long v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
             {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    size_t i, k;
    char s[3];

    for (i = 0; i < sizeof r / sizeof r[0]; i++)
        for (; v >= r[i].v; v -= r[i].v) {
            for (k = 0; r[i].s[k]; k++)
                s[k] = (char)(upper ? r[i].s[k] - 'a' + 'A' : r[i].s[k]);
            s[k] = '\0';
            put(out, size, n, s);
        }
}

/* 'v' in format 'fmt' appended to 'out'. */
static void format_number(long v, int fmt, char *out, size_t size, size_t *n)
{
    static const char *const lower[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const legal[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char *const units[] = {"十", "百", "千"}, *const legal_units[] = {"拾", "佰", "仟"};
    static const char *const tiangan[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    static const char *const dizhi[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                        "午", "未", "申", "酉", "戌", "亥"};
    char s[32];
    size_t k;

    if (fmt == F_NONE || fmt == F_BULLET)
        return;
    /* formats that have no sign for 0 or for large numbers count in digits */
    if (v < 1 || v > 99999 || (fmt == F_CIRCLE && v > 20) || (fmt == F_TIANGAN && v > 10) ||
        (fmt == F_DIZHI && v > 12) || ((fmt == F_LOWER_ROMAN || fmt == F_UPPER_ROMAN) && v > 3999))
        fmt = fmt == F_DECIMAL_ZERO ? F_DECIMAL_ZERO : F_DECIMAL;
    switch (fmt) {
    case F_CHINESE: chinese(v, lower, units, 1, out, size, n); return;
    case F_CHINESE_LEGAL: chinese(v, legal, legal_units, 0, out, size, n); return;
    case F_IDEO_DIGITAL:
        snprintf(s, sizeof s, "%ld", v);
        for (k = 0; s[k]; k++)
            put(out, size, n, lower[s[k] - '0']);
        return;
    case F_FULL_WIDTH:
        snprintf(s, sizeof s, "%ld", v);
        for (k = 0; s[k]; k++) {
            char w[4] = {(char)0xEF, (char)0xBC, (char)(0x90 + s[k] - '0'), 0}; /* U+FF10 */
            put(out, size, n, w);
        }
        return;
    case F_CIRCLE: {
        char c[4] = {(char)0xE2, (char)0x91, (char)(0xA0 + v - 1), 0}; /* U+2460 ① */
        put(out, size, n, c);
        return;
    }
    case F_LOWER_LETTER:
    case F_UPPER_LETTER:
        /* a … z, aa … zz, aaa: Word repeats the letter */
        for (k = 0; k <= (size_t)(v - 1) / 26 && k < 8; k++)
            s[k] = (char)((fmt == F_LOWER_LETTER ? 'a' : 'A') + (v - 1) % 26);
        s[k] = '\0';
        put(out, size, n, s);
        return;
    case F_LOWER_ROMAN:
    case F_UPPER_ROMAN: roman(v, fmt == F_UPPER_ROMAN, out, size, n); return;
    case F_TIANGAN: put(out, size, n, tiangan[v - 1]); return;
    case F_DIZHI: put(out, size, n, dizhi[v - 1]); return;
    default:
        snprintf(s, sizeof s, fmt == F_DECIMAL_ZERO ? "%02ld" : "%ld", v);
        put(out, size, n, s);
    }
}

/* ---- reading the parts ---- */

/* Attribute 'name' of the current element of 'p' as a number; 'dflt'
 * when absent or not a number. */
static long attr_long(const ls_member *p, const char *name, long dflt)
{
    const char *names[2] = {name, NULL};
    char v[32], *end;
    long x;

    if (!ls_member_attrs(p, NULL, names, v, sizeof v))
        return dflt;
    x = strtol(v, &end, 10);
    return end == v ? dflt : x;
}

/* Attribute 'name' of the current element of 'p' into 'out' (cut). */
static void attr_text(const ls_member *p, const char *name, char *out, size_t size)
{
    const char *names[2] = {name, NULL};

    ls_member_attrs(p, NULL, names, out, size);
}

/* Makes room for one more item in '*arr' ('*n' items of 'item' bytes);
 * LS_EINVAL past 'max' (naming 'what' of 'part'), LS_ENOMEM. */
static ls_status grow(void **arr, size_t n, size_t item, size_t max, const ls_archive *ar,
                      const char *what, const char *part, ls_error *err)
{
    void *p;

    if (n >= max)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: more than %zu %s in %s (the limit)", ar->name, max, what, part);
    /* double at each power of two: amortised, no capacity to keep */
    if (n > 0 && (n & (n - 1)) != 0)
        return LS_OK;
    p = ls_realloc(*arr, (n ? n * 2 : 16) * item);
    if (!p)
        return ls_error_nomem(err);
    *arr = p;
    return LS_OK;
}

/* A new list with id 'id' and Word's defaults. */
static void list_init(ls_docx_list *l, long id)
{
    int k;

    memset(l, 0, sizeof *l);
    l->id = id;
    for (k = 0; k < LS_DOCX_LEVELS; k++) {
        l->lvl[k].start = 1;
        l->lvl[k].fmt = F_DECIMAL;
    }
}

/* One node of word/numbering.xml: the lists (depth 1 w:abstractNum, its
 * levels at 2, their settings at 3) and their instances (w:num). */
static ls_status numbering_node(ls_member *p, ls_docx_numbering *nb, long *lvl, long *ovr,
                                ls_error *err)
{
    const char *part = "word/numbering.xml";
    ls_status st = LS_OK;
    char v[LS_DOCX_LVL_TEXT];

    if (p->type != XML_READER_TYPE_ELEMENT)
        return LS_OK;
    if (p->depth == 1 && strcmp(p->name, "abstractNum") == 0) {
        LS_CHECK(grow((void **)&nb->lists, nb->nlists, sizeof *nb->lists, LS_DOCX_MAX_LISTS, p->ar,
                      "lists", part, err));
        list_init(&nb->lists[nb->nlists++], attr_long(p, "abstractNumId", -1));
    } else if (p->depth == 1 && strcmp(p->name, "num") == 0) {
        ls_docx_inst *in;
        LS_CHECK(grow((void **)&nb->insts, nb->ninsts, sizeof *nb->insts, LS_DOCX_MAX_LISTS, p->ar,
                      "numbering instances", part, err));
        in = &nb->insts[nb->ninsts++];
        memset(in, 0, sizeof *in);
        in->id = attr_long(p, "numId", -1);
        in->list = -1;
        for (int k = 0; k < LS_DOCX_LEVELS; k++)
            in->start[k] = -1;
    } else if (p->depth == 2 && strcmp(p->name, "lvl") == 0) {
        *lvl = attr_long(p, "ilvl", -1);
    } else if (p->depth == 2 && strcmp(p->name, "abstractNumId") == 0 && nb->ninsts) {
        nb->insts[nb->ninsts - 1].list = attr_long(p, "val", -1);
    } else if (p->depth == 2 && strcmp(p->name, "lvlOverride") == 0) {
        *ovr = attr_long(p, "ilvl", -1);
    } else if (p->depth == 3 && strcmp(p->name, "startOverride") == 0 && nb->ninsts && *ovr >= 0 &&
               *ovr < LS_DOCX_LEVELS) {
        nb->insts[nb->ninsts - 1].start[*ovr] = attr_long(p, "val", 1);
        nb->insts[nb->ninsts - 1].restarts = 1;
    } else if (p->depth == 3 && nb->nlists && *lvl >= 0 && *lvl < LS_DOCX_LEVELS) {
        level *l = &nb->lists[nb->nlists - 1].lvl[*lvl];
        if (strcmp(p->name, "start") == 0) {
            l->start = attr_long(p, "val", 1);
        } else if (strcmp(p->name, "numFmt") == 0) {
            attr_text(p, "val", v, sizeof v);
            l->fmt = fmt_of(v);
        } else if (strcmp(p->name, "lvlText") == 0) {
            attr_text(p, "val", l->text, sizeof l->text);
        }
    }
done:
    return st;
}

/* One node of word/styles.xml: a paragraph style (depth 1), its w:basedOn
 * (2) and the w:numId, w:ilvl of its w:pPr/w:numPr (4). */
static ls_status styles_node(ls_member *p, ls_docx_numbering *nb, ls_error *err)
{
    ls_docx_style *s;
    ls_status st;

    if (p->type != XML_READER_TYPE_ELEMENT)
        return LS_OK;
    if (p->depth == 1 && strcmp(p->name, "style") == 0) {
        st = grow((void **)&nb->styles, nb->nstyles, sizeof *nb->styles, LS_DOCX_MAX_STYLES,
                  p->ar, "styles", "word/styles.xml", err);
        if (st != LS_OK)
            return st;
        s = &nb->styles[nb->nstyles++];
        memset(s, 0, sizeof *s);
        attr_text(p, "styleId", s->id, sizeof s->id);
        s->num_id = s->ilvl = -1;
        return LS_OK;
    }
    if (nb->nstyles == 0)
        return LS_OK;
    s = &nb->styles[nb->nstyles - 1];
    if (p->depth == 2 && strcmp(p->name, "basedOn") == 0)
        attr_text(p, "val", s->based, sizeof s->based);
    else if (p->depth == 4 && strcmp(p->name, "numId") == 0)
        s->num_id = attr_long(p, "val", -1);
    else if (p->depth == 4 && strcmp(p->name, "ilvl") == 0)
        s->ilvl = attr_long(p, "val", -1);
    return LS_OK;
}

static int cmp_list(const void *a, const void *b)
{
    long x = ((const ls_docx_list *)a)->id, y = ((const ls_docx_list *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_inst(const void *a, const void *b)
{
    long x = ((const ls_docx_inst *)a)->id, y = ((const ls_docx_inst *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const ls_docx_style *)a)->id, ((const ls_docx_style *)b)->id);
}

/* Reads part 'path' of 'ar' node by node through 'numbering' or 'styles'
 * (the one that is not NULL). */
static ls_status read_part(ls_archive *ar, const char *path, ls_docx_numbering *nb, int numbering,
                           ls_error *err)
{
    ls_member p;
    int found;
    long lvl = -1, ovr = -1;
    ls_status st = ls_member_open(ar, path, path, &p, &found, err), closed;

    if (!found)
        return st; /* nothing to close */
    if (st != LS_OK)
        goto done; /* opened, its reader not made: closed either way */
    while (ls_member_next(&p))
        LS_CHECK(numbering ? numbering_node(&p, nb, &lvl, &ovr, err) : styles_node(&p, nb, err));
done:
    closed = ls_member_close(&p, NULL);
    /* a damaged part numbers nothing; the document itself will say more */
    return st != LS_OK ? st : closed;
}

ls_status ls_docx_numbering_read(ls_archive *ar, ls_docx_numbering *nb, ls_error *err)
{
    ls_status st;

    memset(nb, 0, sizeof *nb);
    LS_CHECK(read_part(ar, "word/numbering.xml", nb, 1, err));
    LS_CHECK(read_part(ar, "word/styles.xml", nb, 0, err));
    /* found by id for each numbered paragraph: sorted once */
    if (nb->nlists)
        qsort(nb->lists, nb->nlists, sizeof *nb->lists, cmp_list);
    if (nb->ninsts)
        qsort(nb->insts, nb->ninsts, sizeof *nb->insts, cmp_inst);
    if (nb->nstyles)
        qsort(nb->styles, nb->nstyles, sizeof *nb->styles, cmp_style);
done:
    return st;
}

void ls_docx_numbering_free(ls_docx_numbering *nb)
{
    ls_free(nb->lists);
    ls_free(nb->insts);
    ls_free(nb->styles);
    memset(nb, 0, sizeof *nb);
}

/* ---- counting a paragraph ---- */

/* The style with id 'id', or NULL. */
static const ls_docx_style *find_style(const ls_docx_numbering *nb, const char *id)
{
    ls_docx_style key;

    if (!id[0] || !nb->nstyles)
        return NULL;
    snprintf(key.id, sizeof key.id, "%s", id);
    return bsearch(&key, nb->styles, nb->nstyles, sizeof key, cmp_style);
}

/* Fills 'num_id' and 'ilvl' left at -1 from style 'id' and the styles it
 * is based on (at most 16: a loop of basedOn ends there). */
static void style_numbering(const ls_docx_numbering *nb, const char *id, long *num_id, long *ilvl)
{
    const ls_docx_style *s = find_style(nb, id);
    int hops;

    for (hops = 0; s && hops < 16 && (*num_id < 0 || *ilvl < 0); hops++) {
        if (*num_id < 0)
            *num_id = s->num_id;
        if (*ilvl < 0)
            *ilvl = s->ilvl;
        s = find_style(nb, s->based);
    }
}

void ls_docx_number(ls_docx_numbering *nb, const char *style, long num_id, long ilvl, char *out,
                    size_t size)
{
    ls_docx_inst key, *in;
    ls_docx_list lkey, *l;
    counters *c;
    const char *t;
    size_t n = 0;
    int k;

    out[0] = '\0';
    if (num_id < 0 || ilvl < 0)
        style_numbering(nb, style, &num_id, &ilvl);
    if (ilvl < 0)
        ilvl = 0;
    key.id = num_id;
    /* numId 0 takes a style's numbering away */
    in = num_id > 0 && ilvl < LS_DOCX_LEVELS && nb->ninsts
             ? bsearch(&key, nb->insts, nb->ninsts, sizeof key, cmp_inst)
             : NULL;
    lkey.id = in ? in->list : -1;
    l = in && nb->nlists ? bsearch(&lkey, nb->lists, nb->nlists, sizeof lkey, cmp_list) : NULL;
    if (!l)
        return;
    /* an instance that restarts the list counts on its own (as Word
     * does), from its w:startOverride; the others continue the list */
    c = in->restarts ? &in->count : &l->count;
    if (c->started & 1u << ilvl) {
        c->value[ilvl]++;
    } else {
        c->value[ilvl] = in->restarts && in->start[ilvl] >= 0 ? in->start[ilvl] : l->lvl[ilvl].start;
        c->started |= 1u << ilvl;
    }
    c->started &= (2u << ilvl) - 1; /* the levels below start again */
    if (l->lvl[ilvl].fmt == F_BULLET)
        return;
    /* "（%1）" "%1.%2.": each %N is level N's count in level N's format */
    for (t = l->lvl[ilvl].text; *t; t++) {
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
            k = t[1] - '1';
            format_number((c->started & 1u << k) ? c->value[k] : l->lvl[k].start, l->lvl[k].fmt,
                          out, size, &n);
            t++;
        } else if (n + 1 < size) {
            out[n++] = *t;
            out[n] = '\0';
        }
    }
}
