/*
 * outline.c — the headings of a report: their level (1–3), title and part.
 *
 * Reads the folded text line by line. A heading is marked in one of four
 * ways: its own line (2023年工作任务, 坚持工业强市,…之城; short lines that follow
 * each other are one heading: 政府\n自身\n建设), Chinese numbering (一、 （一）
 * 1. 一是 ——), Markdown bold (**做大数字产业。**), or only by being the short
 * first sentence of a paragraph, parallel to its neighbours. Which part a
 * heading opens is read by meaning (parts.c: the time its title looks to,
 * its part words, then the clauses of its body); the self part is found
 * where no heading names it, and what follows the closing words opens parts
 * other. Tasks and mentions are other stages' work.
 *
 * Invariant: drafts are kept in text order; offsets are into the folded
 * text until they are copied out as ls_heading (offsets into the text).
 */
#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "lines.h"
#include "parts.h"
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
#define MID_PARALLEL 3      /* characters two parallel leads inside paragraphs may differ by */
#define TITLE_AHEAD 8       /* titles ahead whose text is fetched while one is copied */

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
    unsigned cands;     /* a part heading: the parts its title leaves open */
    int intro;          /* opens the first paragraph after a part heading */
    int words;          /* its title [start, join_end) holds two Han characters */
    int digit;          /* its title [start, end) holds a digit: a lead with one
                         * is a fact (confirm_leads). Both tested as the line
                         * is read, not in a later pass far from the text in
                         * cache */
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
    size_t closing;     /* the end of the closing words (the last call), or LS_NONE */
    int other_body;     /* the open part other has a line of text */
    int annex_next;     /* the line before numbered an annex (附件1) */
    int intro_next;     /* the next line is the first after a part heading */
    int intro_line;     /* the line being read is that line */
    size_t bold_cursor; /* add_bold_leads' place among the input's marks */
    size_t expect;      /* room for drafts at the first (DRAFT_BYTES) */
} outliner;

/* Room for drafts at the first: one per DRAFT_BYTES of text, more than
 * reports hold (one per 800 bytes in the bench's reports), so that a large
 * text's drafts are one large block from the start (alloc.c hints it huge)
 * and not moved as they grow; the room not used is never touched. */
#define DRAFT_BYTES 256
#define DRAFTS_FIRST 64

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

/* True when one of 'words' occurs in [a, b). */
static int has_any(const char *s, size_t a, size_t b, const ls_word *words)
{
    return ls_text_find_any(s, a, b, words) < b;
}

/* True when the title [a, b) names a part (2023年工作任务, 过去五年主要工作,
 * 一年来的工作); line breaks inside are ignored (政府\n自身\n建设). */
static int names_part(const char *s, size_t a, size_t b)
{
    ls_title t;

    ls_parts_title(s, a, b, &t);
    return ls_parts_is_part_title(&t);
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
    /* (一), also broken after its bracket on a web page: (\n三) */
    p = s[a] == '(' && a + 1 < b && s[a + 1] == '\n' ? a + 2 : a + 1;
    if (s[a] == '(' && (n = cn_number_len(s, p, b)) > 0 && p + n < b && s[p + n] == ')') {
        *after = p + n + 1;
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
static int two_han(const char *s, size_t a, size_t b);

/* True when [a, b) of 's' holds a digit: a lead with one is a fact, not a
 * heading. */
static int has_digit(const char *s, size_t a, size_t b)
{
    for (; a < b; a++)
        if (s[a] >= '0' && s[a] <= '9')
            return 1;
    return 0;
}

static size_t add(outliner *o, int level, size_t start, size_t end, size_t para, mark how)
{
    draft *d = ls_grow(o->d, &o->cap, o->n, sizeof *d, o->expect);

    if (!d)
        return LS_NONE;
    o->d = d;
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
    d->intro = o->intro_line;
    d->words = two_han(o->s, start, end);
    d->digit = how == MARK_LEAD && has_digit(o->s, start, end);
    return o->n++;
}

/* The part the order of a report gives the part after 'prev' (the first
 * when 'first'): the review first, the plan after the review or the
 * requirements, else the part before. It only breaks ties. */
static ls_part part_by_position(int first, ls_part prev)
{
    if (first)
        return LS_PART_REVIEW;
    return prev == LS_PART_REVIEW || prev == LS_PART_REQUIREMENTS ? LS_PART_PLAN : prev;
}

/* Opens a part at a level-1 heading [a, b) (its title read to 'join_end').
 * The title gives the parts it leaves open; until the body is read
 * (resolve_parts), the part is the one the order of the report gives. */
static size_t add_part(outliner *o, size_t a, size_t b, size_t join_end, int numbered)
{
    ls_part_votes none;
    ls_title t;
    unsigned cands;
    size_t i;

    memset(&none, 0, sizeof none);
    ls_parts_title(o->s, a, join_end, &t);
    cands = ls_parts_candidates(&t);
    o->part = ls_parts_choose(cands, &none, part_by_position(!o->have_l1, o->part));
    o->have_l1 = 1;
    o->l1_numbered = numbered;
    o->l2 = LS_NONE;
    o->intro_next = 1;
    i = add(o, 1, a, b, a, MARK_PART);
    if (i != LS_NONE) {
        o->d[i].join_end = join_end;
        o->d[i].words = two_han(o->s, o->d[i].start, join_end);
        o->d[i].cands = cands;
    }
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
    size_t ta, tb, t;

    /* a text without ** has none to look for (most reports) */
    if (!in->has_bold)
        return;
    /* the paragraphs come in text order: the marks are walked, not searched */
    ta = ls_input_text_offset_seq(in, a, &o->bold_cursor);
    tb = ls_input_text_offset_seq(in, b, &o->bold_cursor);
    t = ta;

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

/* The offset after at most 'max' characters of [a, b). */
static size_t after_chars(const char *s, size_t a, size_t b, size_t max)
{
    while (a < b && max-- > 0)
        a = ls_text_next(s, a, b);
    return a;
}

/* Opens a level-1 heading of part other at the line [a, b) after the
 * closing words: its first sentence, at most a part heading long. */
static void add_other(outliner *o, size_t a, size_t b)
{
    size_t end = b, i;

    if (ls_text_chars_max(o->s, a, b, PART_LINE_MAX) > PART_LINE_MAX)
        end = after_chars(o->s, a, sentence_end(o->s, a, b), PART_LINE_MAX);
    o->part = LS_PART_OTHER;
    o->l2 = LS_NONE;
    o->other_body = 0;
    o->annex_next = 0;
    i = add(o, 1, a, end, a, MARK_PART);
    if (i != LS_NONE)
        o->d[i].cands = LS_PART_BIT(LS_PART_OTHER);
}

/* Reads a line [a, b) after the closing words. The first line, the line
 * after an annex's number (附件1) and a piece of web page after some text
 * open a part other (名词解释, 2026年省十件民生实事, 相关报道, 扫一扫在手机打开
 * 当前页); nothing else there is a heading. Returns 0 when the line is a
 * part heading of the report after all: the closing was a call inside it. */
static int read_after_closing(outliner *o, size_t a, size_t b)
{
    size_t after = a;
    int num = numbering(o->s, a, b, &after);

    if ((num == 1 && names_part(o->s, after, sentence_end(o->s, after, b))) ||
        (num == 0 && own_line_shape(o->s, a, b) && names_part(o->s, a, b) &&
         !ls_parts_is_furniture(o->s, a, b))) {
        o->closing = LS_NONE;
        return 0;
    }
    if (ls_parts_is_annex_mark(o->s, a, b)) {
        o->annex_next = 1;
    } else if (o->part != LS_PART_OTHER || o->annex_next ||
               (o->other_body && ls_parts_is_furniture(o->s, a, b))) {
        add_other(o, a, b);
    } else if (!ls_parts_is_furniture(o->s, a, b) && ls_text_chars_max(o->s, a, b, 16) > 15) {
        o->other_body = 1;
    }
    return 1;
}

/* The end of the last line of 's' that calls on the audience (the
 * closing words), or LS_NONE. */
static size_t last_call(const char *s, size_t len)
{
    size_t b = len;

    while (b > 0) {
        size_t a = b;
        while (a > 0 && s[a - 1] != '\n')
            a--;
        if (b > a && ls_parts_is_call(s, a, b))
            return b;
        b = a > 0 ? a - 1 : 0;
    }
    return LS_NONE;
}

/* Reads the line [a, b) that has the shape of a heading of its own: a part
 * heading, perhaps split over several short lines (政府\n自身\n建设); a lead
 * sentence under a numbered area (…加强生态系统保护修复。); else an area. */
static void read_own_line(outliner *o, size_t a, size_t b)
{
    size_t joined = ls_text_chars_max(o->s, a, b, SPLIT_PIECE_MAX) <= SPLIT_PIECE_MAX
                        ? split_heading_end(o->s, o->len, b)
                        : b;
    size_t i;

    if (names_part(o->s, a, joined) && ls_text_chars_max(o->s, a, joined, PART_LINE_MAX) <= PART_LINE_MAX) {
        add_part(o, a, b, joined, 0);
        return;
    }
    if (!o->have_l1 || ls_text_chars_max(o->s, a, b, 4) < 4)
        return;
    if (ls_text_ends_with(o->s, a, b, "。") && o->l2 != LS_NONE && o->d[o->l2].how == MARK_NUMBER) {
        add_lead(o, a, b - 3, a, MARK_BOLD);
        return;
    }
    i = add(o, 2, a, b, a, MARK_LINE);
    if (i != LS_NONE)
        o->l2 = i;
}

/* Reads one line [a, b) of the folded text. */
static void read_line(outliner *o, const ls_input *in, size_t a, size_t b)
{
    size_t after = a, end;
    int num;

    o->intro_line = o->intro_next;
    o->intro_next = 0;
    /* after the closing words: annexes and the web page around the report */
    if (o->have_l1 && o->closing != LS_NONE && a >= o->closing && read_after_closing(o, a, b))
        return;
    num = numbering(o->s, a, b, &after);
    if (num == 0 && own_line_shape(o->s, a, b)) {
        read_own_line(o, a, b);
        return;
    }
    end = sentence_end(o->s, after, b);
    if (num == 1 && ls_text_chars_max(o->s, after, end, PART_LINE_MAX) <= PART_LINE_MAX &&
        (!o->have_l1 || o->l1_numbered || names_part(o->s, after, end))) {
        if (end == b || names_part(o->s, after, end) || !o->have_l1) {
            add_part(o, after, end, end, 1);
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

/* The end of the body of the part heading 'i': the start of the next
 * level-1 heading, or the end of the text. */
static size_t part_body_end(const outliner *o, size_t i)
{
    size_t j;

    for (j = i + 1; j < o->n; j++)
        if (o->d[j].level == 1)
            return o->d[j].start;
    return o->len;
}

/* Decides the part of each part heading whose title leaves several open
 * by the clauses of its body, in text order (the order of the report
 * breaks ties), and gives every heading under it its part. */
static void resolve_parts(outliner *o)
{
    ls_part prev = LS_PART_OTHER, part = LS_PART_OTHER;
    int first = 1;
    size_t i;

    for (i = 0; i < o->n; i++) {
        draft *d = &o->d[i];
        if (d->level == 1 && d->cands == LS_PART_BIT(LS_PART_OTHER)) {
            part = LS_PART_OTHER;
        } else if (d->level == 1 && d->how == MARK_PART) {
            ls_part_votes v;
            memset(&v, 0, sizeof v);
            /* a title that decides needs no reading of the body */
            if (d->cands & (d->cands - 1))
                ls_parts_read(o->s, d->join_end, part_body_end(o, i), &v);
            part = ls_parts_choose(d->cands, &v, part_by_position(first, prev));
            first = 0;
            prev = part;
        }
        d->part = part;
    }
}

/* True when [a, b) and [c, d) share a run of four characters (12 bytes of
 * Chinese). */
static int share_four(const char *s, size_t a, size_t b, size_t c, size_t d)
{
    size_t p, q;

    for (p = a; p + 12 <= b; p = ls_text_next(s, p, b))
        for (q = c; q + 12 <= d; q = ls_text_next(s, q, d))
            if (memcmp(s + p, s + q, 12) == 0)
                return 1;
    return 0;
}

/* True when the lead 'i' opens the first paragraph after its part heading
 * and introduces the part rather than heads an area of it: it speaks of a
 * time (刚刚过去的一年，是“十四五”收官之年; “十四五”时期…极不平凡的五年), holds a
 * comma, or names what the part's title names (新使命、新任务对政府自身建设
 * 提出了更高要求 under 全面加强政府自身建设). */
static int introduces_part(const outliner *o, size_t i)
{
    const draft *d = &o->d[i];
    size_t k;

    if (!d->intro)
        return 0;
    if (has_word(o->s, d->start, d->end, "年") || has_word(o->s, d->start, d->end, "时期") ||
        memchr(o->s + d->start, ',', d->end - d->start) || has_word(o->s, d->start, d->end, "，"))
        return 1;
    for (k = i; k-- > 0;)
        if (o->d[k].level == 1)
            return share_four(o->s, d->start, d->end, o->d[k].start, o->d[k].join_end);
    return 0;
}

/* Confirms plain leads: a short one stands alone, a longer one needs a
 * neighbour lead of its level that opens with the same three characters
 * (一年来,我们坚持… ×8). */
static void confirm_leads(outliner *o)
{
    size_t i, j;

    for (i = 0; i < o->n; i++) {
        draft *d = &o->d[i];
        if (d->how != MARK_LEAD || d->digit ||
            ls_text_starts_with(o->s, d->start, d->end, "各位代表"))
            continue;
        /* the sentence that introduces a part stands alone only with a
         * parallel neighbour (刚刚过去的一年，是…) */
        if (!introduces_part(o, i) && ls_text_chars_max(o->s, d->start, d->end, LEAD_SHORT) <= LEAD_SHORT &&
            lone_lead_ok(o, d)) {
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

/* Ordinals that open a list item: 一是…, 二要…, 第一，… (never a heading). */
static const ls_word ordinal_words[] = {LS_W("是"), LS_W("要"), LS_W_END};

/* True when [a, e) opens with an ordinal: 一是, 二要, 第一, 其一, 首先. */
static int opens_with_ordinal(const char *s, size_t a, size_t e)
{
    size_t n = cn_number_len(s, a, e);

    if (n && ls_text_starts_with_any(s, a + n, e, ordinal_words))
        return 1;
    return ((ls_text_starts_with(s, a, e, "第") || ls_text_starts_with(s, a, e, "其")) &&
            cn_number_len(s, a + 3, e) > 0) ||
           ls_text_starts_with(s, a, e, "首先");
}

/* True when the sentence [a, e) may be a lead inside a paragraph: 4–16
 * characters, no comma, figure or line break, no ordinal. */
static int mid_candidate(const outliner *o, size_t a, size_t e)
{
    size_t k;

    if (ls_text_chars_max(o->s, a, e, MID_LEAD_MIN) < MID_LEAD_MIN ||
        ls_text_chars_max(o->s, a, e, MID_LEAD_MAX) > MID_LEAD_MAX || memchr(o->s + a, ',', e - a) ||
        has_word(o->s, a, e, "，") || memchr(o->s + a, '\n', e - a) || opens_with_ordinal(o->s, a, e))
        return 0;
    for (k = a; k < e; k++)
        if (o->s[k] >= '0' && o->s[k] <= '9')
            return 0;
    return 1;
}

/* True when the sentences at 'a' and 'b' are parallel: their lengths
 * differ by at most MID_PARALLEL characters, or they share their first or
 * last two characters (全力化解重大风险, 全力冲刺脱贫攻坚). */
static int parallel(const outliner *o, size_t a, size_t b, size_t end)
{
    size_t ea = sentence_end(o->s, a, end), eb = sentence_end(o->s, b, end);
    size_t na = ls_text_chars(o->s, a, ea), nb = ls_text_chars(o->s, b, eb);

    return (na > nb ? na - nb : nb - na) <= MID_PARALLEL ||
           (ea - a >= 6 && eb - b >= 6 &&
            (memcmp(o->s + a, o->s + b, 6) == 0 || memcmp(o->s + ea - 6, o->s + eb - 6, 6) == 0));
}

/* Drops the candidates 'found' that are followed by less than
 * MID_BODY_MIN characters before the next, or that no other is parallel
 * to; returns how many are left. */
static size_t keep_mid_leads(const outliner *o, size_t *found, size_t count, size_t area_end)
{
    size_t i, j, left = 0;

    for (i = 0; i < count; i++) {
        size_t next = i + 1 < count ? found[i + 1] : area_end;
        size_t e = sentence_end(o->s, found[i], area_end);
        if (ls_text_chars_max(o->s, e, next, MID_BODY_MIN) < MID_BODY_MIN)
            found[i] = LS_NONE;
    }
    for (i = 0; i < count; i++) {
        int twin = 0;
        for (j = 0; j < count && !twin && found[i] != LS_NONE; j++)
            twin = j != i && found[j] != LS_NONE && parallel(o, found[i], found[j], area_end);
        if (!twin)
            found[i] = LS_NONE;
        left += found[i] != LS_NONE;
    }
    return left;
}

/* Level-3 leads inside the paragraphs of an area that has none at their
 * start, in any part (海拉尔: …坚决打好重点战役。全力化解重大风险。按照…). A
 * short sentence with no comma or figure, followed by a long body,
 * parallel to at least one other in the area. */
static ls_status find_mid_leads(outliner *o, size_t area, size_t area_end)
{
    size_t found[64], count = 0, p, i, start = o->d[area].join_end;

    for (p = start; p < area_end; ) {
        size_t e = sentence_end(o->s, p, area_end), a = p;
        while (a < e && (o->s[a] == '\n' || o->s[a] == ' '))
            a++;
        if (e >= area_end)
            break;
        if (count < sizeof found / sizeof found[0] && mid_candidate(o, a, e))
            found[count++] = a;
        p = e + 3;
    }
    if (keep_mid_leads(o, found, count, area_end) < 2)
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

/* Sorts drafts by start. They come in order but for the leads found
 * inside paragraphs, appended at the end: the sorted prefix stays, the
 * tail is sorted (qsort: linearithmic however many were appended) and the
 * two merged from the back, the prefix's draft first among equals, as a
 * stable sort of the whole would order them. Without memory for the tail,
 * all is sorted in place. */
static void sort_drafts(outliner *o)
{
    size_t k = 1, i, j, out, tail_n;
    draft *tail;

    while (k < o->n && draft_cmp(&o->d[k - 1], &o->d[k]) <= 0)
        k++;
    if (k >= o->n)
        return;
    tail_n = o->n - k;
    tail = ls_malloc(tail_n * sizeof *tail);
    if (!tail) {
        qsort(o->d, o->n, sizeof *o->d, draft_cmp);
        return;
    }
    memcpy(tail, o->d + k, tail_n * sizeof *tail);
    qsort(tail, tail_n, sizeof *tail, draft_cmp);
    /* the largest first into the last free place: a prefix draft moves
     * only behind a tail draft it is not above */
    for (i = k, j = tail_n, out = o->n; j > 0; out--) {
        if (i > 0 && draft_cmp(&o->d[i - 1], &tail[j - 1]) > 0)
            o->d[out - 1] = o->d[--i];
        else
            o->d[out - 1] = tail[--j];
    }
    ls_free(tail);
}

/* Areas marked by line or number that got no level-3 heading are searched
 * for leads inside their paragraphs. */
static ls_status mid_lead_pass(outliner *o)
{
    size_t i, j, n = o->n;
    ls_status st = LS_OK;

    for (i = 0; i < n; i++) {
        size_t end = o->len;
        int has_child = 0;
        if (o->d[i].level != 2 || !o->d[i].structural)
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
            LS_CHECK(find_mid_leads(o, i, end));
    }
done:
    sort_drafts(o);
    return st;
}

#define SELF_CLAUSES_MIN 4  /* clauses of a paragraph that turns to the government itself */
#define SELF_LEAD_PARAS 2   /* paragraphs after it where its first lead may stand */

/* Sets the part of the drafts from 'k' up to the text offset 'end' to self. */
static void mark_self(outliner *o, size_t k, size_t end)
{
    for (; k < o->n && o->d[k].start < end; k++)
        if (o->d[k].level > 1)
            o->d[k].part = LS_PART_SELF;
}

/* The index of the last kept part heading of the plan, or LS_NONE. */
static size_t last_plan(const outliner *o)
{
    size_t i, found = LS_NONE;

    for (i = 0; i < o->n; i++)
        if (o->d[i].keep && o->d[i].level == 1) {
            if (o->d[i].part == LS_PART_SELF)
                return LS_NONE;
            if (o->d[i].part == LS_PART_PLAN)
                found = i;
        }
    return found;
}

/* True when most clauses of [a, b) read as the government's work on itself
 * (at least two in three, and SELF_CLAUSES_MIN). */
static int reads_self(const outliner *o, size_t a, size_t b)
{
    ls_part_votes v;

    memset(&v, 0, sizeof v);
    ls_parts_read(o->s, a, b, &v);
    return v.clauses >= SELF_CLAUSES_MIN && 3 * v.votes[LS_PART_SELF] >= 2 * v.clauses;
}

/* An area of the plan that names the government's own work and reads as
 * it ((十)着力加强政府自身建设): the index of the first, or LS_NONE. */
static size_t self_area(const outliner *o, size_t plan, size_t end)
{
    size_t i, j;

    for (i = plan + 1; i < o->n && o->d[i].start < end; i++) {
        ls_title t;
        size_t area_end = end;
        if (!o->d[i].keep || o->d[i].level != 2)
            continue;
        ls_parts_title(o->s, o->d[i].start, o->d[i].end, &t);
        if (!(t.named & LS_PART_BIT(LS_PART_SELF)))
            continue;
        for (j = i + 1; j < o->n && o->d[j].start < end; j++)
            if (o->d[j].keep && o->d[j].level <= 2) {
                area_end = o->d[j].start;
                break;
            }
        if (reads_self(o, o->d[i].start, area_end))
            return i;
    }
    return LS_NONE;
}

/* Addresses to the deputies that open a paragraph (各位代表！面对…). */
static const ls_word addresses[] = {LS_W("各位代表,"), LS_W("各位代表，"), LS_W("各位代表!"), LS_W("各位代表:"),
                                   LS_W_END};

/* The first paragraph in [a, end) that reads as the government's work on
 * itself (各位代表！\n面对新的形势和任务，各级政府要…), or LS_NONE; '*para_end'
 * gets its end. */
static size_t self_paragraph(const outliner *o, size_t a, size_t end, size_t *para_end)
{
    while (a < end) {
        const char *nl = memchr(o->s + a, '\n', end - a);
        size_t b = nl ? (size_t)(nl - o->s) : end;
        if (reads_self(o, a + ls_text_starts_with_any(o->s, a, b, addresses), b)) {
            *para_end = b;
            return a;
        }
        a = b + 1;
    }
    return LS_NONE;
}

/* The first kept lead that opens one of the SELF_LEAD_PARAS paragraphs
 * after 'para_end' (before 'end'), or LS_NONE: the paragraph before it
 * introduces the part (深入推进依法行政。… after 新征程新使命，…). */
static size_t lead_after(const outliner *o, size_t para_end, size_t end)
{
    size_t i, paras = 0, p;

    for (p = para_end; p < end && paras <= SELF_LEAD_PARAS; p++)
        if (o->s[p] == '\n') {
            while (p + 1 < end && (o->s[p + 1] == '\n' || o->s[p + 1] == ' '))
                p++;
            paras++;
            for (i = 0; i < o->n; i++)
                if (o->d[i].keep && o->d[i].level > 1 && o->d[i].start == p + 1 &&
                    o->d[i].para == o->d[i].start && paras <= SELF_LEAD_PARAS)
                    return i;
        }
    return LS_NONE;
}

/* The title of the self part that starts at the paragraph 'a' without a
 * lead: its first sentence after the address (各位代表，), cut at a comma
 * when longer than a lead. Adds it as a level-2 draft of part self. */
static ls_status add_self_heading(outliner *o, size_t a, size_t para_end)
{
    size_t n = ls_text_starts_with_any(o->s, a, para_end, addresses), end, cut, p;

    a += n;
    end = sentence_end(o->s, a, para_end);
    if (ls_text_chars_max(o->s, a, end, LEAD_MAX) > LEAD_MAX) {
        cut = after_chars(o->s, a, end, LEAD_MAX);
        for (p = a; p < cut; p = ls_text_next(o->s, p, cut))
            if (o->s[p] == ',' || ls_text_starts_with(o->s, p, cut, "，"))
                end = p;
        if (end > cut)
            end = cut;
    }
    if (add(o, 2, a, end, a, MARK_LINE) == LS_NONE)
        return LS_ENOMEM;
    o->d[o->n - 1].part = LS_PART_SELF;
    sort_drafts(o);
    return LS_OK;
}

/* The government's work on itself where no part heading names it: from an
 * area of the plan that names and reads as it, or from the first paragraph
 * after the last area of the plan that reads as it. That paragraph's first
 * sentence heads the part, unless leads open the paragraphs after it (then
 * the first of them does, and the paragraph is their introduction). */
static ls_status find_self(outliner *o)
{
    size_t plan = last_plan(o), end, i, start, para, para_end = 0;

    if (plan == LS_NONE)
        return LS_OK;
    end = part_body_end(o, plan);
    if ((i = self_area(o, plan, end)) != LS_NONE) {
        mark_self(o, i, end);
        return LS_OK;
    }
    /* the paragraphs after the start of the plan's last area */
    for (start = o->d[plan].join_end, i = plan + 1; i < o->n && o->d[i].start < end; i++)
        if (o->d[i].keep && o->d[i].level == 2 && o->d[i].structural)
            start = o->d[i].join_end;
    para = self_paragraph(o, start, end, &para_end);
    if (para == LS_NONE)
        return LS_OK;
    for (i = plan + 1; i < o->n && o->d[i].start < para_end; i++)
        if (o->d[i].keep && o->d[i].level > 1 && o->d[i].para == para) {
            mark_self(o, i, end);
            return LS_OK;
        }
    if ((i = lead_after(o, para_end, end)) != LS_NONE) {
        mark_self(o, i, end);
        return LS_OK;
    }
    if (add_self_heading(o, para, para_end) != LS_OK)
        return LS_ENOMEM;
    for (i = 0; i < o->n && o->d[i].start < para; i++)
        ;
    mark_self(o, i, end);
    return LS_OK;
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

/* The title of a draft from the original text [ta, tb) of its span (and
 * of the lines it was split over), without ** markers, line breaks or
 * spaces. */
static char *copy_title(ls_arena *arena, const ls_input *in, size_t ta, size_t tb)
{
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

/* The end of the line that starts at 'pos', and of the lines joined to it
 * (a sentence of a web page broken around a bold phrase is one line). */
static size_t joined_line_end(const char *s, size_t len, size_t pos)
{
    const char *nl = memchr(s + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - s) : len;

    while (end < len && ls_line_joins_next(s, len, end)) {
        nl = memchr(s + end + 1, '\n', len - end - 1);
        end = nl ? (size_t)(nl - s) : len;
    }
    return end;
}

ls_status ls_outline_build(const ls_input *in, ls_arena *arena, ls_heading **out, size_t *count)
{
    outliner o;
    size_t pos = 0, i, k, kept = 0, cursor = 0;
    ls_heading *h = NULL;
    ls_status st = LS_OK;
    size_t open[4] = {LS_NONE, LS_NONE, LS_NONE, LS_NONE};

    memset(&o, 0, sizeof o);
    o.s = in->norm;
    o.len = in->norm_len;
    o.l2 = LS_NONE;
    o.expect = o.len / DRAFT_BYTES > DRAFTS_FIRST ? o.len / DRAFT_BYTES : DRAFTS_FIRST;
    o.closing = last_call(o.s, o.len);
    *out = NULL;
    *count = 0;
    /* read the text line by line */
    while (pos < o.len) {
        size_t end = joined_line_end(o.s, o.len, pos), a = pos, b = end;
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
    resolve_parts(&o);
    confirm_leads(&o);
    st = mid_lead_pass(&o);
    if (st != LS_OK)
        goto done;
    st = find_self(&o);
    if (st != LS_OK)
        goto done;
    assign_self(&o);
    for (i = 0; i < o.n; i++)
        kept += o.d[i].keep && o.d[i].words;
    if (kept == 0)
        goto done;
    h = ls_arena_alloc(arena, kept * sizeof *h);
    if (!h) {
        st = LS_ENOMEM;
        goto done;
    }
    /* the titles' places in the text first: the drafts are in text order,
     * so the marks are walked, not searched */
    for (i = 0, k = 0; i < o.n; i++) {
        if (!o.d[i].keep || !o.d[i].words)
            continue;
        h[k].start = ls_input_text_offset_seq(in, o.d[i].start, &cursor);
        h[k].end = ls_input_text_offset_seq(in, o.d[i].join_end, &cursor);
        k++;
    }
    /* copy out, with parents and section ends; the text of a title a few
     * ahead asked for meanwhile (a long text is far out of the cache) */
    for (i = 0, k = 0; i < o.n; i++) {
        const draft *d = &o.d[i];
        size_t j;
        if (!d->keep || !d->words)
            continue;
        if (k + TITLE_AHEAD < kept)
            __builtin_prefetch(in->text + h[k + TITLE_AHEAD].start);
        h[k].level = d->level;
        h[k].title = copy_title(arena, in, h[k].start, h[k].end);
        if (!h[k].title) {
            st = LS_ENOMEM;
            goto done;
        }
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
