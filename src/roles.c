/*
 * roles.c — what a clause does in a report, read by paragraph and sentence.
 *
 * The year's headline targets open with their own words (主要预期目标是：) and
 * run to the end of their paragraph, or to the sentence that explains them
 * (确定4.5%左右的增长目标，兼顾了需要与可能…). A paragraph that states the
 * overall requirements (今年政府工作总体要求是：以…为指导) frames the year's
 * work, and so do a salutation (各位代表！), an intro to a list (重点抓好以下
 * 工作：) and the closing call (让我们更加紧密地团结在…周围…!). Inside a part
 * about a five-year period, the paragraphs about the period are its goals,
 * not the year's. Everything else of a part that asks for work is a
 * commitment. Where clauses are is tasks.c's work; which of them become
 * rows of the draft ledger is the ledger's (src/ledger/draft.c).
 *
 * Invariant: only the paragraph of a clause is read, once per paragraph.
 */
#include "roles.h"

#include <string.h>

#include "lines.h"
#include "parts.h"
#include "text.h"

#define INTRO_MAX 40 /* characters of a sentence that introduces a list */
#define OPENER_GAP 3 /* bytes of blanks between the words of a headline's opener */

/* Words that name the year's targets before 是： (主要预期目标是：…). */
static const ls_word target_names[] = {LS_W("预期目标"), LS_W("主要目标"), LS_W_END};
/* Words that state the overall requirements or the guiding thought
 * (总体要求是：…, 要坚持以…思想为指导，…). */
static const ls_word frame_words[] = {LS_W("总体要求是"), LS_W("总体要求为"), LS_W("总的要求是"),
                                      LS_W("指导思想是"), LS_W("思想为指导"), LS_W_END};
/* Words of a five-year period beside 十X五 (年均增长, 规划纲要). */
static const ls_word period_words[] = {LS_W("年均"),   LS_W("规划纲要"), LS_W("纲要(草案)"),
                                       LS_W("2030年"), LS_W("2035年"),   LS_W_END};
/* Words of the year (今年是“十五五”开局之年 is about the year). */
static const ls_word year_words[] = {LS_W("今年"), LS_W("全年"), LS_W("年内"), LS_W("年底"),
                                     LS_W_END};
/* Words that refer to targets as a thing (这些目标, 4.5%左右的增长目标). */
static const ls_word target_refs[] = {
    LS_W("这些目标"),     LS_W("上述目标"), LS_W("以上目标"), LS_W("这些预期目标"),
    LS_W("上述预期目标"), LS_W("的目标"),   LS_W("增长目标"), LS_W("预期目标"),
    LS_W("目标的设定"),   LS_W_END};
/* Verbs that explain why a target was set (兼顾了需要与可能, 与…相衔接). */
static const ls_word explain_verbs[] = {LS_W("考虑"), LS_W("体现"), LS_W("兼顾"), LS_W("衔接"),
                                        LS_W("吻合"), LS_W("匹配"), LS_W("符合"), LS_W("留出"),
                                        LS_W("留有"), LS_W_END};
/* Words of an intro to a list after 以下 or a number (重点抓好以下工作：,
 * 重点做好十方面工作。, 重点把握以下几点：), not 省以下财政体制, 5岁以下儿童. */
static const ls_word list_words[] = {LS_W("方面"), LS_W("工作"), LS_W("几点"),
                                     LS_W("目标"), LS_W("任务"), LS_W_END};
static const ls_word numerals[] = {LS_W("一"), LS_W("两"), LS_W("二"), LS_W("三"), LS_W("四"),
                                   LS_W("五"), LS_W("六"), LS_W("七"), LS_W("八"), LS_W("九"),
                                   LS_W("十"), LS_W("几"), LS_W_END};

static int holds_any(const char *s, size_t a, size_t b, const ls_word *words)
{
    return ls_text_find_any(s, a, b, words) < b;
}

/* The offset past blanks and line breaks at 'p' (at most OPENER_GAP). */
static size_t skip_gap(const char *s, size_t p, size_t b)
{
    size_t n = 0;

    while (p < b && n++ < OPENER_GAP && (s[p] == '\n' || s[p] == ' '))
        p++;
    return p;
}

/* The offset just past the opener of headline targets at 'p' (主要预期目标是：,
 * 预期目标为：, 主要目标\n是：), or 0 when none starts there. */
static size_t opener_at(const char *s, size_t p, size_t b)
{
    size_t n = ls_text_starts_with_any(s, p, b, target_names), q;

    if (!n)
        return 0;
    q = skip_gap(s, p + n, b);
    if (ls_text_starts_with(s, q, b, "是") || ls_text_starts_with(s, q, b, "为"))
        q = skip_gap(s, q + 3, b);
    return q < b && s[q] == ':' ? q + 1 : 0;
}

/* The offset just past the first opener of headline targets in [a, b), or b. */
static size_t find_opener(const char *s, size_t a, size_t b)
{
    size_t p, q;

    for (p = ls_text_find_any(s, a, b, target_names); p < b;
         p = ls_text_find_any(s, p + 3, b, target_names))
        if ((q = opener_at(s, p, b)) > 0)
            return q;
    return b;
}

/* The length of the mark that ends a sentence at 'p' (。 ! ?), or 0. The
 * bytes are compared directly: this runs over every byte of the plan. */
static size_t mark_at(const char *s, size_t p, size_t b)
{
    unsigned char c = (unsigned char)s[p];

    if (c == '!' || c == '?')
        return 1;
    return c == 0xE3 && p + 3 <= b && (unsigned char)s[p + 1] == 0x80 &&
                   (unsigned char)s[p + 2] == 0x82
               ? 3
               : 0;
}

/* The start of the sentence that holds 'pos' in [a, pos]. */
static size_t sentence_start(const char *s, size_t a, size_t pos)
{
    while (pos > a && s[pos - 1] != '!' && s[pos - 1] != '?' &&
           !(pos >= a + 3 && mark_at(s, pos - 3, pos) == 3))
        pos--;
    return pos;
}

/* The offset of the first ! or ? in [pos, b), or b. */
static size_t next_bang(const char *s, size_t pos, size_t b)
{
    const char *x = pos < b ? memchr(s + pos, '!', b - pos) : NULL;
    size_t e = x ? (size_t)(x - s) : b;

    x = pos < e ? memchr(s + pos, '?', e - pos) : NULL;
    return x ? (size_t)(x - s) : e;
}

/* The end of the sentence that holds 'pos' (past its mark) in [pos, b]:
 * memchr finds each lead byte E3 of a 。, and '*bang' (LS_NONE at first)
 * keeps the next ! or ? for the calls that follow on the same span. */
static size_t sentence_stop_at(const char *s, size_t pos, size_t b, size_t *bang)
{
    const unsigned char *u = (const unsigned char *)s;
    const char *x;

    if (*bang == LS_NONE || *bang < pos)
        *bang = next_bang(s, pos, b);
    while (pos < *bang && (x = memchr(s + pos, 0xE3, *bang - pos)) != NULL) {
        pos = (size_t)(x - s);
        if (pos + 3 <= b && u[pos + 1] == 0x80 && u[pos + 2] == 0x82)
            return pos + 3;
        pos++;
    }
    return *bang < b ? *bang + 1 : b;
}

/* The end of the sentence that holds 'pos' (past its mark) in [pos, b]. */
static size_t sentence_stop(const char *s, size_t pos, size_t b)
{
    size_t bang = LS_NONE;

    return sentence_stop_at(s, pos, b, &bang);
}

/* True when the sentence [a, b) explains a target rather than sets one:
 * it refers to a target as a thing and says why (以上这些目标，考虑了…;
 * 城镇新增就业45万人以上的目标，体现了就业优先的政策导向). */
/* The end of the first clause of [a, b) (its first comma, ',' or "，",
 * or b), and whether it holds 目标: the bytes that lead each are looked
 * for with memchr. */
static size_t first_clause(const char *s, size_t a, size_t b, int *names_target)
{
    const char *hit = memchr(s + a, ',', b - a);
    size_t end = hit ? (size_t)(hit - s) : b, q;

    for (q = a; q < end && (hit = memchr(s + q, 0xEF, end - q)) != NULL; q++) {
        q = (size_t)(hit - s);
        if (ls_text_starts_with(s, q, b, "，")) {
            end = q;
            break;
        }
    }
    *names_target = 0;
    for (q = a; q < end && (hit = memchr(s + q, 0xE7, end - q)) != NULL; q++) {
        q = (size_t)(hit - s);
        if (q + 6 <= b && ls_text_same(s + q, "目标", 6)) {
            *names_target = 1;
            break;
        }
    }
    return end;
}

static int explains_target(const char *s, size_t a, size_t b)
{
    int names;
    size_t first = first_clause(s, a, b, &names);

    /* the target is what the sentence is about: it is named in its first
     * clause (社会融资规模…同…预期目标相匹配 sets a policy, explains none);
     * every word that names it holds 目标 */
    if (!names)
        return 0;
    return holds_any(s, a, first, target_refs) && holds_any(s, a, b, explain_verbs) &&
           find_opener(s, a, b) == b;
}

/* True when the sentence [a, b) of the paragraph 'p' explains a target, or
 * opens with 这 right after one (这是高基数上的中高速增长，体现了主动作为). */
static int explanation(const char *s, const ls_paragraph *p, size_t a, size_t b)
{
    size_t pa;

    if (explains_target(s, a, b))
        return 1;
    if (a <= p->a || !ls_text_starts_with(s, a, b, "这"))
        return 0;
    pa = sentence_start(s, p->a, a - 1);
    return explains_target(s, pa, a);
}

/* The end of the year's headline targets that open at 'start' in 'p': the
 * paragraph's end, or the first sentence after them that explains them. */
static size_t headline_end(const char *s, const ls_paragraph *p, size_t start)
{
    size_t a = sentence_stop(s, start, p->b), b;

    for (; a < p->b; a = b) {
        b = sentence_stop(s, a, p->b);
        if (explanation(s, p, a, b))
            return a;
    }
    return p->b;
}

/* The paragraph around 'pos': back and forth to the line breaks that do
 * not join their lines. */
static void bounds(const char *s, size_t len, size_t pos, ls_paragraph *p)
{
    size_t a = pos, b = pos;

    while (a > 0 && (s[a - 1] != '\n' || (a >= 2 && ls_line_joins_next(s, len, a - 1))))
        a--;
    /* forward from line break to line break, memchr finding each */
    while (b < len) {
        const char *nl = memchr(s + b, '\n', len - b);
        b = nl ? (size_t)(nl - s) : len;
        if (b == len || !ls_line_joins_next(s, len, b))
            break;
        b++;
    }
    p->a = a;
    p->b = b;
}

/* What one pass over the paragraph 'p' finds: its frame words, its call,
 * the words of the year (when 'want_year'), and the first opener of
 * headline targets ('*opener', or p->b). */
static void scan_paragraph(const char *s, ls_paragraph *p, int want_year, int *year,
                           size_t *opener)
{
    const unsigned char *u = (const unsigned char *)s;
    ls_word_filter f;
    size_t q, k;

    /* every word looked for begins with a Chinese character (three bytes):
     * only those are tried, and only when the filter of their first
     * characters passes */
    memset(&f, 0, sizeof f);
    ls_word_filter_add(&f, frame_words);
    if (want_year)
        ls_word_filter_add(&f, year_words);
    ls_word_filter_add(&f, target_names);
    ls_parts_call_words(&f);
    *year = 0;
    *opener = p->b;
    for (q = p->a; q + 3 <= p->b; q++) {
        unsigned h;
        if (u[q] < 0xE0)
            continue;
        h = ls_word_filter_hash3(s + q);
        if (!(f.three[h >> 3] >> (h & 7) & 1)) {
            q += 2;
            continue;
        }
        p->frame |= ls_text_starts_with_any(s, q, p->b, frame_words) > 0;
        *year |= want_year && ls_text_starts_with_any(s, q, p->b, year_words) > 0;
        p->call |= ls_parts_call_at(s, p->a, q, p->b);
        if (*opener == p->b && (k = opener_at(s, q, p->b)) > 0)
            *opener = k;
        q += 2;
    }
}

/* Finds the year's headline targets in the paragraph 'p' from their
 * 'opener': the sentence of it, unless it names a five-year period (“十五五”
 * 时期…的主要目标是：年均增长5%左右 is the period's). */
static void find_headline(const char *s, ls_paragraph *p, size_t opener)
{
    size_t start;

    if (opener == p->b)
        return;
    start = sentence_start(s, p->a, opener);
    if (ls_parts_names_period(s, start, opener) || holds_any(s, start, opener, period_words)) {
        p->period = 1;
        return;
    }
    p->headline = start;
    p->headline_end = headline_end(s, p, start);
}

void ls_roles_paragraph(const char *s, size_t len, size_t pos, ls_roles_part *rp, ls_paragraph *p)
{
    size_t opener;
    int year;

    memset(p, 0, sizeof *p);
    bounds(s, len, pos, p);
    p->headline = p->headline_end = LS_NONE;
    p->sa = p->sb = p->a;
    p->bang = LS_NONE;
    /* the words of the year matter only until the year's paragraphs start */
    scan_paragraph(s, p, rp->period_part == 2 && !rp->year_seen, &year, &opener);
    find_headline(s, p, opener);
    /* in a part about a period and the year, the year's paragraphs start at
     * the first that speaks of the year (今年…, the headline, 总体要求) */
    if (rp->period_part == 2 && !rp->year_seen && (p->headline != LS_NONE || p->frame || year))
        rp->year_seen = 1;
    if (p->headline != LS_NONE)
        p->period = 0;
    else if (rp->period_part == 1 || (rp->period_part == 2 && !rp->year_seen))
        p->period = 1;
}

/* True when the clause [a, b) is only an address: 各位代表！ */
static int salutation(const char *s, size_t a, size_t b)
{
    while (b > a && (s[b - 1] == '!' || s[b - 1] == ':' || s[b - 1] == ',' || s[b - 1] == ' ' ||
                     ls_text_ends_with(s, a, b, "，") || ls_text_ends_with(s, a, b, "！")))
        b -= (unsigned char)s[b - 1] < 0x80 ? 1 : 3;
    return b - a == strlen("各位代表") && ls_text_starts_with(s, a, b, "各位代表");
}

/* True when the sentence [a, b) introduces a list: short, with 如下, with
 * 以下 before the words of a list (重点抓好以下八个方面工作, 重点把握以下几点),
 * or with a number of 方面 (重点做好十方面工作, 把握好5个方面). */
static int intro(const char *s, size_t a, size_t b)
{
    size_t p, q, k;

    if (ls_text_chars_max(s, a, b, INTRO_MAX) > INTRO_MAX ||
        !holds_any(s, a, b, (const ls_word[]){LS_W("以下"), LS_W("方面"), LS_W("如下"), LS_W_END}))
        return 0;
    if (holds_any(s, a, b, (const ls_word[]){LS_W("如下"), LS_W_END}))
        return 1;
    for (p = a; p < b; p = ls_text_next(s, p, b)) {
        if (ls_text_starts_with(s, p, b, "以下")) {
            /* the words of a list follow within four characters */
            for (k = 0, q = p + 6; k < 5 && q < b; k++, q = ls_text_next(s, q, b))
                if (ls_text_starts_with_any(s, q, b, list_words))
                    return 1;
            continue;
        }
        for (q = p;
             q < b && ((s[q] >= '0' && s[q] <= '9') || ls_text_starts_with_any(s, q, b, numerals));)
            q = ls_text_next(s, q, b);
        if (q == p)
            continue;
        /* 一方面…另一方面 joins clauses; 一个方面 would count one */
        if (ls_text_starts_with(s, q, b, "个"))
            q += 3;
        else if (q == p + 3 && ls_text_starts_with(s, p, b, "一"))
            continue;
        if (ls_text_starts_with(s, q, b, "方面"))
            return 1;
        p = ls_text_prev(s, q);
    }
    return 0;
}

ls_task_role ls_roles_clause(const char *s, ls_paragraph *p, size_t ca, size_t cb, ls_part part,
                             int period_part)
{
    if (part == LS_PART_REVIEW)
        return LS_ROLE_ACHIEVEMENT;
    if (p->headline != LS_NONE && ca >= p->headline && ca < p->headline_end)
        return LS_ROLE_HEADLINE;
    if (p->call || p->frame || salutation(s, ca, cb))
        return LS_ROLE_FRAME;
    /* the sentence is read once for all its clauses */
    if (ca < p->sa || ca >= p->sb) {
        p->sa = sentence_start(s, p->a, ca);
        p->sb = sentence_stop_at(s, ca, p->b, &p->bang);
        p->sentence_frame = explanation(s, p, p->sa, p->sb) || intro(s, p->sa, p->sb);
    }
    if (p->sentence_frame)
        return LS_ROLE_FRAME;
    if (p->period || period_part == 1)
        return LS_ROLE_PERIOD;
    return LS_ROLE_COMMITMENT;
}
