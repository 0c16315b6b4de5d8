/*
 * tasks.c — the clauses of a report as tasks (plan) and achievements (review).
 *
 * Walks the folded text clause by clause (a clause ends with 。 ； ! ? or a
 * line break; 一是/二是 open a new one), gives each the innermost heading
 * above it, the mentions inside it and the named things it is about, and a
 * stable id made of the document id, the heading path and the clause's
 * number under its heading. Heading text itself is not a task. Quantities
 * are extract.c's work; links are link.c's.
 */
#include "tasks.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "lines.h"
#include "parts.h"
#include "prefilter.h"
#include "roles.h"
#include "text.h"

#define ENTITY_MIN 3     /* characters in a named thing */
#define ENTITY_MAX 24
#define ENTITIES_MAX 16  /* named things kept per clause */
#define LIST_ITEM_MAX 8  /* characters in a name listed before a count */

/* List items inside a paragraph: 一是…, 二是… */
static const ls_word item_marks[] = {LS_W("二是"), LS_W("三是"), LS_W("四是"), LS_W("五是"), LS_W("六是"), LS_W("七是"), LS_W("八是"),
                                         LS_W("九是"), LS_W("十是"), LS_W_END};
/* Last words of the names of projects, sites and organisations. */
static const ls_word entity_suffixes[] = {
    LS_W("项目"), LS_W("电站"), LS_W("工程"), LS_W("产业园"), LS_W("园区"), LS_W("基地"), LS_W("中心"), LS_W("机场"), LS_W("水库"), LS_W("医院"), LS_W("煤矿"),
    LS_W("矿井"), LS_W("变电站"), LS_W("通道"), LS_W("公园"), LS_W("大桥"), LS_W("枢纽"), LS_W("高速"), LS_W("铁路"), LS_W("公路"), LS_W("学校"), LS_W("幼儿园"),
    LS_W("殡仪馆"), LS_W("博物馆"), LS_W("物流园"), LS_W("示范区"), LS_W("集团"), LS_W("公司"), LS_W("景区"), LS_W("港"), LS_W("新城"), LS_W("古城"), LS_W_END};
/* Words a name never starts with: verbs and adverbs of the clause around it. */
static const ls_word name_stops[] = {
    LS_W("加快"), LS_W("推动"), LS_W("推进"), LS_W("建设"), LS_W("建成"), LS_W("开工"), LS_W("实施"), LS_W("支持"), LS_W("完成"), LS_W("启动"), LS_W("打造"),
    LS_W("培育"), LS_W("谋划"), LS_W("争取"), LS_W("引进"), LS_W("举办"), LS_W("办好"), LS_W("新建"), LS_W("改造"), LS_W("加强"), LS_W("深化"), LS_W("提升"),
    LS_W("积极"), LS_W("大力"), LS_W("全力"), LS_W("继续"), LS_W("着力"), LS_W("持续"), LS_W("以"), LS_W("等"), LS_W("和"), LS_W("与"), LS_W("及"), LS_W("、"), LS_W("的"),
    LS_W("在"), LS_W("将"), LS_W("把"), LS_W("对"), LS_W("为"), LS_W("同步"), LS_W("开展"), LS_W("力争"), LS_W("确保"), LS_W("实现"), LS_W("依托"), LS_W("围绕"),
    LS_W("落实"), LS_W("发挥"), LS_W("充分"), LS_W("进一步"), LS_W("全面"), LS_W("重点"), LS_W("扎实"), LS_W("深入"), LS_W("一批"), LS_W("各类"), LS_W("相关"),
    LS_W("更多"), LS_W("创新"), LS_W("规划"), LS_W("探索"), LS_W("健全"), LS_W("完善"), LS_W("抓好"), LS_W("做好"), LS_W("高标准"), LS_W_END};


/* The first of '*', '\n' and '\r' in [p, end) of 't', or 'end': a clause
 * seldom holds one, so three memchr calls beat a test of every byte. */
static size_t next_special(const char *t, size_t p, size_t end)
{
    static const char specials[] = "*\n\r";
    size_t i, first = end;

    for (i = 0; i < 3; i++) {
        const char *hit = memchr(t + p, specials[i], first - p);
        if (hit)
            first = (size_t)(hit - t);
    }
    return first;
}

/* A new NUL-terminated copy of the text [ta, tb) without ** markers and
 * line breaks, in 'arena'; NULL when memory runs out. */
static char *copy_text(ls_arena *arena, const char *t, size_t ta, size_t tb)
{
    char *out = ls_arena_alloc(arena, tb - ta + 1), *w = out;
    size_t p = ta, q;

    if (!out)
        return NULL;
    while (p < tb) {
        q = next_special(t, p, tb);
        memcpy(w, t + p, q - p);
        w += q - p;
        if (q >= tb)
            break;
        if (t[q] == '*' && q + 1 < tb && t[q + 1] == '*')
            q++; /* ** dropped */
        else if (t[q] == '*')
            *w++ = '*';
        p = q + 1;
    }
    *w = '\0';
    return out;
}

/* The start of a name that ends at 'end' (a suffix's end) in [floor, end):
 * back to punctuation, a figure, or a word of 'name_stops' ('stops': those
 * words indexed by their last character). The walk goes no further than
 * ENTITY_MAX characters: a longer name is no name (find_entities drops it
 * whatever its start), and a clause of thousands of characters without a
 * stop (项目项目…) would otherwise be walked again from each suffix. */
static size_t name_start(const char *s, size_t floor, size_t end, const ls_word_index *stops)
{
    size_t p = end, walked = 0;

    while (p > floor && walked++ < ENTITY_MAX) {
        size_t q = ls_text_prev(s, p);
        unsigned char c = (unsigned char)s[q];
        /* a name may hold a size: 浑源150万千瓦抽水蓄能电站 */
        if (!ls_text_is_han(s, q, end) && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') &&
            c != '.')
            break;
        if (ls_word_index_ends(stops, s, floor, p))
            break;
        p = q;
    }
    return p;
}

/* The start of an item of a list of names that ends at 'end': back to
 * 、 or a word of 'name_stops', with no figure inside; no further than
 * LIST_ITEM_MAX + 1 characters (a longer item is none: list_entities
 * stops there whatever its start). */
static size_t list_item_start(const char *s, size_t floor, size_t end,
                              const ls_word_index *stops)
{
    size_t p = end, walked = 0;

    while (p > floor && walked++ <= LIST_ITEM_MAX) {
        size_t q = ls_text_prev(s, p);
        if (!ls_text_is_han(s, q, end) || ls_word_index_ends(stops, s, floor, p))
            break;
        p = q;
    }
    return p;
}

/* Appends the name [a, b) of the folded text to 'list' unless it is there. */
static int add_entity(ls_arena *arena, const ls_input *in, size_t a, size_t b, const char **list,
                      size_t *n)
{
    size_t ta = ls_input_text_offset(in, a), tb = ls_input_text_offset(in, b), i;
    char *name;

    if (*n >= ENTITIES_MAX)
        return 1;
    for (i = 0; i < *n; i++)
        if (strlen(list[i]) == tb - ta && memcmp(list[i], in->text + ta, tb - ta) == 0)
            return 1;
    name = copy_text(arena, in->text, ta, tb);
    if (!name)
        return 0;
    list[(*n)++] = name;
    return 1;
}

/* The items of a list of names before a count: 国电湖东、晋控同热、中煤3个
 * “上大压小”煤电项目 names three projects. Only a list of two or more. */
static int list_entities(ls_arena *arena, const ls_input *in, size_t a, size_t b,
                         const ls_word_index *stops, const char **list, size_t *n)
{
    const char *s = in->norm;
    size_t p, items[2 * ENTITIES_MAX], k, from = a;

    /* a list has a 、 before its last item: no figure before the first 、
     * of the clause ends one (most clauses have none) */
    while (from + 3 <= b && !ls_text_starts_with(s, from, b, "、")) {
        const char *lead = memchr(s + from + 1, 0xE3, b - from - 1);
        from = lead ? (size_t)(lead - s) : b;
    }
    if (from + 3 > b)
        return 1;
    /* at the first digit of each figure after it */
    for (p = ls_prefilter_digit(s, from + 3, b); p < b; p = ls_prefilter_digit(s, p + 1, b)) {
        size_t end = p, start, count = 0;
        if (p > a && s[p - 1] >= '0' && s[p - 1] <= '9')
            continue;
        if (ls_text_ends_with(s, a, end, "等"))
            end -= 3;
        /* walk back over 'name、' items */
        while (end > a && count + 2 <= sizeof items / sizeof items[0]) {
            start = list_item_start(s, a, end, stops);
            if (ls_text_chars(s, start, end) < 2 || ls_text_chars(s, start, end) > LIST_ITEM_MAX)
                break;
            items[count++] = start;
            items[count++] = end;
            if (!ls_text_ends_with(s, a, start, "、"))
                break;
            end = start - 3;
        }
        for (k = 0; count >= 4 && k < count; k += 2)
            if (!add_entity(arena, in, items[k], items[k + 1], list, n))
                return 0;
    }
    return 1;
}

/* Drops a name that begins a longer one of the list: 大同古城 beside
 * 大同古城景区. */
static void drop_prefixes(const char **list, size_t *n)
{
    size_t i, j, k = 0;

    for (i = 0; i < *n; i++) {
        size_t li = strlen(list[i]);
        int inside = 0;
        for (j = 0; j < *n && !inside; j++)
            inside = j != i && strlen(list[j]) > li && memcmp(list[j], list[i], li) == 0;
        if (!inside)
            list[k++] = list[i];
    }
    *n = k;
}

/* Named things in the clause [a, b) of the folded text: phrases that end
 * with the suffix of a project, site or organisation and are not a bare
 * count (储能续建项目 after 4个 is not a name), and the items of a list
 * of names before a count. */
static int find_entities(ls_arena *arena, const ls_input *in, size_t a, size_t b,
                         const ls_word_index *suffixes, const ls_word_index *stops,
                         const char ***out, size_t *count)
{
    const char *s = in->norm, *list[ENTITIES_MAX];
    size_t p, n = 0, k;

    for (p = a; p < b; p = ls_text_next(s, p, b)) {
        size_t len, start;
        if (!(len = ls_word_index_starts(suffixes, s, p, b)))
            continue;
        start = name_start(s, a, p, stops);
        /* a name holds more than its suffix and starts with no figure */
        while (start < p && ((s[start] >= '0' && s[start] <= '9') || s[start] == '.'))
            start = p; /* 4个储能续建项目: a count, not a name */
        if (start < p && ls_text_chars(s, start, p + len) >= ENTITY_MIN &&
            ls_text_chars(s, start, p + len) <= ENTITY_MAX && !add_entity(arena, in, start, p + len, list, &n))
            return 0;
    }
    if (!list_entities(arena, in, a, b, stops, list, &n))
        return 0;
    drop_prefixes(list, &n);
    *out = NULL;
    *count = n;
    if (n == 0)
        return 1;
    *out = ls_arena_alloc(arena, n * sizeof **out);
    if (!*out)
        return 0;
    for (k = 0; k < n; k++)
        (*out)[k] = list[k];
    return 1;
}

/* The rank of each of the 'n' headings 'hs' among the earlier headings of
 * its level under the same parent (1 for the first), in one pass: the
 * count so far of each (parent, level) is kept in a table. A new array
 * (free with ls_free), or NULL when out of memory. */
static size_t *sibling_ranks(const ls_heading *hs, size_t n)
{
    size_t *rank = ls_calloc(n + 1, sizeof *rank), *seen, i, key, bytes;

    if (!rank || !ls_mul_size(n + 1, 4 * sizeof *seen, &bytes) || !(seen = ls_calloc(1, bytes))) {
        ls_free(rank);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        /* levels are 1..3; a heading without parent counts under slot 0 */
        key = (hs[i].parent == LS_NONE ? 0 : hs[i].parent + 1) * 4 + (size_t)(hs[i].level & 3);
        rank[i] = ++seen[key];
    }
    ls_free(seen);
    return rank;
}

/* The heading path of heading 'h' as "2.1.3": the rank of each heading on
 * the way down among the children of its parent ('rank' of sibling_ranks). */
static void heading_path(const ls_heading *hs, const size_t *rank, size_t h, char *out,
                         size_t size)
{
    size_t chain[8], depth = 0, i;
    size_t used = 0;

    out[0] = '\0';
    if (h == LS_NONE) {
        snprintf(out, size, "0");
        return;
    }
    for (i = h; i != LS_NONE && depth < 8; i = hs[i].parent)
        chain[depth++] = i;
    /* as snprintf("%s%zu") a level would write it, cut to 'size' with its NUL */
    while (depth-- > 0) {
        char digits[24];
        size_t n = 0, r = rank[chain[depth]];
        do {
            digits[n++] = (char)('0' + r % 10);
            r /= 10;
        } while (r);
        if (used > 0 && used + 1 < size)
            out[used++] = '.';
        while (n > 0 && used + 1 < size)
            out[used++] = digits[--n];
        out[used] = '\0';
        if (n > 0 || used + 1 >= size)
            break;
    }
}

/* Writes 'n' with at least three digits (007, 012, 1234) at 'out'; returns
 * the number of digits. */
static size_t clause_number(char *out, size_t n)
{
    char digits[24];
    size_t k = 0, i;

    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n > 0 && k < sizeof digits);
    while (k < 3)
        digits[k++] = '0';
    for (i = 0; i < k; i++)
        out[i] = digits[k - 1 - i];
    out[k] = '\0';
    return k;
}

/* The end of the clause that starts at 'a' (before 'len'), its closing mark
 * included (。 ; ! ? or a line break, in the folded text, where ；！？ are
 * ASCII); a list item (二是, item_marks) opens the next one. A ! or ? inside
 * a quoted name (开展“你好！重庆”品牌推介) ends no clause. The walk stops
 * only where prefilter.c's scan finds one of those or a quotation mark; an
 * item mark is seen at its 是, three bytes after it starts. */
static size_t clause_end(const char *s, size_t a, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p;
    int quoted = 0;

    for (p = ls_prefilter_clause(s, a, len); p < len; p = ls_prefilter_clause(s, p + 1, len)) {
        switch (u[p]) {
        case '\n':
            quoted = 0;
            /* a line of a web page broken around a bold phrase goes on */
            if (ls_line_joins_next(s, len, p))
                break;
            return p + 1;
        case '!':
        case '?':
            if (quoted)
                break;
            return p + 1;
        case ';': return p + 1;
        case 0xE2: quoted = u[p + 2] == 0x9C; break; /* “ or ” */
        case 0xE3: return p + 3;                      /* 。 */
        default:
            /* 是 after one of 二…十, not at the clause's start */
            if (p >= a + 7 && ls_text_starts_with_any(s, p - 3, len, item_marks))
                return p - 3;
            break;
        }
    }
    return len;
}

/* The part heading above heading 'h' (or 'h' itself), or LS_NONE. */
static size_t part_heading(const ls_heading *hs, size_t h)
{
    while (h != LS_NONE && hs[h].parent != LS_NONE)
        h = hs[h].parent;
    return h;
}

/* Whether the part heading 'h' opens a part about a five-year period (roles.h):
 * 1 for requirements whose heading names a period or its plan and no year
 * (“十五五”时期主要目标任务, 关于…第十五个五年规划纲要（草案）的说明), 2 for a
 * part that names a period and a year (“十五五”时期目标任务和2026年工作安排),
 * else 0 (全力推动“十五五”开好局 is the coming year's work). */
static int period_part(const ls_heading *hs, size_t h)
{
    ls_title t;

    if (h == LS_NONE || hs[h].level != 1)
        return 0;
    ls_parts_title(hs[h].title, 0, strlen(hs[h].title), &t);
    if (hs[h].part == LS_PART_REQUIREMENTS && !t.year && (t.period || t.plan_named))
        return 1;
    return t.period && t.year ? 2 : 0;
}

/* The role of the clause [ca, cb) of the folded text under heading 'h':
 * the part and the paragraph are read again only when they change. */
static ls_task_role clause_role(ls_tasks_roles *r, const ls_tasks_input *ti, size_t h, size_t ca,
                                size_t cb)
{
    const char *s = ti->in->norm;

    /* a clause of the review reports work done; its paragraph is not read */
    if (ti->headings[h].part == LS_PART_REVIEW)
        return LS_ROLE_ACHIEVEMENT;
    if (part_heading(ti->headings, h) != r->part) {
        r->part = part_heading(ti->headings, h);
        r->rp.period_part = period_part(ti->headings, r->part);
        r->rp.year_seen = 0;
        r->para.b = 0;
    }
    if (ca < r->para.a || ca >= r->para.b)
        ls_roles_paragraph(s, ti->in->norm_len, ca, &r->rp, &r->para);
    return ls_roles_clause(s, &r->para, ca, cb, ti->headings[h].part, r->rp.period_part);
}

/* True when a heading starts inside [ta, tb): the clause is heading text. */
static int holds_heading(const ls_heading *hs, size_t nh, size_t *next, size_t ta, size_t tb)
{
    while (*next < nh && hs[*next].start < ta)
        (*next)++;
    return *next < nh && hs[*next].start < tb;
}

ls_status ls_tasks_begin(ls_tasks_iter *it, const ls_tasks_input *ti)
{
    return ls_tasks_begin_range(it, ti, 0, ti->in->norm_len);
}

size_t ls_tasks_part_start(const ls_tasks_input *ti, size_t h)
{
    const char *s = ti->in->norm;
    size_t x;

    if (h >= ti->heading_count || ti->headings[h].parent != LS_NONE)
        return LS_NONE;
    x = ls_input_norm_offset(ti->in, ti->headings[h].start);
    /* a clause ends at a line's end unless the line runs on (clause_end) */
    if (x == 0 || x >= ti->in->norm_len || s[x - 1] != '\n' ||
        ls_line_joins_next(s, ti->in->norm_len, x - 1))
        return LS_NONE;
    return x;
}

ls_status ls_tasks_begin_range(ls_tasks_iter *it, const ls_tasks_input *ti, size_t from, size_t to)
{
    size_t lo = 0, hi = ti->mention_count, text_from;

    memset(it, 0, sizeof *it);
    it->ti = ti;
    it->a = from;
    it->to = to < ti->in->norm_len ? to : ti->in->norm_len;
    /* the mentions before the range belong to no clause of it */
    text_from = ls_input_text_offset(ti->in, from);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ti->mentions[mid].start < text_from)
            lo = mid + 1;
        else
            hi = mid;
    }
    it->mention = lo;
    it->h = LS_NONE;
    it->path_of = LS_NONE;
    it->roles.part = LS_NONE;
    it->roles.para.headline = LS_NONE;
    it->roles.para.headline_end = LS_NONE;
    it->roles.para.bang = LS_NONE;
    it->rank = sibling_ranks(ti->headings, ti->heading_count);
    if (!it->rank)
        return LS_ENOMEM;
    ls_word_index_build(&it->suffixes, entity_suffixes); /* all Chinese, 32 words */
    ls_word_index_build_ends(&it->stops, name_stops); /* each ends with a Chinese character */
    return LS_OK;
}

void ls_tasks_end(ls_tasks_iter *it)
{
    ls_free(it->rank);
    it->rank = NULL;
}

ls_status ls_tasks_next(ls_tasks_iter *it, ls_arena *arena, ls_task *t, int *found)
{
    const ls_tasks_input *ti = it->ti;
    const ls_input *in = ti->in;
    const char *s = in->norm;

    *found = 0;
    while (it->a < it->to) {
        size_t b = clause_end(s, it->a, in->norm_len), ca = it->a, cb = b, ta, tb;
        ls_part part;
        size_t h;
        /* trim spaces and line breaks around the clause */
        while (ca < cb && (s[ca] == ' ' || s[ca] == '\n'))
            ca++;
        while (cb > ca && (s[cb - 1] == ' ' || s[cb - 1] == '\n'))
            cb--;
        it->a = b;
        if (cb <= ca)
            continue;
        ta = ls_input_text_offset_seq(in, ca, &it->cursor);
        tb = ls_input_text_offset_seq(in, cb, &it->cursor);
        /* the innermost heading above the clause */
        while (it->next_h < ti->heading_count && ti->headings[it->next_h].start <= ta) {
            it->h = it->next_h++;
            it->clause_no = 0;
        }
        h = it->h;
        if (h == LS_NONE || holds_heading(ti->headings, ti->heading_count, &it->skip_h, ta, tb))
            continue;
        part = ti->headings[h].part;
        if (part == LS_PART_OTHER || ls_text_chars_max(s, ca, cb, 4) < 4)
            continue;
        memset(t, 0, sizeof *t);
        it->clause_no++;
        if (h != it->path_of) {
            /* "docid-2.1.3-": the stem of the ids of the clauses of heading 'h' */
            char path[LS_TASK_ID_SIZE];
            size_t nd = strlen(ti->doc_id), np;
            heading_path(ti->headings, it->rank, h, path, sizeof path);
            np = strlen(path);
            if (nd + np + 2 < sizeof it->id - 24) {
                /* as the snprintf below writes it, without its cost */
                memcpy(it->id, ti->doc_id, nd);
                it->id[nd] = '-';
                memcpy(it->id + nd + 1, path, np);
                it->id[nd + 1 + np] = '-';
                it->stem = nd + np + 2;
            } else {
                it->stem = (size_t)snprintf(it->id, sizeof it->id, "%s-%s-", ti->doc_id, path);
                if (it->stem >= sizeof it->id - 24)
                    it->stem = sizeof it->id - 24;
            }
            it->path_of = h;
        }
        t->id = ls_arena_strndup(arena, it->id,
                                 it->stem + clause_number(it->id + it->stem, it->clause_no));
        t->achievement = part == LS_PART_REVIEW;
        t->role = clause_role(&it->roles, ti, h, ca, cb);
        t->part = part;
        t->heading = h;
        t->start = ta;
        t->end = tb;
        t->text = copy_text(arena, in->text, ta, tb);
        /* its mentions: both lists are in text order */
        while (it->mention < ti->mention_count && ti->mentions[it->mention].start < ta)
            it->mention++;
        t->first_mention = it->mention;
        while (it->mention + t->mention_count < ti->mention_count &&
               ti->mentions[it->mention + t->mention_count].start < tb)
            t->mention_count++;
        if (!t->id || !t->text ||
            !find_entities(arena, in, ca, cb, &it->suffixes, &it->stops,
                           (const char ***)&t->entities, &t->entity_count))
            return LS_ENOMEM;
        *found = 1;
        return LS_OK;
    }
    return LS_OK;
}

/* The task list being built by ls_tasks_build. */
typedef struct {
    ls_task *t;
    size_t n, cap;
} task_list;

static ls_task *push(task_list *l)
{
    ls_task *p = ls_grow(l->t, &l->cap, l->n, sizeof *p, 128);

    if (!p)
        return NULL;
    l->t = p;
    memset(&l->t[l->n], 0, sizeof l->t[0]);
    return &l->t[l->n++];
}

ls_status ls_tasks_build(const ls_tasks_input *ti, ls_arena *arena, ls_task **out, size_t *count)
{
    task_list l = {NULL, 0, 0};
    ls_tasks_iter it;
    ls_task *t;
    int found = 1;
    ls_status st;

    *out = NULL;
    *count = 0;
    LS_CHECK(ls_tasks_begin(&it, ti));
    while (found) {
        t = push(&l);
        if (!t) {
            st = LS_ENOMEM;
            goto done;
        }
        LS_CHECK(ls_tasks_next(&it, arena, t, &found));
    }
    l.n--; /* the slot of the search that found no more */
    if (l.n > 0) {
        /* the array is kept as it is, cut to its size: no second copy */
        ls_task *fit = ls_realloc(l.t, l.n * sizeof *l.t);
        *out = fit ? fit : l.t;
        *count = l.n;
        l.t = NULL;
    }
done:
    ls_tasks_end(&it);
    ls_free(l.t);
    return st;
}
