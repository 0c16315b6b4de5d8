/*
 * outline.c — the headings of a report: their level (1–3), title and part.
 *
 * Reads the folded text line by line. A heading is marked in one of four
 * ways: its own line (2023年工作任务, 坚持工业强市,…之城; short lines that follow
 * each other are one heading: 政府\n自身\n建设), Chinese numbering (一、 （一）
 * 1. 一是 ——), Markdown bold (**做大数字产业。**), or only by being the short
 * first sentence of a paragraph, parallel to its neighbours. Parts are
 * recognised by the words of their heading (工作回顾, 总体要求, 工作任务, 自身
 * 建设), not by position. Tasks and mentions are other stages' work.
 *
 * Invariant: drafts are kept in text order; offsets are into the folded
 * text until they are copied out as ls_heading (offsets into the text).
 */
#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"

#define OWN_LINE_MAX 60     /* characters in a heading on its own line */
#define PART_LINE_MAX 40    /* characters in a part heading */
#define SPLIT_PIECE_MAX 8   /* characters in each line of a heading split over lines */
#define NUMBERED_MAX 60     /* characters in the title of a numbered heading */
#define LEAD_SHORT 25       /* a lead sentence this short needs no parallel neighbour */
#define LEAD_MAX 45         /* a longer lead needs a neighbour that opens like it */
#define LEAD_PREFIX 9       /* bytes (3 characters) two parallel leads share */
#define BODY_MIN 10         /* characters a paragraph holds after its lead */
#define MID_LEAD_MIN 4      /* characters of a lead inside a paragraph */
#define MID_LEAD_MAX 16
#define MID_BODY_MIN 100    /* characters that follow a lead inside a paragraph */

/* How a heading was marked; leads that no neighbour confirms are dropped. */
typedef enum { MARK_PART, MARK_LINE, MARK_NUMBER, MARK_LEAD, MARK_BOLD, MARK_MID } mark;

typedef struct {
    int level;
    size_t start, end;  /* the title in the folded text */
    size_t join_end;    /* a heading split over lines ends here (else == end) */
    size_t para;        /* start of its paragraph (line) */
    ls_part part;
    mark how;
    int structural;     /* a line or numbered heading: leads below it are level 3 */
    int keep;
} draft;

typedef struct {
    const char *s;
    size_t len;
    draft *d;
    size_t n, cap;
    ls_part part;       /* the part being read */
    size_t l2;          /* index of the open level-2 draft, or LS_NONE */
    int have_l1;
    int l1_numbered;    /* the parts are numbered 一、 二、 */
} outliner;

/* Words that name a part, in the order they are tried (ORDER PARTS). */
static const struct {
    const char *word;
    ls_part part;
} part_words[] = {
    {"自身建设", LS_PART_SELF},        {"政府建设", LS_PART_SELF},
    {"服务型政府", LS_PART_SELF},      {"回顾", LS_PART_REVIEW},
    {"总结", LS_PART_REVIEW},          {"成就", LS_PART_REVIEW},
    {"工作任务", LS_PART_PLAN},        {"工作安排", LS_PART_PLAN},
    {"重点工作", LS_PART_PLAN},        {"主要任务", LS_PART_PLAN},
    {"主要工作", LS_PART_PLAN},        {"工作要点", LS_PART_PLAN},
    {"重点任务", LS_PART_PLAN},        {"工作部署", LS_PART_PLAN},
    {"总体要求", LS_PART_REQUIREMENTS}, {"预期目标", LS_PART_REQUIREMENTS},
    {"政策取向", LS_PART_REQUIREMENTS}, {"主要目标", LS_PART_REQUIREMENTS},
    {"目标任务", LS_PART_REQUIREMENTS}, {"主要考虑", LS_PART_REQUIREMENTS},
    {"重大任务", LS_PART_REQUIREMENTS}, {"重要要求", LS_PART_REQUIREMENTS},
};

/* Words of a review: the first part of a report that holds one is its
 * review, whatever else it names (2025年主要工作和“十四五”发展成就). */
static const ls_word review_words[] = {LS_W("回顾"), LS_W("总结"), LS_W("成就"), LS_W("成绩"), LS_W_END};

/* Words of the government's work on itself, for leads that stand after the
 * plan without a part heading of their own (深入推进依法行政). */
static const ls_word self_words[] = {LS_W("依法行政"), LS_W("行政效能"), LS_W("政治建设"), LS_W("法治建设"),
                                         LS_W("法治政府"), LS_W("廉政"), LS_W("清廉"), LS_W("廉洁"), LS_W("作风建设"),
                                         LS_W("调查研究"), LS_W("服务效能"), LS_W("自身建设"), LS_W_END};

/* Words of a speaker: a sentence with them is not a heading (我们要坚持…). */
static const ls_word speaker_words[] = {LS_W("我们"), LS_W("我国"), LS_W("我省"), LS_W("我市"), LS_W("我区"), LS_W("各位代表"),
                                            LS_W_END};

/* Openers of a sentence that comments rather than heads: 今年…, 回顾过去一年… */
static const ls_word discourse_openers[] = {LS_W("今年"), LS_W("当前"), LS_W("回顾"), LS_W("过去"), LS_W("同时"), LS_W("总的看"),
                                                LS_W("这些"), LS_W("这一年"), LS_W("面对"), LS_W_END};

/* Marks that end the sentence before a bold lead. */
static const ls_word sentence_marks[] = {LS_W("。"), LS_W(";"), LS_W("!"), LS_W("?"), LS_W_END};

/* Lines that introduce a list rather than head a section. */
static const ls_word intro_words[] = {LS_W("以下"), LS_W("如下"), LS_W("个方面"), LS_W("方面工作"), LS_W("项重点"), LS_W_END};

static const ls_word cn_digits[] = {LS_W("一"), LS_W("二"), LS_W("三"), LS_W("四"), LS_W("五"), LS_W("六"), LS_W("七"), LS_W("八"),
                                        LS_W("九"), LS_W("十"), LS_W_END};


/* The offset of the first 'word' in [a, b), or b. */
static size_t find_word(const char *s, size_t a, size_t b, const char *word)
{
    size_t w = strlen(word);
    const char *p = s + a, *end = s + b, *hit;

    /* memchr finds each candidate first byte at memory speed */
    while (w && p + w <= end && (hit = memchr(p, word[0], (size_t)(end - p))) != NULL) {
        if (hit + w <= end && ls_text_same(hit, word, w))
            return (size_t)(hit - s);
        p = hit + 1;
    }
    return b;
}

/* True when 'word' occurs in [a, b). */
static int has_word(const char *s, size_t a, size_t b, const char *word)
{
    return find_word(s, a, b, word) < b;
}

/* True when one of 'words' occurs in [a, b): one pass over the text, each
 * position tried against the words whose first byte it holds. */
static int has_any(const char *s, size_t a, size_t b, const ls_word *words)
{
    const ls_word *w;
    size_t i;

    for (i = a; i < b; i++)
        for (w = words; w->s; w++)
            if (s[i] == w->s[0] && i + w->n <= b && ls_text_same(s + i, w->s, w->n))
                return 1;
    return 0;
}

/* The part a heading's words name, or LS_PART_OTHER. Line breaks inside
 * are ignored (政府\n自身\n建设 names the part self). */
static ls_part part_named(const char *s, size_t a, size_t b)
{
    char joined[PART_LINE_MAX * 4 + 1];
    size_t i, n = 0;

    for (i = a; i < b && n < sizeof joined - 1; i++)
        if (s[i] != '\n')
            joined[n++] = s[i];
    /* a heading naming the past and the future (“十四五”时期发展成就和“十五五”
     * 时期主要目标任务) opens the part about the future */
    for (i = 0; i < sizeof part_words / sizeof part_words[0]; i++)
        if (part_words[i].part != LS_PART_REVIEW && has_word(joined, 0, n, part_words[i].word))
            return part_words[i].part;
    for (i = 0; i < sizeof part_words / sizeof part_words[0]; i++)
        if (has_word(joined, 0, n, part_words[i].word))
            return part_words[i].part;
    return LS_PART_OTHER;
}

/* Length of a run of Chinese digits at 'p' (一 … 十, 十一 …), 0 if none. */
static size_t cn_number_len(const char *s, size_t p, size_t b)
{
    size_t n = 0, k;

    while (p + n < b && (k = ls_text_starts_with_any(s, p + n, b, cn_digits)) > 0 && n < 9)
        n += k;
    return n;
}

/* Numbering at the start of [a, b): 1 for 一、, 2 for (一), 3 for 1. or (1),
 * 4 for 一是, 5 for ——; 0 for none. '*after' gets where the title starts. */
static int numbering(const char *s, size_t a, size_t b, size_t *after)
{
    size_t n = cn_number_len(s, a, b), p;

    if (n && ls_text_starts_with(s, a + n, b, "、")) {
        *after = a + n + 3;
        return 1;
    }
    if (n && ls_text_starts_with(s, a + n, b, "是")) {
        *after = a + n + 3;
        return 4;
    }
    if (s[a] == '(' && (n = cn_number_len(s, a + 1, b)) > 0 && a + 1 + n < b &&
        s[a + 1 + n] == ')') {
        *after = a + n + 2;
        return 2;
    }
    p = s[a] == '(' ? a + 1 : a;
    while (p < b && s[p] >= '0' && s[p] <= '9')
        p++;
    if (p > a + (s[a] == '(') && p < b && p - a <= 3) {
        if (s[a] == '(' && s[p] == ')') {
            *after = p + 1;
            return 3;
        }
        if (s[a] != '(' && (s[p] == '.' || ls_text_starts_with(s, p, b, "、"))) {
            *after = p + (s[p] == '.' ? 1 : 3);
            return 3;
        }
    }
    if (ls_text_starts_with(s, a, b, "——")) {
        *after = a + 6;
        return 5;
    }
    return 0;
}

/* The end of the first sentence in [a, b): the offset of its 。, or b. */
static size_t sentence_end(const char *s, size_t a, size_t b)
{
    return find_word(s, a, b, "。");
}

/* Adds a draft; returns its index, or LS_NONE when memory runs out. */
static size_t add(outliner *o, int level, size_t start, size_t end, size_t para, mark how)
{
    draft *d;

    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64, bytes;
        if (!ls_mul_size(cap, sizeof *d, &bytes) || !(d = ls_realloc(o->d, bytes)))
            return LS_NONE;
        o->d = d;
        o->cap = cap;
    }
    d = &o->d[o->n];
    memset(d, 0, sizeof *d);
    while (end > start && (o->s[end - 1] == ' ' || o->s[end - 1] == ':'))
        end--;
    d->level = level;
    d->start = start;
    d->end = d->join_end = end;
    d->para = para;
    d->part = o->part;
    d->how = how;
    d->structural = how == MARK_PART || how == MARK_LINE || how == MARK_NUMBER;
    d->keep = how != MARK_LEAD;
    return o->n++;
}

/* True when [a, b) names a five-year plan (“十五五”, 十四五, 第十五个五年
 *规划) and no year: a part about the plan period, not the coming year's work. */
static int five_year_only(const char *s, size_t a, size_t b)
{
    size_t i, p;

    for (i = a; i < b; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 0;
    for (p = find_word(s, a, b, "十"); p < b; p = find_word(s, p + 3, b, "十"))
        if (p + 9 <= b && cn_number_len(s, p + 3, p + 6) == 3 && ls_text_same(s + p + 6, "五", 3))
            return 1;
    return has_word(s, a, b, "五年规划");
}

/* Opens a part at a level-1 heading. */
static size_t add_part(outliner *o, size_t a, size_t b, size_t join_end, ls_part part, int numbered)
{
    size_t i;

    /* a report opens with its review: a first part that names one is it */
    if (!o->have_l1 && part != LS_PART_REVIEW && has_any(o->s, a, join_end, review_words))
        part = LS_PART_REVIEW;
    /* the targets and tasks of a five-year plan are its requirements; the
     * coming year's work names its year (“十五五”时期目标任务和2026年工作安排).
     * A heading with no part word is about the plan only when it names the
     * plan itself (…五年规划纲要的说明), not when it names the period
     * (全力推动“十五五”开好局、起好步 is the coming year's work) */
    if ((part == LS_PART_PLAN && five_year_only(o->s, a, join_end)) ||
        (part == LS_PART_OTHER && o->have_l1 && has_word(o->s, a, join_end, "五年规划")))
        part = LS_PART_REQUIREMENTS;
    /* a part after the first naming the government but no part word is the
     * government's work on itself (全面提升政府治理效能) */
    if (part == LS_PART_OTHER && o->have_l1 && has_word(o->s, a, join_end, "政府"))
        part = LS_PART_SELF;
    /* a part heading without a part word follows the order of a report */
    if (part == LS_PART_OTHER)
        part = !o->have_l1 ? LS_PART_REVIEW
               : o->part == LS_PART_REVIEW || o->part == LS_PART_REQUIREMENTS ? LS_PART_PLAN
                                                                              : o->part;
    o->part = part;
    o->have_l1 = 1;
    o->l1_numbered = numbered;
    o->l2 = LS_NONE;
    i = add(o, 1, a, b, a, MARK_PART);
    if (i != LS_NONE)
        o->d[i].join_end = join_end;
    return i;
}

/* A lead's level: 3 under an area marked by its line or number, else 2. */
static size_t add_lead(outliner *o, size_t a, size_t b, size_t para, mark how)
{
    int under = o->l2 != LS_NONE && o->d[o->l2].structural;
    size_t i = add(o, under ? 3 : 2, a, b, para, how);

    if (i != LS_NONE && !under)
        o->l2 = i;
    return i;
}

/* True when [a, b) has the shape of a heading on its own line: short, no
 * sentence inside, no colon, not an intro to a list. */
static int own_line_shape(const char *s, size_t a, size_t b)
{
    size_t n = ls_text_chars_max(s, a, b, OWN_LINE_MAX), stop;

    if (n < 2 || n > OWN_LINE_MAX)
        return 0;
    stop = sentence_end(s, a, b);
    if (stop < b && stop + 3 < b)
        return 0;
    if (memchr(s + a, ':', b - a) || has_word(s, a, b, "：") || has_any(s, a, b, intro_words))
        return 0;
    if (has_word(s, a, b, "!") || has_word(s, a, b, "！") || has_word(s, a, b, "【"))
        return 0;
    /* a whole sentence on a line is a paragraph when it is long or speaks as
     * "we": 党中央对今年工作作出了全面部署，我们要… */
    if (stop < b && (n > LEAD_SHORT || has_any(s, a, b, speaker_words)))
        return 0;
    return ls_text_is_han(s, a, b) || s[a] == '"' || ls_text_starts_with(s, a, b, "“") ||
           (s[a] >= '0' && s[a] <= '9');
}

/* Words that open the rest of a sentence on the next line. */
static const ls_word continuation_words[] = {LS_W("是:"), LS_W("是："), LS_W("为:"), LS_W("为："), LS_W(":"), LS_W("："),
                                                 LS_W(","), LS_W("，"), LS_W("。"), LS_W("、"), LS_W(";"), LS_W("；"),
                                                 LS_W_END};

/* True when the line [a, b) is a piece of a sentence broken around a bold
 * phrase of a web page (今年经济社会发展的\n主要预期目标\n是：…): the line
 * before it ends with 的, or the line after opens with the rest (是：, ，). */
static int sentence_piece(const char *s, size_t len, size_t a, size_t b)
{
    size_t next = b < len && s[b] == '\n' ? b + 1 : b;

    if (a > 0 && s[a - 1] == '\n' && ls_text_ends_with(s, 0, a - 1, "的"))
        return 1;
    return ls_text_starts_with_any(s, next, len, continuation_words) > 0;
}

/* A heading split over several short lines (政府\n自身\n建设): the end of
 * the last piece, or 'b' when the next line is not such a piece. */
static size_t split_heading_end(const char *s, size_t len, size_t b)
{
    size_t end = b;

    while (end < len && s[end] == '\n') {
        size_t a = end + 1, e = a;
        while (e < len && s[e] != '\n')
            e++;
        if (e == a || ls_text_chars_max(s, a, e, SPLIT_PIECE_MAX) > SPLIT_PIECE_MAX || !own_line_shape(s, a, e) ||
            memchr(s + a, ' ', e - a))
            break;
        end = e;
    }
    return end;
}

/* Bold spans of the paragraph [a, b): each **…** of the original text that
 * opens a sentence becomes a bold lead. */
static void add_bold_leads(outliner *o, const ls_input *in, size_t a, size_t b, size_t para)
{
    size_t ta = ls_input_text_offset(in, a), tb = ls_input_text_offset(in, b), t = ta;

    while (t + 4 <= tb) {
        size_t open = find_word(in->text, t, tb, "**"), close, na, nb;
        if (open >= tb)
            break;
        close = find_word(in->text, open + 2, tb, "**");
        if (close >= tb)
            break;
        na = ls_input_norm_offset(in, open + 2);
        nb = ls_input_norm_offset(in, close);
        nb = sentence_end(o->s, na, nb);
        /* a lead opens its sentence: after 。 or at the paragraph start */
        if (nb > na && ls_text_chars_max(o->s, na, nb, LEAD_MAX) <= LEAD_MAX && na != a &&
            ls_text_ends_with_any(o->s, a, na, sentence_marks))
            add_lead(o, na, nb, para, MARK_BOLD);
        t = close + 2;
    }
}

/* Reads one line [a, b) of the folded text. */
static void read_line(outliner *o, const ls_input *in, size_t a, size_t b)
{
    size_t after = a, end, joined;
    int num = numbering(o->s, a, b, &after);
    ls_part part;

    /* a heading on its own line, perhaps split over several */
    if (num == 0 && own_line_shape(o->s, a, b) && !sentence_piece(o->s, o->len, a, b)) {
        joined = ls_text_chars_max(o->s, a, b, SPLIT_PIECE_MAX) <= SPLIT_PIECE_MAX ? split_heading_end(o->s, o->len, b) : b;
        part = part_named(o->s, a, joined);
        if (part != LS_PART_OTHER && ls_text_chars_max(o->s, a, joined, PART_LINE_MAX) <= PART_LINE_MAX)
            add_part(o, a, b, joined, part, 0);
        else if (o->have_l1 && ls_text_chars_max(o->s, a, b, 4) >= 4) {
            size_t i = add(o, 2, a, b, a, MARK_LINE);
            if (i != LS_NONE)
                o->l2 = i;
        }
        return;
    }
    end = sentence_end(o->s, after, b);
    if (num == 1 && ls_text_chars_max(o->s, after, end, PART_LINE_MAX) <= PART_LINE_MAX &&
        (!o->have_l1 || o->l1_numbered || part_named(o->s, after, end) != LS_PART_OTHER)) {
        if (end == b || part_named(o->s, after, end) != LS_PART_OTHER || !o->have_l1) {
            add_part(o, after, end, end, part_named(o->s, after, end), 1);
            return;
        }
    }
    if (!o->have_l1)
        return;
    if ((num == 1 || num == 2) && ls_text_chars_max(o->s, after, end, NUMBERED_MAX) <= NUMBERED_MAX) {
        size_t i = add(o, 2, after, end, a, MARK_NUMBER);
        if (i != LS_NONE)
            o->l2 = i;
    } else if (num == 3 && ls_text_chars_max(o->s, after, end, NUMBERED_MAX) <= NUMBERED_MAX) {
        add(o, o->l2 != LS_NONE ? 3 : 2, after, end, a, MARK_NUMBER);
    } else if ((num == 4 || num == 5) && ls_text_chars_max(o->s, after, end, LEAD_MAX) <= LEAD_MAX) {
        size_t i = add_lead(o, after, end, a, MARK_BOLD);
        (void)i;
    } else if (num == 0 && end < b && ls_text_chars_max(o->s, a, end, LEAD_MAX) <= LEAD_MAX &&
               ls_text_chars_max(o->s, end, b, BODY_MIN) > BODY_MIN && !has_any(o->s, a, end, intro_words)) {
        add_lead(o, a, end, a, MARK_LEAD);
    }
    add_bold_leads(o, in, a, b, a);
}

/* True when the lead 'i' contains no figure: a sentence with one is a fact,
 * not a heading. */
static int lead_has_digit(const outliner *o, size_t i)
{
    size_t p;

    for (p = o->d[i].start; p < o->d[i].end; p++)
        if (o->s[p] >= '0' && o->s[p] <= '9')
            return 1;
    return 0;
}

/* True when the short lead 'd' may stand without a parallel neighbour: it
 * does not speak as "we" (我们要坚持…), does not address the deputies (各位代表),
 * and holds no comma unless it opens a paragraph of the review (一年来，…). */
static int lone_lead_ok(const outliner *o, const draft *d)
{
    if (has_any(o->s, d->start, d->end, speaker_words) ||
        ls_text_starts_with_any(o->s, d->start, d->end, discourse_openers))
        return 0;
    if (d->part != LS_PART_REVIEW && (memchr(o->s + d->start, ',', d->end - d->start) ||
                                      has_word(o->s, d->start, d->end, "，")))
        return 0;
    return 1;
}

/* Confirms plain leads: a short one stands alone, a longer one needs a
 * neighbour lead of its level that opens with the same three characters
 * (一年来,我们坚持… ×8). */
static void confirm_leads(outliner *o)
{
    size_t i, j;

    for (i = 0; i < o->n; i++) {
        draft *d = &o->d[i];
        if (d->how != MARK_LEAD || lead_has_digit(o, i) ||
            ls_text_starts_with(o->s, d->start, d->end, "各位代表"))
            continue;
        if (ls_text_chars_max(o->s, d->start, d->end, LEAD_SHORT) <= LEAD_SHORT && lone_lead_ok(o, d)) {
            d->keep = 1;
            continue;
        }
        for (j = 0; j < o->n && !d->keep; j++) {
            draft *e = &o->d[j];
            if (j != i && e->how == MARK_LEAD && e->level == d->level && e->part == d->part &&
                e->end - e->start >= LEAD_PREFIX && d->end - d->start >= LEAD_PREFIX &&
                memcmp(o->s + e->start, o->s + d->start, LEAD_PREFIX) == 0)
                d->keep = 1;
        }
    }
}

/* Level-3 leads inside the paragraphs of an area that has none at their
 * start (海拉尔: …坚决打好重点战役。全力化解重大风险。按照…). A short sentence
 * with no comma or figure, followed by a long body, parallel to at least one
 * other in the area. */
static ls_status find_mid_leads(outliner *o, size_t area, size_t area_end)
{
    size_t found[64], count = 0, p, i, start = o->d[area].join_end;

    for (p = start; p < area_end; ) {
        size_t e = sentence_end(o->s, p, area_end), a = p;
        while (a < e && (o->s[a] == '\n' || o->s[a] == ' '))
            a++;
        if (e >= area_end)
            break;
        if (ls_text_chars_max(o->s, a, e, MID_LEAD_MIN) >= MID_LEAD_MIN && ls_text_chars_max(o->s, a, e, MID_LEAD_MAX) <= MID_LEAD_MAX &&
            !memchr(o->s + a, ',', e - a) && !has_word(o->s, a, e, "，") &&
            !memchr(o->s + a, '\n', e - a) && count < sizeof found / sizeof found[0]) {
            size_t k = a;
            while (k < e && !(o->s[k] >= '0' && o->s[k] <= '9'))
                k++;
            if (k == e)
                found[count++] = a;
        }
        p = e + 3;
    }
    /* keep those followed by a long body before the next one */
    for (i = 0; i < count; i++) {
        size_t next = i + 1 < count ? found[i + 1] : area_end;
        size_t e = sentence_end(o->s, found[i], area_end);
        if (ls_text_chars_max(o->s, e, next, MID_BODY_MIN) < MID_BODY_MIN)
            found[i] = LS_NONE;
    }
    for (i = 0, p = 0; i < count; i++)
        p += found[i] != LS_NONE;
    if (p < 2)
        return LS_OK;
    for (i = 0; i < count; i++) {
        if (found[i] == LS_NONE)
            continue;
        o->l2 = area;
        if (add(o, 3, found[i], sentence_end(o->s, found[i], area_end), found[i], MARK_MID) ==
            LS_NONE)
            return LS_ENOMEM;
        o->d[o->n - 1].part = o->d[area].part;
    }
    return LS_OK;
}

/* Orders two drafts by start, then by their order of creation. */
static int draft_cmp(const void *x, const void *y)
{
    const draft *a = x, *b = y;

    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->para < b->para ? -1 : a->para > b->para;
}

/* Sorts drafts by start; qsort keeps this linearithmic when the leads
 * found inside paragraphs are appended at the end. */
static void sort_drafts(outliner *o)
{
    if (o->n > 1)
        qsort(o->d, o->n, sizeof *o->d, draft_cmp);
}

/* Areas marked by line or number that got no level-3 heading are searched
 * for leads inside their paragraphs. */
static ls_status mid_lead_pass(outliner *o)
{
    size_t i, j, n = o->n;
    ls_status st = LS_OK;

    for (i = 0; i < n && st == LS_OK; i++) {
        size_t end = o->len;
        int has_child = 0;
        /* a review states facts in short sentences: no leads are sought there */
        if (o->d[i].level != 2 || !o->d[i].structural || o->d[i].part == LS_PART_REVIEW)
            continue;
        for (j = i + 1; j < n; j++) {
            if (!o->d[j].keep)
                continue;
            if (o->d[j].level <= 2) {
                end = o->d[j].start;
                break;
            }
            has_child = 1;
        }
        if (!has_child)
            st = find_mid_leads(o, i, end);
    }
    sort_drafts(o);
    return st;
}

/* Leads after the last area of the plan that speak of the government's own
 * work belong to the part self, and so does a part heading left at the end
 * of the text (大同: 政府\n自身\n建设 closes the report). */
static void assign_self(outliner *o)
{
    size_t i, first = LS_NONE;

    int trailing = 1;

    for (i = o->n; i-- > 0;) {
        draft *d = &o->d[i];
        if (!d->keep)
            continue;
        /* a self heading left at the very end does not end the run */
        if (trailing && d->level == 1 && d->part == LS_PART_SELF) {
            trailing = 0;
            continue;
        }
        trailing = 0;
        if (d->level != 3 || d->part != LS_PART_PLAN)
            break;
        if (has_any(o->s, d->start, d->end, self_words))
            first = i;
    }
    if (first == LS_NONE) {
        /* a trailing self heading with nothing after it */
        size_t last = o->n;
        while (last > 0 && !o->d[last - 1].keep)
            last--;
        if (last == 0 || o->d[last - 1].part != LS_PART_SELF || o->d[last - 1].level != 1)
            return;
        for (i = last - 1; i-- > 0 && o->d[i].keep && o->d[i].level == 3 &&
                           o->d[i].part == LS_PART_PLAN && o->d[i].how == MARK_LEAD;)
            first = i;
        if (first == LS_NONE)
            return;
    }
    for (i = first; i < o->n; i++)
        if (o->d[i].part == LS_PART_PLAN)
            o->d[i].part = LS_PART_SELF;
}

/* The title of draft 'd': the original text of its span (and of the lines
 * it was split over), without ** markers, line breaks or spaces. */
static char *copy_title(ls_arena *arena, const ls_input *in, const draft *d)
{
    size_t ta = ls_input_text_offset(in, d->start), tb = ls_input_text_offset(in, d->join_end);
    char *t = ls_arena_alloc(arena, tb - ta + 1), *w = t;
    size_t p;

    if (!t)
        return NULL;
    for (p = ta; p < tb; p++) {
        if (in->text[p] == '\n' || in->text[p] == '\r' ||
            (in->text[p] == '*' && p + 1 < tb && in->text[p + 1] == '*')) {
            p += in->text[p] == '*';
            continue;
        }
        *w++ = in->text[p];
    }
    /* no closing 。 or ： */
    while (w - t >= 3 && (memcmp(w - 3, "。", 3) == 0 || memcmp(w - 3, "：", 3) == 0))
        w -= 3;
    *w = '\0';
    return t;
}

/* True when [a, b) holds at least two Han characters: a title has words. */
static int two_han(const char *s, size_t a, size_t b)
{
    int n = 0;

    for (; a < b && n < 2; a = ls_text_next(s, a, b))
        n += ls_text_is_han(s, a, b);
    return n >= 2;
}

ls_status ls_outline_build(const ls_input *in, ls_arena *arena, ls_heading **out, size_t *count)
{
    outliner o;
    size_t pos = 0, i, k, kept = 0;
    ls_heading *h = NULL;
    ls_status st = LS_OK;
    size_t open[4] = {LS_NONE, LS_NONE, LS_NONE, LS_NONE};

    memset(&o, 0, sizeof o);
    o.s = in->norm;
    o.len = in->norm_len;
    o.l2 = LS_NONE;
    *out = NULL;
    *count = 0;
    /* read the text line by line */
    while (pos < o.len) {
        const char *nl = memchr(o.s + pos, '\n', o.len - pos);
        size_t end = nl ? (size_t)(nl - o.s) : o.len, a = pos, b = end;
        while (a < b && (o.s[a] == ' ' || o.s[a] == '\t'))
            a++;
        while (b > a && (o.s[b - 1] == ' ' || o.s[b - 1] == '\t'))
            b--;
        if (b > a)
            read_line(&o, in, a, b);
        /* the lines of a split heading are read once */
        if (o.n > 0 && o.d[o.n - 1].join_end > end)
            end = o.d[o.n - 1].join_end;
        pos = end + 1;
    }
    confirm_leads(&o);
    st = mid_lead_pass(&o);
    if (st != LS_OK)
        goto done;
    assign_self(&o);
    for (i = 0; i < o.n; i++)
        kept += o.d[i].keep && two_han(o.s, o.d[i].start, o.d[i].join_end);
    if (kept == 0)
        goto done;
    h = ls_arena_alloc(arena, kept * sizeof *h);
    if (!h) {
        st = LS_ENOMEM;
        goto done;
    }
    /* copy out, with parents and section ends */
    for (i = 0, k = 0; i < o.n; i++) {
        const draft *d = &o.d[i];
        size_t j;
        if (!d->keep || !two_han(o.s, d->start, d->join_end))
            continue;
        h[k].level = d->level;
        h[k].title = copy_title(arena, in, d);
        if (!h[k].title) {
            st = LS_ENOMEM;
            goto done;
        }
        h[k].start = ls_input_text_offset(in, d->start);
        h[k].end = ls_input_text_offset(in, d->join_end);
        h[k].part = d->part;
        /* open[l] is the last heading of level l still open: the parent is
         * the nearest open one above, and this heading closes those at or
         * below its level */
        h[k].parent = LS_NONE;
        for (j = (size_t)h[k].level - 1; j >= 1 && h[k].parent == LS_NONE; j--)
            h[k].parent = open[j];
        h[k].body_end = in->text_len;
        for (j = (size_t)h[k].level; j <= 3; j++) {
            if (open[j] != LS_NONE)
                h[open[j]].body_end = h[k].start;
            open[j] = LS_NONE;
        }
        open[h[k].level] = k;
        k++;
    }
    *out = h;
    *count = kept;
done:
    ls_free(o.d);
    return st;
}
