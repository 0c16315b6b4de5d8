/*
 * extract.c — every quantity mention of a document, in text order.
 *
 * One pass over the folded text: the lexer finds a numeral (entered only
 * where prefilter.c says one begins; sentence marks are found the same
 * way, so text between figures is skipped a block at a time), numbers.c reads
 * the quantity around it, keep_quantity() throws out what is not a quantity
 * (years, ordinals, codes, slogans), classify.c and metric.c fill in the
 * fields, and the offsets are mapped back to the text as read. The part
 * and kind of each figure need the outline: the figures are read while the
 * caller builds it, and classified after (classify_kinds). A long text is
 * cut at line starts into pieces that threads take in turn, the calling
 * one once the outline is built, their mentions joined in text order. It
 * does not build the outline or the tasks (outline.c, tasks.c).
 */
#include "extract.h"

#include <pthread.h>
#include <stdint.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "alloc.h"
#include "classify.h"
#include "metric.h"
#include "numbers.h"
#include "ordered.h"
#include "prefilter.h"
#include "text.h"

/* Sentences end at 。 ; ! ? and line ends (full-width ；！？ are folded to
 * ASCII): ls_prefilter_mark finds them for advance_sentence (ORDER MARKS). */
/* After 次: a session of a congress (三次会议), not a count. */
static const ls_word session_words[] = {LS_W("会议"), LS_W("全会"), LS_W("全体会议"), LS_W("代表大会"), LS_W_END};
/* After a decimal with no unit: a version (3.0版) or a magnitude (6.2级). */
static const ls_word version_words[] = {LS_W("版"), LS_W("时代"), LS_W("代"), LS_W("级"), LS_W_END};
/* Units of a streak after 连续: 连续9年, 连续3次, 连续24个月. */
static const ls_word streak_units[] = {LS_W("年"), LS_W("次"), LS_W("个月"), LS_W("届"), LS_W("天"), LS_W("周"), LS_W("季度"), LS_W_END};

/* True when the unit of 'q' is 'unit'. */
static int unit_is(const char *s, const ls_quantity *q, const char *unit)
{
    size_t n = strlen(unit);

    return q->unit_end - q->unit_start == n && memcmp(s + q->unit_start, unit, n) == 0;
}

/* True for a Latin letter or digit at the character before 'pos': T1000. */
static int latin_before(const char *s, size_t pos)
{
    unsigned char ch;

    if (pos == 0)
        return 0;
    ch = (unsigned char)s[pos - 1];
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '-' || ch == '_' || ch == '/';
}

/* True when 'q' is a slogan count in quotes: “两个确立”, “四个意识”. */
static int is_quoted_slogan(const ls_context *c, const ls_quantity *q)
{
    size_t p = q->end, chars = 0;

    if (!ls_text_ends_with(c->s, 0, q->start, "“") && !ls_text_ends_with(c->s, 0, q->start, "\""))
        return 0;
    while (p < c->len && chars < 8) {
        if (ls_text_starts_with(c->s, p, c->len, "”") || c->s[p] == '"')
            return 1;
        p = ls_text_next(c->s, p, c->len);
        chars++;
    }
    return 0;
}

/* Heads of fixed political phrases counted by a small numeral: 八项规定,
 * 两个确立, 四个意识, 三个务必. */
static const ls_word set_phrase_heads[] = {LS_W("规定"), LS_W("确立"), LS_W("意识"), LS_W("自信"), LS_W("维护"), LS_W("务必"),
                                              LS_W("全面"), LS_W("毫不动摇"), LS_W("坚持"), LS_W("一体"), LS_W("原则"),
                                              LS_W("必须"), LS_W("统筹"), LS_W_END};

/* True for a numeral character starting at 'pos'. */
static int numeral_at(const char *s, size_t pos, ls_token_type type)
{
    ls_token tok;

    return ls_lex_numeral_at(s, pos, &tok) && tok.type == type;
}

/* True when the Chinese count 'q' is part of a set phrase: a fixed head
 * follows it (八项规定), or another Chinese count stands within three
 * characters on either side (两个市场两种资源, 三位一体). */
static int is_set_phrase(const ls_context *c, const ls_quantity *q)
{
    size_t p = q->end, b = q->start;
    int i;

    if (ls_text_starts_with_any(c->s, q->end, c->len, set_phrase_heads))
        return 1;
    for (i = 0; i <= 3 && p < c->len; i++, p = ls_text_next(c->s, p, c->len)) {
        if (numeral_at(c->s, p, LS_TOK_CHINESE))
            return 1;
        if (!ls_text_is_han(c->s, p, c->len))
            break;
    }
    for (i = 0; i < 4 && b > 0; i++) {
        b = ls_text_prev(c->s, b);
        if (!ls_text_is_han(c->s, b, c->len))
            break;
        if (numeral_at(c->s, b, LS_TOK_CHINESE) && ls_lex_piece(c->s, b + 3, &(ls_piece){0}))
            return 1;
    }
    return 0;
}

/* Rules for a quantity written in Chinese numerals (三个, 两次): 一 alone is
 * an article (一批, 一年来), a bare scale word is part of an idiom (千方百计,
 * 万家), a numeral with no unit is a name (二中全会), N年 a period named more
 * than measured (三年行动), and a count followed by a numeral an idiom
 * (三位一体). */
static int keep_chinese(const ls_context *c, const ls_quantity *q, const ls_token *tok)
{
    size_t n = tok->end - tok->start;
    const char *t = c->s + tok->start;

    if (q->fraction)
        return 1;
    if (n == 3 && (memcmp(t, "一", 3) == 0 || memcmp(t, "十", 3) == 0 ||
                                    memcmp(t, "百", 3) == 0 || memcmp(t, "千", 3) == 0 ||
                                    memcmp(t, "万", 3) == 0 || memcmp(t, "亿", 3) == 0 ||
                                    memcmp(t, "半", 3) == 0))
        return 0;
    if (q->unit_end == q->unit_start || unit_is(c->s, q, "年"))
        return 0;
    /* 二 before a measure word is an ordinal (二轮, 二次); a count says 两 */
    if (n == 3 && memcmp(t, "二", 3) == 0)
        return 0;
    /* 十三届七次全会: a plenum's number */
    if (unit_is(c->s, q, "次") && ls_text_ends_with(c->s, 0, q->start, "届"))
        return 0;
    /* “…工作法”四个方法: a count that sums up the quoted names before it */
    if (ls_text_ends_with(c->s, 0, q->start, "”"))
        return 0;
    if (unit_is(c->s, q, "头") || is_set_phrase(c, q))
        return 0;
    return !is_quoted_slogan(c, q);
}

/* Rules for a quantity written in Arabic digits: a code (5G, T1000, 国道109
 * 线) has letters around it or no unit, a year is four digits before 年, a
 * bare decimal is an index (空气质量综合指数3.72) unless it is a version. */
static int keep_arabic(const ls_context *c, const ls_quantity *q)
{
    int bare = q->unit_end == q->unit_start;

    if (latin_before(c->s, q->start) || q->next == LS_PIECE_LATIN || q->next == LS_PIECE_DOT)
        return 0;
    if (unit_is(c->s, q, "年") && q->integer && !q->scaled && q->digits == 4)
        return 0;
    if (bare && q->fraction)
        return 1;
    if (bare && q->integer && !q->scaled)
        return 0;
    if (bare && !q->scaled && ls_text_starts_with_any(c->s, q->end, c->len, version_words))
        return 0;
    /* 教育信息化2.0: a version, not an index value */
    if (bare && !q->scaled && q->end >= 2 && memcmp(c->s + q->end - 2, ".0", 2) == 0)
        return 0;
    return 1;
}

/* True when 'q' is a quantity mention and not a year, ordinal, code or
 * slogan. */
static int keep_quantity(const ls_context *c, const ls_quantity *q, const ls_token *tok)
{
    /* 0.6人/百亿元: after a unit and a slash, the figure is the unit's
     * denominator (a fraction 1/4 is one token, read by the lexer) */
    if (q->start >= 2 && c->s[q->start - 1] == '/' &&
        !(c->s[q->start - 2] >= '0' && c->s[q->start - 2] <= '9'))
        return 0;
    /* 第十八届, 第51位: ordinals and ranks */
    if (ls_text_ends_with(c->s, 0, q->start, "第"))
        return 0;
    if (unit_is(c->s, q, "次") && ls_text_starts_with_any(c->s, q->end, c->len, session_words))
        return 0;
    /* 80周年: an anniversary names a date; 连续9年: a streak, like a rank */
    if (unit_is(c->s, q, "周年") ||
        (ls_text_ends_with(c->s, 0, q->start, "连续") &&
         ls_text_starts_with_any(c->s, q->unit_start, c->len, streak_units) &&
         q->unit_end > q->unit_start))
        return 0;
    /* 八成 is 80%; 百亿成势 is a slogan */
    if (unit_is(c->s, q, "成") && (q->value > 10 || !q->chinese))
        return 0;
    if (q->chinese)
        return keep_chinese(c, q, tok);
    return keep_arabic(c, q);
}

/* Moves 'c->sentence_start' to the start of the sentence holding 'pos'.
 * '*next_mark' is the offset of the first sentence mark not yet passed
 * (ls_prefilter_mark: ; ! ? \n 。, ORDER MARKS), so the text between marks
 * is skipped a block at a time and no byte is looked at twice. */
static void advance_sentence(ls_context *c, size_t *next_mark, size_t pos)
{
    size_t p;

    while (*next_mark < pos) {
        p = *next_mark;
        /* 。 is the only mark of three bytes */
        if (c->s[p] == '\n') {
            c->sentence_start = c->paragraph_start = p + 1;
        } else {
            c->sentence_start = p + ((unsigned char)c->s[p] == 0xE3 ? 3 : 1);
        }
        *next_mark = ls_prefilter_mark(c->s, c->sentence_start, c->len);
    }
    c->clause_start = c->sentence_start;
}

/* Items of a list that 分别 pairs with figures, at most. */
#define PAIR_MAX 8

/* The metric of the last mention, lent to a rate with none (同比增长7%),
 * and the items of a list that 分别 pairs with the figures that follow
 * (城镇和农村居民人均可支配收入分别达35512元、25689元), as folded offsets. */
typedef struct {
    const char *metric;
    size_t sentence_start;
    size_t item_start[PAIR_MAX], item_end[PAIR_MAX];
    size_t tail_start, tail_end; /* what the items share: 居民人均可支配收入 */
    size_t items, next;          /* the number of items; the one the next figure takes */
} last_metric;

/* A copy in 'arena' of 'a' (length 'an') followed by 'b' ('bn'), or NULL
 * when out of memory. */
static char *join_text(ls_arena *arena, const char *a, size_t an, const char *b, size_t bn)
{
    char *t = ls_arena_alloc(arena, an + bn + 1);

    if (t) {
        memcpy(t, a, an);
        memcpy(t + an, b, bn);
        t[an + bn] = '\0';
    }
    return t;
}

/* Words that join the figures of a list: 35512元、25689元; 7%和8%左右 */
static const ls_word figure_joins[] = {LS_W("、"), LS_W("和"), LS_W("及"), LS_W("与"), LS_W_END};

/* True when 'q' follows the figure that ended at 'prev_end' as the next
 * item of a list: 5%左右、6%以上, 35512元、25689元. */
static int next_in_list(const ls_context *c, size_t prev_end, const ls_quantity *q)
{
    ls_piece piece;
    size_t p = prev_end, n = ls_lex_piece(c->s, p, &piece);

    if (piece == LS_PIECE_GE || piece == LS_PIECE_LE || piece == LS_PIECE_APPROX)
        p += n;
    n = ls_text_starts_with_any(c->s, p, c->len, figure_joins);
    return n && prev_end >= c->sentence_start && ls_text_skip_spaces(c->s, p + n) == q->start;
}

/* True when another figure follows 'q' in a list: 35512元、25689元. */
static int list_follows(const ls_context *c, const ls_quantity *q)
{
    ls_piece piece;
    ls_token tok;
    size_t p = q->end, n = ls_lex_piece(c->s, p, &piece);

    if (piece == LS_PIECE_GE || piece == LS_PIECE_LE || piece == LS_PIECE_APPROX)
        p += n;
    n = ls_text_starts_with_any(c->s, p, c->len, figure_joins);
    return n && ls_lex_numeral_at(c->s, ls_text_skip_spaces(c->s, p + n), &tok);
}

/* The metric of 'q' as 'f' found it: the phrase, or the owner and its
 * generic measure (国网信通大数据项目总投资; 开工项目57个，完成投资34.8亿元:
 * 开工项目投资), or the first item of a list 分别 pairs with figures (城镇
 * 居民人均可支配收入). NULL when out of memory. */
static const char *compose_metric(ls_arena *arena, const ls_context *c, const ls_quantity *q,
                                  const ls_metric_found *f, last_metric *last)
{
    const char *s = c->s;
    size_t n;

    last->items = 0;
    if (f->owner_end > f->owner_start)
        return join_text(arena, s + f->owner_start, f->owner_end - f->owner_start, s + f->start,
                         f->end - f->start);
    if (f->generic && last->metric && last->sentence_start == c->sentence_start)
        return join_text(arena, last->metric, strlen(last->metric), s + f->start, f->end - f->start);
    /* 分别增加2个: one figure for all the items keeps them whole */
    n = f->paired && list_follows(c, q) ? ls_metric_items(c, f->start, f->end, last->item_start,
                                                          last->item_end, PAIR_MAX, &last->tail_start)
                                        : 0;
    if (n < 2)
        return ls_arena_strndup(arena, s + f->start, f->end - f->start);
    last->items = n;
    last->next = 1;
    last->tail_end = f->end;
    return join_text(arena, s + last->item_start[0], last->item_end[0] - last->item_start[0],
                     s + last->tail_start, last->tail_end - last->tail_start);
}

/* The metric of 'q', which has no phrase of its own: the next item of a
 * paired list (25689元: 农村居民人均可支配收入), else the metric of the
 * figure before in its sentence, else "". NULL when out of memory. */
static const char *lend_metric(ls_arena *arena, const ls_context *c, const ls_quantity *q,
                               size_t prev_end, last_metric *last)
{
    size_t i = last->next;

    if (last->items && i < last->items && next_in_list(c, prev_end, q)) {
        last->next++;
        return join_text(arena, c->s + last->item_start[i], last->item_end[i] - last->item_start[i],
                         c->s + last->tail_start, last->tail_end - last->tail_start);
    }
    last->items = 0;
    if (last->metric && last->sentence_start == c->sentence_start)
        return last->metric;
    return "";
}

/* True when the phrase [s, s + n) says how a figure is counted, not what it
 * measures: 剔除减税因素后增长7%, 扣除价格因素后 (the figure takes the
 * metric of the one before). */
static int qualifier(const char *s, size_t n)
{
    return (ls_text_starts_with(s, 0, n, "剔除") || ls_text_starts_with(s, 0, n, "扣除")) &&
           ls_text_ends_with(s, 0, n, "后");
}

/* 'metric' without a qualifier it ends or starts with: 一般公共预算收入剔除
 * 虚增空转因素后 → 一般公共预算收入; 扣除自然因素影响后空气优良天数比率 →
 * 空气优良天数比率. NULL when out of memory (or 'metric' NULL). */
static const char *drop_qualifier(ls_arena *arena, const char *metric)
{
    const char *q;
    size_t n;

    if (!metric)
        return NULL;
    n = strlen(metric);
    if (!(q = strstr(metric, "剔除")) && !(q = strstr(metric, "扣除")))
        return metric;
    if (q == metric) {
        /* 扣除自然因素影响后空气优良天数比率: what follows 后 */
        const char *after = strstr(q, "后");
        return after && after[3] ? after + 3 : metric;
    }
    if (!qualifier(q, n - (size_t)(q - metric)))
        return metric;
    return ls_arena_strndup(arena, metric, (size_t)(q - metric));
}

/* Fills the fields of 'm' from 'q' and its context; 'prev_end' is where
 * the figure before ended. */
static ls_status describe(ls_arena *arena, const ls_context *c, const ls_quantity *q,
                          size_t prev_end, last_metric *last, ls_mention *m)
{
    ls_metric_found f;

    memset(m, 0, sizeof *m);
    /* a metric is lent only inside its sentence */
    if (last->sentence_start != c->sentence_start) {
        last->metric = NULL;
        last->items = 0;
    }
    m->value = q->value;
    m->value_max = q->value_max;
    m->has_max = q->has_max;
    m->op = ls_classify_op(c, q);
    m->change = ls_classify_change(c, q);
    m->unit = ls_arena_strndup(arena, c->s + q->unit_start, q->unit_end - q->unit_start);
    if (!m->unit)
        return LS_ENOMEM;
    if (ls_metric_find(c, q, &f) && !qualifier(c->s + f.start, f.end - f.start))
        m->metric = drop_qualifier(arena, compose_metric(arena, c, q, &f, last));
    else
        m->metric = lend_metric(arena, c, q, prev_end, last);
    if (!m->metric)
        return LS_ENOMEM;
    last->metric = m->metric[0] ? m->metric : last->metric;
    last->sentence_start = c->sentence_start;
    return LS_OK;
}

/* Words that join the items of a list of figures: 6.5%、9.4%; 7%和8%左右 */
static const ls_word list_joins[] = {LS_W("、"), LS_W("和"), LS_W("及"), LS_W("与"), LS_W("或"), LS_W(","), LS_W("，"), LS_W_END};

/* A figure listed right after another shares what the list says once:
 * 分别增长6.5%、9.4% (both increase), 分别增长7%和8%左右 (both ~). 'prev' is
 * the mention before 'm', ending at folded offset 'prev_end'. */
static void share_list(const ls_context *c, size_t prev_end, const ls_quantity *q,
                       ls_mention *prev, ls_mention *m)
{
    size_t n = ls_text_starts_with_any(c->s, prev_end, c->len, list_joins);
    int comma;

    /* 分别增长5%左右、6%以上: the change is shared, each keeps its op */
    if (!n && next_in_list(c, prev_end, q)) {
        if (m->change == LS_CHANGE_NONE && prev->change != LS_CHANGE_NONE)
            m->change = prev->change;
        return;
    }
    if (!n || ls_text_skip_spaces(c->s, prev_end + n) != q->start ||
        prev_end < c->sentence_start)
        return;
    comma = c->s[prev_end] == ',' || ls_text_starts_with(c->s, prev_end, c->len, "，");
    if (m->change == LS_CHANGE_NONE && prev->change != LS_CHANGE_NONE && !comma)
        m->change = prev->change;
    if (q->after != LS_PIECE_NONE && prev->op == LS_OP_EQ && !comma)
        prev->op = m->op;
}

/* The part of the report at text offset 'pos': the part of the last
 * heading at or before it (other before the first). '*next' is the index of
 * the first heading not yet passed (mentions come in text order). */
static ls_part part_at(const ls_doc *doc, size_t pos, size_t *next)
{
    while (*next < doc->heading_count && doc->headings[*next].start <= pos)
        (*next)++;
    return *next == 0 ? LS_PART_OTHER : doc->headings[*next - 1].part;
}

/* The largest year written in 'title' (2025年工作回顾: 2025), or 0. */
static int title_year(const char *title)
{
    const char *p;
    int best = 0;

    for (p = title; *p; p++) {
        int y = 0, i;
        for (i = 0; i < 4 && p[i] >= '0' && p[i] <= '9'; i++)
            y = y * 10 + (p[i] - '0');
        if (i == 4 && strncmp(p + 4, "年", 3) == 0 && (p == title || p[-1] < '0' || p[-1] > '9') &&
            y > best)
            best = y;
    }
    return best;
}

/* The year the report plans for, from its headings: the year of a plan
 * heading (2026年重点工作) or the one after a review's (2025年工作回顾);
 * 0 when no heading names one. */
static int report_year(const ls_doc *doc)
{
    size_t i;
    int year = 0, y;

    for (i = 0; i < doc->heading_count; i++) {
        const ls_heading *h = &doc->headings[i];
        y = title_year(h->title);
        if (y && h->part == LS_PART_REVIEW)
            y++;
        else if (h->part != LS_PART_PLAN && h->part != LS_PART_REQUIREMENTS)
            y = 0;
        if (y > year && y < 2200)
            year = y;
    }
    return year;
}

/* What the kind of a figure still needs when its piece has been read: of
 * its quantity and of where it stands, what ls_classify_kind reads
 * (classify.h). The kind depends on the part of the report (the outline)
 * and the year it plans for (its headings), which may not be known yet
 * (ls_extract_run); a text of many figures keeps this for each a while. */
typedef struct {
    /* folded offsets, in 32 bits: an input is less than 4 GiB (input.c),
     * and a smaller record is fewer fresh pages to fault in */
    uint32_t start, end, unit_start, unit_end; /* of the quantity */
    uint32_t clause_start, sentence_start, paragraph_start;
    ls_piece after;
    int product;
} pending_kind;

/* The mentions a thread has read, of the pieces it took one after another,
 * what their kinds still need, and the arena of their strings. 'base' is
 * where the piece being read began: a list is shared within a piece only. */
typedef struct {
    ls_arena *arena;
    ls_mention *items;
    pending_kind *pending;
    size_t count, cap, pending_cap;
    size_t base;
    size_t expect; /* room made at the first figure (a guess; 0: 64) */
} found_list;

/* A thread's room for figures at its first: one per PIECE_BYTES_A_FIGURE
 * of the text it may read, more than reports hold (one per 470 bytes in
 * the bench's, one per 250 in the densest), so that a list is not moved
 * as it grows; the pages of room not used are never touched. One list a
 * thread, not a piece, so that a large text's lists are large blocks
 * (alloc.c hints them huge: on a VM a 4 KB page faults in for 12 us). */
#define PIECE_BYTES_A_FIGURE 128

static ls_status found_add(found_list *f, const ls_mention *m, const ls_context *c,
                           const ls_quantity *q)
{
    size_t first = f->expect > 64 ? f->expect : 64;
    ls_mention *p = ls_grow(f->items, &f->cap, f->count, sizeof *p, first);
    pending_kind *k;

    if (!p)
        return LS_ENOMEM;
    f->items = p;
    k = ls_grow(f->pending, &f->pending_cap, f->count, sizeof *k, first);
    if (!k)
        return LS_ENOMEM;
    f->pending = k;
    k += f->count;
    k->start = (uint32_t)q->start;
    k->end = (uint32_t)q->end;
    k->unit_start = (uint32_t)q->unit_start;
    k->unit_end = (uint32_t)q->unit_end;
    k->after = q->after;
    k->product = q->product;
    k->clause_start = (uint32_t)c->clause_start;
    k->sentence_start = (uint32_t)c->sentence_start;
    k->paragraph_start = (uint32_t)c->paragraph_start;
    f->items[f->count++] = *m;
    return LS_OK;
}

/* Every mention of the figures that begin in folded text [from, to) of
 * 'doc', appended to 'out' (from out->base, where this piece begins), all
 * but their part and kind (classify_kinds).
 * 'from' is 0 or a line's start: no sentence, list or lent metric runs over
 * a line's end, so a piece reads the same as it does in one pass over the
 * whole text. It reads neither the outline nor the headings: it runs while
 * they are built. */
static ls_status extract_range(const ls_doc *doc, size_t from, size_t to, int lend,
                               found_list *out)
{
    ls_context c;
    ls_token tok;
    ls_quantity q;
    ls_mention m;
    last_metric last;
    ls_word_filter stops, heads, tails, skip_ends;
    ls_metric_lists lists;
    size_t pos = from, next_mark, prev_end = 0, cursor = 0, text_start;

    memset(&c, 0, sizeof c);
    memset(&last, 0, sizeof last);
    c.s = doc->in.norm;
    c.len = doc->in.norm_len;
    c.sentence_start = c.paragraph_start = c.clause_start = from;
    /* filters and indexes of the classifiers' word lists, lent to them:
     * the same answers, fewer comparisons ('lend' 0: tests check that) */
    if (lend) {
        ls_metric_stops_init(&stops);
        c.metric_stops = &stops;
        ls_metric_heads_init(&heads);
        c.metric_heads = &heads;
        ls_metric_tails_init(&tails);
        c.metric_tails = &tails;
        ls_classify_skip_init(&skip_ends);
        c.skip_ends = &skip_ends;
        if (ls_metric_lists_init(&lists))
            c.metric_lists = &lists;
    }
    next_mark = ls_prefilter_mark(c.s, from, c.len);
    while (ls_lex_next(c.s, c.len, pos, &tok) != (size_t)-1 && tok.start < to) {
        if (!ls_num_read(c.s, &tok, &q)) {
            pos = tok.end;
            continue;
        }
        pos = q.end > tok.end ? q.end : tok.end;
        advance_sentence(&c, &next_mark, q.start);
        if (!keep_quantity(&c, &q, &tok))
            continue;
        /* text offsets: mentions come in text order, so one walk over the marks */
        text_start = ls_input_text_offset_seq(&doc->in, q.start, &cursor);
        c.prev_end = prev_end >= c.sentence_start ? prev_end : 0;
        if (describe(out->arena, &c, &q, prev_end, &last, &m) != LS_OK)
            return LS_ENOMEM;
        m.start = text_start;
        m.end = ls_input_text_offset_seq(&doc->in, q.end, &cursor);
        if (out->count > out->base)
            share_list(&c, prev_end, &q, &out->items[out->count - 1], &m);
        if (found_add(out, &m, &c, &q) != LS_OK)
            return LS_ENOMEM;
        prev_end = q.end;
    }
    return LS_OK;
}

/* The part and kind of the 'count' mentions at 'items' (what their kinds
 * need at 'pending'), now that the outline is built: the part of the
 * heading each stands under, the kind by ls_classify_kind in the part and
 * report year 'year'. */
static void classify_kinds(const ls_doc *doc, ls_mention *items, const pending_kind *pending,
                           size_t count, int year, int lend)
{
    ls_context c;
    ls_quantity q;
    ls_word_filter skip_ends;
    size_t i, heading = 0;

    memset(&c, 0, sizeof c);
    c.s = doc->in.norm;
    c.len = doc->in.norm_len;
    c.year = year;
    if (lend) {
        ls_classify_skip_init(&skip_ends);
        c.skip_ends = &skip_ends;
    }
    memset(&q, 0, sizeof q);
    for (i = 0; i < count; i++) {
        ls_mention *m = &items[i];
        const pending_kind *k = &pending[i];
        m->part = part_at(doc, m->start, &heading);
        c.in_plan = m->part == LS_PART_REQUIREMENTS || m->part == LS_PART_PLAN ||
                    m->part == LS_PART_SELF;
        c.clause_start = k->clause_start;
        c.sentence_start = k->sentence_start;
        c.paragraph_start = k->paragraph_start;
        q.start = k->start;
        q.end = k->end;
        q.unit_start = k->unit_start;
        q.unit_end = k->unit_end;
        q.after = k->after;
        q.product = k->product;
        /* after the closing words (a part other after the first part: an
         * annex, a glossary, a web page) a figure describes, it is no target */
        if (m->part == LS_PART_OTHER && heading > 0)
            m->kind = LS_KIND_ATTRIBUTE;
        else
            m->kind = ls_classify_kind(&c, &q);
    }
}

/* One piece of the text, read by whichever thread takes it: its mentions
 * are [first, first + count) of that thread's list. */
typedef struct {
    size_t from, to;
    size_t reader;      /* the thread that read it (its list, its arena) */
    size_t first, count;
    size_t at;          /* where its mentions go in the document's list */
    ls_status status;
} extract_piece;

/* What one thread has read: its list and the arena of its strings. */
typedef struct {
    ls_arena arena;
    found_list found;
} extract_reader;

/* A run: the pieces, taken in turn by the threads; the outline built on
 * the calling thread meanwhile. */
typedef struct {
    const ls_doc *doc;
    extract_piece *pieces;
    size_t count;
    extract_reader readers[LS_EXTRACT_PARTS_MAX];
    size_t reader_count; /* readers that have taken their slot */
    int lend;
    int year;           /* for the kinds: read from the outline once built */
    ls_mention *into;   /* the document's list, room made: a piece's mentions
                         * are copied to it once classified (NULL: kept) */
    size_t next;        /* the first piece no thread has taken */
    pthread_mutex_t lock;
} extract_run;

/* The index of the next piece for a thread to take, or count. */
static size_t take_piece(extract_run *r)
{
    size_t i;

    pthread_mutex_lock(&r->lock);
    i = r->next < r->count ? r->next++ : r->count;
    pthread_mutex_unlock(&r->lock);
    return i;
}

/* Reads pieces until none is left (on each thread, the calling one too),
 * into a list of the thread's own. */
static void *read_pieces(void *arg)
{
    extract_run *r = arg;
    size_t i, slot;
    found_list *f;

    pthread_mutex_lock(&r->lock);
    slot = r->reader_count < LS_EXTRACT_PARTS_MAX ? r->reader_count++ : LS_EXTRACT_PARTS_MAX;
    pthread_mutex_unlock(&r->lock);
    if (slot == LS_EXTRACT_PARTS_MAX)
        return NULL; /* cannot happen: no more threads than slots */
    f = &r->readers[slot].found;
    while ((i = take_piece(r)) < r->count) {
        extract_piece *p = &r->pieces[i];
        p->reader = slot;
        p->first = f->base = f->count;
        p->status = extract_range(r->doc, p->from, p->to, r->lend, f);
        p->count = f->count - p->first;
    }
    return NULL;
}

/* Classifies the kinds of pieces until none is left. */
static void *classify_pieces(void *arg)
{
    extract_run *r = arg;
    size_t i;

    while ((i = take_piece(r)) < r->count) {
        extract_piece *p = &r->pieces[i];
        found_list *f = &r->readers[p->reader].found;
        if (!p->count)
            continue;
        classify_kinds(r->doc, f->items + p->first, f->pending + p->first, p->count, r->year,
                       r->lend);
        if (r->into)
            memcpy(r->into + p->at, f->items + p->first, p->count * sizeof *f->items);
    }
    return NULL;
}

/* Runs 'work' on 'threads' threads, the calling one among them. With
 * 'outline', that one first builds the outline (when given: its status is
 * returned) and reads the report's year from it (report_year), while the
 * others work; a thread that cannot start leaves its pieces to the others. */
static ls_status run_threads(extract_run *r, size_t threads, void *(*work)(void *),
                             ls_extract_outline outline, void *ctx, int year)
{
    pthread_t thread[LS_EXTRACT_PARTS_MAX];
    int started[LS_EXTRACT_PARTS_MAX] = {0};
    ls_status st = LS_OK;
    size_t i;

    r->next = 0;
    for (i = 1; i < threads && i < LS_EXTRACT_PARTS_MAX; i++)
        started[i] = pthread_create(&thread[i], NULL, work, r) == 0;
    if (outline)
        st = outline((ls_doc *)r->doc, ctx);
    if (year && st == LS_OK)
        r->year = report_year(r->doc);
    work(r);
    for (i = 1; i < threads && i < LS_EXTRACT_PARTS_MAX; i++)
        if (started[i])
            pthread_join(thread[i], NULL);
    return st;
}

/* The start of the line at or after offset 'at' of the folded text, or its
 * length when no line starts there. */
static size_t line_start_from(const ls_doc *doc, size_t at)
{
    const char *nl;

    if (at >= doc->in.norm_len)
        return doc->in.norm_len;
    nl = memchr(doc->in.norm + at, '\n', doc->in.norm_len - at);
    return nl ? (size_t)(nl - doc->in.norm) + 1 : doc->in.norm_len;
}

size_t ls_extract_parts_for(size_t text_len)
{
    return ls_threads_for(text_len, LS_EXTRACT_PART_MIN, LS_EXTRACT_PARTS_MAX);
}

/* Frees the readers' lists; the arenas of their strings go to 'keep'
 * (the document's, when its mentions use them) or are released. */
static void release_readers(extract_run *r, ls_arena *keep)
{
    size_t i;

    for (i = 0; i < LS_EXTRACT_PARTS_MAX; i++) {
        ls_free(r->readers[i].found.items);
        ls_free(r->readers[i].found.pending);
        if (keep)
            ls_arena_adopt(keep, &r->readers[i].arena);
        else
            ls_arena_release(&r->readers[i].arena);
    }
}

/* Room in the document's list for the mentions of all 'n' pieces (more
 * than one), and where each piece's go: they are copied there on the
 * threads that classify them. */
static ls_status make_room(ls_doc *doc, extract_piece *piece, size_t n, extract_run *r)
{
    size_t i, at = doc->mention_count, total = 0;

    for (i = 0; i < n; i++) {
        piece[i].at = at + total;
        total += piece[i].count;
    }
    if (ls_doc_add_mentions(doc, NULL, total) != LS_OK)
        return LS_ENOMEM;
    r->into = doc->mentions;
    return LS_OK;
}

/* The mentions of every piece moved to the document, in text order (by
 * the threads already, when room was made; else the one piece's), the
 * readers' lists freed and the arenas of their strings adopted. */
static ls_status join_pieces(ls_doc *doc, extract_piece *piece, size_t n, extract_run *r)
{
    ls_status st = LS_OK;
    size_t i;

    for (i = 0; i < n && st == LS_OK; i++)
        st = piece[i].status;
    for (i = 0; i < n && st == LS_OK && !r->into; i++) {
        found_list *f = &r->readers[piece[i].reader].found;
        if (doc->mention_count == 0 && !doc->mentions && piece[i].first == 0 &&
            piece[i].count == f->count) {
            /* a whole list becomes the document's own */
            doc->mentions = f->items;
            doc->mention_count = f->count;
            doc->mention_cap = f->cap;
            f->items = NULL;
        } else if (piece[i].count) {
            st = ls_doc_add_mentions(doc, f->items + piece[i].first, piece[i].count);
        }
    }
    release_readers(r, &doc->arena);
    return st;
}

/* ls_extract_run_with, the classifiers lent their filters and indexes
 * when 'lend'. */
static ls_status run_pieces(ls_doc *doc, size_t pieces, size_t threads, int lend,
                            ls_extract_outline outline, void *ctx)
{
    extract_piece piece[LS_EXTRACT_PIECES_MAX];
    extract_run r;
    size_t i, n = 0, from = 0, len = doc->in.norm_len;
    ls_status st, outlined;

    if (pieces < 1)
        pieces = 1;
    if (pieces > LS_EXTRACT_PIECES_MAX)
        pieces = LS_EXTRACT_PIECES_MAX;
    /* pieces of about equal length, each from a line's start */
    for (i = 0; i < pieces && from < len; i++) {
        size_t to = i + 1 == pieces ? len : line_start_from(doc, len / pieces * (i + 1));
        if (to <= from)
            continue;
        memset(&piece[n], 0, sizeof piece[n]);
        piece[n].from = from;
        piece[n].to = to;
        n++;
        from = to;
    }
    memset(&r, 0, sizeof r);
    r.doc = doc;
    r.pieces = piece;
    r.count = n;
    r.lend = lend;
    if (threads > n)
        threads = n ? n : 1;
    if (threads > LS_EXTRACT_PARTS_MAX)
        threads = LS_EXTRACT_PARTS_MAX;
    /* room for twice a thread's share of the text: the one that builds the
     * outline reads less, the others more */
    for (i = 0; i < LS_EXTRACT_PARTS_MAX; i++) {
        ls_arena_init(&r.readers[i].arena);
        r.readers[i].found.arena = &r.readers[i].arena;
        r.readers[i].found.expect =
            (threads > 1 ? len / threads * 2 : len) / PIECE_BYTES_A_FIGURE;
    }
    pthread_mutex_init(&r.lock, NULL);
    /* the figures read on the threads while the outline is built here */
    outlined = run_threads(&r, threads, read_pieces, outline, ctx, 1);
    st = outlined;
    for (i = 0; i < n && st == LS_OK; i++)
        st = piece[i].status;
    if (st == LS_OK && n > 1)
        st = make_room(doc, piece, n, &r);
    if (st == LS_OK)
        run_threads(&r, threads, classify_pieces, NULL, NULL, 0);
    pthread_mutex_destroy(&r.lock);
    if (st == LS_OK)
        st = join_pieces(doc, piece, n, &r);
    else
        release_readers(&r, NULL);
#ifdef __GLIBC__
    /* the lists the threads grew were freed in their malloc arenas, which
     * the main thread does not reuse: give those pages back */
    if (threads > 1)
        malloc_trim(0);
#endif
    return st;
}

size_t ls_extract_pieces_for(size_t text_len, size_t threads)
{
    size_t pieces = text_len / LS_EXTRACT_PIECE;

    if (threads <= 1)
        return 1;
    if (pieces < threads)
        pieces = threads;
    return pieces > LS_EXTRACT_PIECES_MAX ? LS_EXTRACT_PIECES_MAX : pieces;
}

ls_status ls_extract_run_with(ls_doc *doc, size_t pieces, size_t threads,
                              ls_extract_outline outline, void *ctx)
{
    return run_pieces(doc, pieces, threads, 1, outline, ctx);
}

ls_status ls_extract_run_parts(ls_doc *doc, size_t parts)
{
    return run_pieces(doc, parts, parts, 1, NULL, NULL);
}

ls_status ls_extract_run_plain(ls_doc *doc)
{
    return run_pieces(doc, 1, 1, 0, NULL, NULL);
}

ls_status ls_extract_run(ls_doc *doc, ls_extract_outline outline, void *ctx)
{
    size_t threads = ls_extract_parts_for(doc->in.norm_len);

    return run_pieces(doc, ls_extract_pieces_for(doc->in.norm_len, threads), threads, 1,
                      outline, ctx);
}
