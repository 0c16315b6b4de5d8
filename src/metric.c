/*
 * metric.c — what a quantity measures: the noun phrase near the number.
 *
 * Two places hold a metric. After a count or a size, when a noun follows
 * (3座在建煤矿, 150万千瓦抽水蓄能电站), it is that noun phrase. Otherwise it
 * is the phrase before the number in the same clause, without the verbs,
 * scope words and comparators around it (全年原煤产量完成1.6亿吨 → 原煤产量).
 * A rate of change with nothing before it (同比增长7%) gets no metric here;
 * extract.c lends it the one of the figure before it in the sentence.
 */
#include "metric.h"

#include "text.h"

#define METRIC_MAX_CHARS 24
#define METRIC_LONG_CHARS 12

/* Units after which the metric is never the phrase that follows. */
static const char *const no_after_units[] = {"元", "%", "个百分点", "百分点", "倍", "年",
                                             "人次", "人", "美元", "欧元", "成", NULL};
/* Words that end a metric read forward: 3座在建煤矿达产 */
static const char *const stop_after[] = {
    "达到", "完成", "全部", "实现", "开工", "建成", "投运", "投产", "达产", "竣工", "落地",
    "入驻", "获得", "超过", "通过", "列入", "入选", "纳入", "成功", "已", "正在", "基本",
    "顺利", "总投资", "累计", "共计", "开展", "参加", "参与", "覆盖", "惠及", "受益", "提供",
    "同比", "增长", "下降", "占", "达", "早日", "以上", "以下", "以内", "左右", "等", "和",
    "与", "及", "被", "获", "均", "分别", "得到", "陆续", "全面", "有序", "先后", "正式",
    "进行", "启动", "加快", "推进", "实施", "改造提升", "整体", NULL};
/* Words that join two short items of a list inside a metric. */
static const char *const list_joins[] = {"、", "和", "及", "与", NULL};
/* Metrics before a sum of money that say only that it is money: 投资1100万元
 * 新建污水管线 measures the pipeline, the phrase after the sum. */
static const char *const money_words[] = {"投资", "投入", "资金", "计划投资", "完成投资", "总投资",
                                          "安排", "筹措", "筹集", "年度", "争取", "拨付", NULL};
/* Verbs between a sum of money and what it pays for. */
static const char *const money_verbs[] = {"完成", "用于", "对", "实施", "进行", "开展", "支持",
                                          NULL};
/* Words stripped from the end of a metric read forward. */
static const char *const trim_after_tail[] = {"建设", "进度", "前期工作", "工作", "的", NULL};
/* Words stripped from the start of a metric read backward. */
static const char *const trim_before_head[] = {
    "全年", "全市", "全省", "全区", "全县", "全旗", "全国", "今年", "去年", "当年", "年内",
    "其中", "我市", "我省", "我区", "我县", "我国", "本市", "累计", "共", "新建", "建设",
    "建成", "改造", "完成", "实施", "实现", "发放", "筹集", "办理", "推广", "推动", "推进",
    "加快", "新发展", "发展", "恢复改善", "恢复", "改善", "开展", "认定", "新认定", "打造",
    "培育", "引进", "争取", "力争", "确保", "全力", "继续", "着力", "积极", "大力", "扎实",
    "深入", "持续", "进一步", "新开工", "开工", "吸引", "带动", "为", "对", "向", "使",
    "让", "将", "把", "已", "还", "并", "同时", "共有", "拥有", "有", "达到", "预计",
    "目前", "截至目前", "一年来", "通过", "组织", "举办", "力争", "确保", "要", "在", "全面",
    "年", "末", "底", "以来", "新培育", "新引进", "新创建", "创建", "新认证", "认证",
    "新获批", "获批", "共计", "合计", "总计", "分别", "其", "和", "与", "及", "等",
    "完成了", "实现了", NULL};
/* Words after the digits of a date. */
static const char *const date_words[] = {"年", "月", "日", NULL};
/* Words stripped from the end of a metric read backward. */
static const char *const trim_before_tail[] = {
    "同比", "比上年", "较上年", "比去年", "较去年", "年均", "同期", "比上年同期", "较上年同期",
    "完成", "实现", "达到", "累计", "总量达", "规模达", "的", "共", "为", "分别", "合计",
    "增长", "增加", "提高", "上升", "提升", "下降", "减少", "降低", "回落", "增幅", "降幅",
    "增速", "扩大", "缩小", NULL};
/* Characters that end a clause. */
static const char *const clause_marks[] = {",", "，", ";", "。", ":", "!", "?", "\n", "、", NULL};

/* True when 'q' has one of 'units'. */
static int unit_in(const ls_context *c, const ls_quantity *q, const char *const *units)
{
    for (; *units; units++) {
        size_t n = strlen(*units);
        if (q->unit_end - q->unit_start == n && memcmp(c->s + q->unit_start, *units, n) == 0)
            return 1;
    }
    return 0;
}

/* The number of characters in [a, b). */
#define chars_between ls_text_chars

/* True when the character at 'pos' may stand inside a metric: a Han
 * character, a Latin letter or digit (5G用户), or quotes (“晋兴板”). */
static int is_metric_char(const char *s, size_t pos, size_t len)
{
    unsigned char ch = (unsigned char)s[pos];

    if (ls_text_is_han(s, pos, len))
        return 1;
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
        return 1;
    return ls_text_starts_with(s, pos, len, "“") || ls_text_starts_with(s, pos, len, "”") ||
           ls_text_starts_with(s, pos, len, "\"");
}

/* Strips words of 'tail' from the end of [a, *b) while they leave 2 chars. */
static void trim_tail(const char *s, size_t a, size_t *b, const char *const *tail)
{
    size_t n;

    while ((n = ls_text_ends_with_any(s, a, *b, tail)) && chars_between(s, a, *b - n) >= 2)
        *b -= n;
}

/* Strips words of 'head' from the start of [*a, b) while they leave 2 chars. */
static void trim_head(const char *s, size_t *a, size_t b, const char *const *head)
{
    size_t n;

    for (;;) {
        n = ls_text_starts_with_any(s, *a, b, head);
        if (!n) {
            /* a year or date opening the clause: 2022年, 12月底 (not 5G用户) */
            size_t p = *a;
            while (p < b && s[p] >= '0' && s[p] <= '9')
                p++;
            if (p == *a || !ls_text_starts_with_any(s, p, b, date_words))
                break;
            n = p - *a;
        }
        if (chars_between(s, *a + n, b) < 2)
            break;
        *a += n;
    }
}

/* The phrase after the unit of 'q' up to a stop word; 1 if one was found. */
static int metric_after(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    size_t p = q->end, seg = q->end, count = 0;
    ls_token tok;
    ls_quantity inner;

    /* 3个2×100万千瓦煤电项目: the noun follows the second figure */
    if (ls_lex_numeral_at(c->s, p, &tok) && ls_num_read(c->s, &tok, &inner))
        p = seg = inner.end;
    /* 完成800户的改造任务: the noun phrase follows a 的; 投资920万元完成道路
     * 改造: a sum of money is followed by what it pays for */
    if (ls_text_starts_with(c->s, p, c->len, "的"))
        p = seg = p + 3;
    else if (q->unit_end - q->unit_start == 3 && memcmp(c->s + q->unit_start, "元", 3) == 0)
        p = seg = p + ls_text_starts_with_any(c->s, p, c->len, money_verbs);
    *ms = p;
    while (p < c->len && count < METRIC_MAX_CHARS) {
        size_t join = ls_text_starts_with_any(c->s, p, c->len, list_joins);
        if (join && p > *ms) {
            /* 风电、光伏续建新建项目, 国家和地区: a short item of a list goes on */
            if (chars_between(c->s, seg, p) > 4 || !ls_text_is_han(c->s, p + join, c->len))
                break;
            p += join;
            seg = p;
            count++;
            continue;
        }
        if (ls_text_starts_with_any(c->s, p, c->len, stop_after))
            break;
        /* another figure ends the phrase: 44.5万亩、退化草原…3.46万亩 */
        if (!is_metric_char(c->s, p, c->len) || (c->s[p] >= '0' && c->s[p] <= '9'))
            break;
        p = ls_text_next(c->s, p, c->len);
        count++;
    }
    *me = p;
    trim_tail(c->s, *ms, me, trim_after_tail);
    return chars_between(c->s, *ms, *me) >= 2;
}

/* The start of the clause that ends at 'pos'; never before the end of the
 * figure before it (稳定脱贫173户349人: 349人 has no phrase of its own). */
static size_t clause_start(const ls_context *c, size_t pos)
{
    size_t p = pos, floor = c->clause_start > c->prev_end ? c->clause_start : c->prev_end;

    if (floor > pos)
        floor = pos;
    while (p > floor) {
        size_t q = ls_text_prev(c->s, p);
        if (ls_text_starts_with_any(c->s, q, c->len, clause_marks))
            break;
        p = q;
    }
    return p;
}

/* The phrase before the number of 'q' in its clause; 1 if one was found. */
static int metric_before(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    size_t b = ls_text_back_spaces(c->s, c->clause_start, q->start), a, n, cut;

    /* strip comparators, linking words and change words, in any order */
    do {
        n = ls_classify_skip_before(c, b);
        b -= n;
        cut = ls_text_ends_with_any(c->s, c->clause_start, b, trim_before_tail);
        b -= cut;
    } while (n || cut);
    a = clause_start(c, b);
    trim_head(c->s, &a, b, trim_before_head);
    trim_tail(c->s, a, &b, trim_before_tail);
    /* a long phrase: keep what follows its last 的 (…推进的项目 → 项目) */
    if (chars_between(c->s, a, b) > METRIC_LONG_CHARS) {
        size_t p;
        for (p = b; p > a + 3; p = ls_text_prev(c->s, p))
            if (ls_text_starts_with(c->s, ls_text_prev(c->s, p), b, "的"))
                break;
        if (p > a + 3 && chars_between(c->s, p, b) >= 2)
            a = p;
    }
    while (chars_between(c->s, a, b) > METRIC_MAX_CHARS)
        a = ls_text_next(c->s, a, b);
    *ms = a;
    *me = b;
    return chars_between(c->s, a, b) >= 2;
}

/* True when [a, b) is empty or only says "money": 投资, 资金. */
static int weak_money_metric(const ls_context *c, size_t a, size_t b)
{
    const char *const *w;

    if (chars_between(c->s, a, b) < 2)
        return 1;
    for (w = money_words; *w; w++)
        if (strlen(*w) == b - a && memcmp(c->s + a, *w, b - a) == 0)
            return 1;
    return 0;
}

/* Moves [*ms, *me) inside the spaces around it. */
static void trim_spaces(const ls_context *c, size_t *ms, size_t *me)
{
    while (*ms < *me && c->s[*ms] == ' ')
        (*ms)++;
    while (*me > *ms && c->s[*me - 1] == ' ')
        (*me)--;
}

/* The metric of 'q' as read by find_metric(), without surrounding spaces. */
static int find_metric(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me);

int ls_metric_find(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    int found = find_metric(c, q, ms, me);

    trim_spaces(c, ms, me);
    return found && *me > *ms;
}

static int find_metric(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    int counted = q->unit_end > q->unit_start || q->scaled; /* 420万困难群众 */
    size_t bs, be;
    int before;

    if (!unit_in(c, q, no_after_units) && counted && q->after == LS_PIECE_NONE &&
        metric_after(c, q, ms, me))
        return 1;
    before = metric_before(c, q, &bs, &be);
    /* 投资1100万元新建污水管线, 完成7.89亿元政府隐性债务化解目标 */
    if (q->after == LS_PIECE_NONE && weak_money_metric(c, bs, be) &&
        metric_after(c, q, ms, me))
        return 1;
    *ms = bs;
    *me = be;
    return before;
}
