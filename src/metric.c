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
static const ls_word no_after_units[] = {LS_W("元"), LS_W("%"), LS_W("个百分点"), LS_W("百分点"), LS_W("倍"), LS_W("年"),
                                             LS_W("人次"), LS_W("人"), LS_W("美元"), LS_W("欧元"), LS_W("成"), LS_W_END};
/* Words that end a metric read forward: 3座在建煤矿达产 */
static const ls_word stop_after[] = {
    LS_W("达到"), LS_W("完成"), LS_W("全部"), LS_W("实现"), LS_W("开工"), LS_W("建成"), LS_W("投运"), LS_W("投产"), LS_W("达产"), LS_W("竣工"), LS_W("通车"), LS_W("开通"), LS_W("投入使用"), LS_W("投用"), LS_W("落地"),
    LS_W("入驻"), LS_W("获得"), LS_W("超过"), LS_W("通过"), LS_W("列入"), LS_W("入选"), LS_W("纳入"), LS_W("成功"), LS_W("已"), LS_W("正在"), LS_W("基本"),
    LS_W("顺利"), LS_W("总投资"), LS_W("累计"), LS_W("共计"), LS_W("开展"), LS_W("参加"), LS_W("参与"), LS_W("覆盖"), LS_W("惠及"), LS_W("受益"), LS_W("提供"),
    LS_W("同比"), LS_W("增长"), LS_W("下降"), LS_W("占"), LS_W("达"), LS_W("早日"), LS_W("以上"), LS_W("以下"), LS_W("以内"), LS_W("左右"), LS_W("等"), LS_W("和"),
    LS_W("与"), LS_W("及"), LS_W("被"), LS_W("获"), LS_W("均"), LS_W("分别"), LS_W("得到"), LS_W("陆续"), LS_W("相继"), LS_W("全面"), LS_W("有序"), LS_W("先后"), LS_W("正式"),
    LS_W("进行"), LS_W("启动"), LS_W("加快"), LS_W("推进"), LS_W("实施"), LS_W("改造提升"), LS_W("整体"), LS_W_END};
/* Verbs of change that end a metric read forward (从80户增加到810户), except
 * after a count of times, where they are what was done (两次降低存款准备金率) */
static const ls_word change_stop_after[] = {LS_W("提升"), LS_W("提高"), LS_W("降低"), LS_W("减少"), LS_W("增加"),
                                                LS_W("升至"), LS_W("降至"), LS_W("增至"), LS_W_END};
static const ls_word times_units[] = {LS_W("次"), LS_W("轮"), LS_W_END};
/* Words that end a metric read forward once it has begun (资源接续规划矿井在
 * 取得采矿权后开工), not at its start (3座在建煤矿). */
static const ls_word mid_stop_after[] = {LS_W("在"), LS_W("将"), LS_W_END};
/* Words that join two short items of a list inside a metric. */
static const ls_word list_joins[] = {LS_W("、"), LS_W("和"), LS_W("及"), LS_W("与"), LS_W_END};
/* Metrics before a sum of money that say only that it is money: 投资1100万元
 * 新建污水管线 measures the pipeline, the phrase after the sum. */
static const ls_word money_words[] = {LS_W("投资"), LS_W("投入"), LS_W("资金"), LS_W("计划投资"), LS_W("完成投资"), LS_W("总投资"),
                                          LS_W("安排"), LS_W("筹措"), LS_W("筹集"), LS_W("年度"), LS_W("争取"), LS_W("拨付"), LS_W_END};
/* Verbs between a sum of money and what it pays for. */
static const ls_word money_verbs[] = {LS_W("完成"), LS_W("用于"), LS_W("对"), LS_W("实施"), LS_W("进行"), LS_W("开展"), LS_W("支持"),
                                          LS_W("为"), LS_W_END};
/* Words stripped from the end of a metric read forward. */
static const ls_word trim_after_tail[] = {LS_W("建设"), LS_W("进度"), LS_W("前期工作"), LS_W("工作"), LS_W("的"), LS_W_END};
/* Words stripped from the start of a metric read backward. */
static const ls_word trim_before_head[] = {
    LS_W("全年"), LS_W("全市"), LS_W("全省"), LS_W("全区"), LS_W("全县"), LS_W("全旗"), LS_W("全国"), LS_W("今年"), LS_W("去年"), LS_W("当年"), LS_W("年内"),
    LS_W("其中"), LS_W("我市"), LS_W("我省"), LS_W("我区"), LS_W("我县"), LS_W("我国"), LS_W("本市"), LS_W("累计"), LS_W("共"), LS_W("新建"), LS_W("建设"),
    LS_W("建成"), LS_W("改造"), LS_W("完成"), LS_W("实施"), LS_W("实现"), LS_W("发放"), LS_W("筹集"), LS_W("办理"), LS_W("推广"), LS_W("推动"), LS_W("推进"),
    LS_W("加快"), LS_W("新发展"), LS_W("发展"), LS_W("恢复改善"), LS_W("恢复"), LS_W("改善"), LS_W("开展"), LS_W("认定"), LS_W("新认定"), LS_W("打造"),
    LS_W("培育"), LS_W("引进"), LS_W("争取"), LS_W("力争"), LS_W("确保"), LS_W("全力"), LS_W("继续"), LS_W("着力"), LS_W("积极"), LS_W("大力"), LS_W("扎实"),
    LS_W("深入"), LS_W("持续"), LS_W("进一步"), LS_W("新开工"), LS_W("开工"), LS_W("吸引"), LS_W("带动"), LS_W("为"), LS_W("对"), LS_W("向"), LS_W("使"),
    LS_W("让"), LS_W("将"), LS_W("把"), LS_W("已"), LS_W("还"), LS_W("并"), LS_W("同时"), LS_W("共有"), LS_W("拥有"), LS_W("有"), LS_W("达到"), LS_W("预计"),
    LS_W("目前"), LS_W("截至目前"), LS_W("一年来"), LS_W("通过"), LS_W("组织"), LS_W("举办"), LS_W("力争"), LS_W("确保"), LS_W("要"), LS_W("在"), LS_W("全面"),
    LS_W("年"), LS_W("末"), LS_W("底"), LS_W("以来"), LS_W("新培育"), LS_W("新引进"), LS_W("新创建"), LS_W("创建"), LS_W("新认证"), LS_W("认证"),
    LS_W("新获批"), LS_W("获批"), LS_W("共计"), LS_W("合计"), LS_W("总计"), LS_W("分别"), LS_W("其"), LS_W("和"), LS_W("与"), LS_W("及"), LS_W("等"),
    LS_W("完成了"), LS_W("实现了"), LS_W_END};
/* Words after the digits of a date. */
static const ls_word date_words[] = {LS_W("年"), LS_W("月"), LS_W("日"), LS_W_END};
/* Words stripped from the end of a metric read backward. */
static const ls_word trim_before_tail[] = {
    LS_W("同比"), LS_W("比上年"), LS_W("较上年"), LS_W("比去年"), LS_W("较去年"), LS_W("年均"), LS_W("同期"), LS_W("比上年同期"), LS_W("较上年同期"),
    LS_W("完成"), LS_W("实现"), LS_W("达到"), LS_W("累计"), LS_W("的"), LS_W("共"), LS_W("为"), LS_W("分别"), LS_W("合计"),
    LS_W("增长"), LS_W("增加"), LS_W("提高"), LS_W("上升"), LS_W("提升"), LS_W("下降"), LS_W("减少"), LS_W("降低"), LS_W("回落"), LS_W("增幅"), LS_W("降幅"),
    LS_W("增速"), LS_W("扩大"), LS_W("缩小"),
    /* a level reached (增至, 提升到): the verb goes with its 至/到, whole */
    LS_W("增至"), LS_W("增到"), LS_W("升至"), LS_W("升到"), LS_W("降至"), LS_W("降到"), LS_W("提升至"),
    LS_W("提升到"), LS_W("提高至"), LS_W("提高到"), LS_W("上升至"), LS_W("上升到"), LS_W("下降至"), LS_W("下降到"),
    LS_W("降低至"), LS_W("降低到"), LS_W("增加至"), LS_W("增加到"), LS_W("增长至"), LS_W("增长到"), LS_W("减少至"),
    LS_W("减少到"), LS_W("扩大至"), LS_W("扩大到"), LS_W("缩小至"), LS_W("缩小到"), LS_W("攀升至"), LS_W("攀升到"),
    LS_W("回升至"), LS_W("回升到"), LS_W("跃升至"), LS_W("跃升到"), LS_W("压减至"), LS_W("压减到"), LS_W("缩减至"),
    LS_W("缩减到"),
    LS_W("从"), LS_W("由"), LS_W("分别从"), LS_W("分别由"), LS_W("较"),
    /* a time word between the metric and its verb: 城镇调查失业率全年控制在5.5% */
    LS_W("全年"), LS_W("今年"), LS_W("年内"), LS_W("当年"), LS_W_END};
/* Nouns that open with 比 (a ratio), not a comparison's base. */
static const ls_word ratio_words[] = {LS_W("比率"), LS_W("比例"), LS_W("比重"), LS_W("比值"), LS_W_END};
/* Characters that end a clause. */
static const ls_word clause_marks[] = {LS_W(","), LS_W("，"), LS_W(";"), LS_W("。"), LS_W(":"), LS_W("!"), LS_W("?"), LS_W("\n"), LS_W("、"), LS_W_END};

/* True when 'q' has one of 'units'. */
static int unit_in(const ls_context *c, const ls_quantity *q, const ls_word *units)
{
    size_t n = q->unit_end - q->unit_start;

    for (; units->s; units++)
        if (units->n == n && memcmp(c->s + q->unit_start, units->s, n) == 0)
            return 1;
    return 0;
}


/* True when the character at 'pos' may stand inside a metric: a Han
 * character, a Latin letter or digit (5G用户), or quotes (“晋兴板”). */
static int is_metric_char(const char *s, size_t pos, size_t len)
{
    unsigned char ch = (unsigned char)s[pos];

    if (ls_text_is_han(s, pos, len))
        return 1;
    /* a dash between two Han characters joins a name: 海—宝农村公路 */
    if (pos >= 3 && ls_text_starts_with(s, pos, len, "—") && ls_text_is_han(s, pos - 3, len) &&
        ls_text_is_han(s, pos + 3, len))
        return 1;
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
        return 1;
    return ls_text_starts_with(s, pos, len, "“") || ls_text_starts_with(s, pos, len, "”") ||
           ls_text_starts_with(s, pos, len, "\"");
}

/* Strips words of 'tail' from the end of [a, *b) while they leave 2 chars. */
static void trim_tail(const char *s, size_t a, size_t *b, const ls_word *tail)
{
    size_t n;

    while ((n = ls_text_ends_with_any(s, a, *b, tail)) && ls_text_chars(s, a, *b - n) >= 2)
        *b -= n;
}

/* Strips words of 'head' from the start of [*a, b) while they leave 2 chars. */
static void trim_head(const char *s, size_t *a, size_t b, const ls_word *head)
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
        if (ls_text_chars(s, *a + n, b) < 2)
            break;
        *a += n;
    }
}

/* Characters before a stop word that make it the end of a longer word:
 * 欠发达, 通达 (not 达, "reach"; 达到 always stops); 所在, 存在, 现在. */
static const ls_word da_words[] = {LS_W("发"), LS_W("通"), LS_W("到"), LS_W("畅"), LS_W("抵"), LS_W("传"),
                                       LS_W("表"), LS_W("送"), LS_W("直"), LS_W("下"), LS_W_END};
static const ls_word zai_words[] = {LS_W("所"), LS_W("存"), LS_W("现"), LS_W("实"), LS_W("内"), LS_W("正"),
                                        LS_W("自"), LS_W_END};

/* True when the stop word at 'p' (the phrase began at 'start') is the end
 * of a longer word, so the phrase goes on. */
static int inside_word(const ls_context *c, size_t start, size_t p)
{
    if (ls_text_starts_with(c->s, p, c->len, "达"))
        return !ls_text_starts_with(c->s, p, c->len, "达到") &&
               ls_text_ends_with_any(c->s, start, p, da_words) > 0;
    if (ls_text_starts_with(c->s, p, c->len, "在"))
        return ls_text_ends_with_any(c->s, start, p, zai_words) > 0;
    return 0;
}

/* The phrase after the unit of 'q' up to a stop word; 1 if one was found. */
static int metric_after(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    size_t p = q->end, seg = q->end, count = 0;
    int times = unit_in(c, q, times_units);
    ls_token tok;
    ls_quantity inner;

    /* 3个2×100万千瓦煤电项目: the noun follows the second figure */
    if (ls_lex_numeral_at(c->s, p, &tok) && ls_num_read(c->s, &tok, &inner))
        p = seg = inner.end;
    /* 完成800户的改造任务: the noun phrase follows a 的 (千万千瓦级清洁能源
     * 基地: or a 级); 投资920万元完成道路
     * 改造: a sum of money is followed by what it pays for */
    if (ls_text_starts_with(c->s, p, c->len, "的") || ls_text_starts_with(c->s, p, c->len, "级"))
        p = seg = p + 3;
    else if (q->unit_end - q->unit_start == 3 && memcmp(c->s + q->unit_start, "元", 3) == 0)
        p = seg = p + ls_text_starts_with_any(c->s, p, c->len, money_verbs);
    *ms = p;
    while (p < c->len && count < METRIC_MAX_CHARS) {
        size_t join = ls_text_starts_with_any(c->s, p, c->len, list_joins);
        if (join && p > *ms) {
            /* 风电、光伏续建新建项目, 国家和地区: a short item of a list goes on */
            if (ls_text_chars(c->s, seg, p) > 4 || !ls_text_is_han(c->s, p + join, c->len))
                break;
            p += join;
            seg = p;
            count++;
            continue;
        }
        if ((ls_text_starts_with_any(c->s, p, c->len, stop_after) && !inside_word(c, *ms, p)) ||
            (!times && ls_text_starts_with_any(c->s, p, c->len, change_stop_after)) ||
            (count >= 2 && ls_text_starts_with_any(c->s, p, c->len, mid_stop_after) &&
             !inside_word(c, *ms, p)))
            break;
        /* another figure ends the phrase: 44.5万亩、退化草原…3.46万亩 */
        if (!is_metric_char(c->s, p, c->len) || (c->s[p] >= '0' && c->s[p] <= '9'))
            break;
        p = ls_text_next(c->s, p, c->len);
        count++;
    }
    *me = p;
    trim_tail(c->s, *ms, me, trim_after_tail);
    return ls_text_chars(c->s, *ms, *me) >= 2;
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

/* Length of a year ending at 'b' (从2020年的82.4岁: 2020年), 0 if none. */
static size_t year_before(const char *s, size_t a, size_t b)
{
    size_t p;

    if (!ls_text_ends_with(s, a, b, "年"))
        return 0;
    for (p = b - 3; p > a && s[p - 1] >= '0' && s[p - 1] <= '9';)
        p--;
    return b - 3 - p == 4 ? b - p : 0;
}

/* The phrase before the number of 'q' in its clause; 1 if one was found. */
static int metric_before(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    size_t b = ls_text_back_spaces(c->s, c->clause_start, q->start), a, n, cut;

    /* strip comparators, linking words and change words, in any order; a
     * tail word first, so 年均 goes whole (年均增长 → 年均 → nothing), not
     * its 均 alone as a linking word */
    do {
        n = 0;
        cut = ls_text_ends_with_any(c->s, c->clause_start, b, trim_before_tail);
        if (!cut)
            cut = year_before(c->s, c->clause_start, b);
        b -= cut;
        if (!cut) {
            n = ls_classify_skip_before(c, b);
            b -= n;
        }
    } while (n || cut);
    a = clause_start(c, b);
    trim_head(c->s, &a, b, trim_before_head);
    trim_tail(c->s, a, &b, trim_before_tail);
    /* a long phrase: keep what follows its last 的 (…推进的项目 → 项目) */
    if (ls_text_chars(c->s, a, b) > METRIC_LONG_CHARS) {
        size_t p;
        for (p = b; p > a + 3; p = ls_text_prev(c->s, p))
            if (ls_text_starts_with(c->s, ls_text_prev(c->s, p), b, "的"))
                break;
        if (p > a + 3 && ls_text_chars(c->s, p, b) >= 2)
            a = p;
    }
    while (ls_text_chars(c->s, a, b) > METRIC_MAX_CHARS)
        a = ls_text_next(c->s, a, b);
    *ms = a;
    *me = b;
    /* 比上年年初预算增加1800亿元: a comparison's base, not a metric (the
     * figure before lends its own) */
    if ((ls_text_starts_with(c->s, a, b, "比") && !ls_text_starts_with_any(c->s, a, b, ratio_words)) ||
        ls_text_starts_with(c->s, a, b, "较"))
        return 0;
    return ls_text_chars(c->s, a, b) >= 2;
}

/* True when [a, b) is empty or only says "money": 投资, 资金. */
static int weak_money_metric(const ls_context *c, size_t a, size_t b)
{
    const ls_word *w;

    if (ls_text_chars(c->s, a, b) < 2)
        return 1;
    for (w = money_words; w->s; w++)
        if (w->n == b - a && memcmp(c->s + a, w->s, b - a) == 0)
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

/* The number of times 'word' occurs in [a, b). */
static size_t count_word(const char *s, size_t a, size_t b, const char *word)
{
    size_t n = 0, p, w = strlen(word);

    for (p = a; p + w <= b; p++)
        if (s[p] == word[0] && memcmp(s + p, word, w) == 0) {
            n++;
            p += w - 1;
        }
    return n;
}

/* Moves [*ms, *me) inside the marks a metric cannot open or close with: a
 * closing quote or 、 at its start, an opening quote or 、 at its end, and
 * a quote of a pair whose other half lies outside (“15分钟高品质生活服务圈”
 * → 高品质生活服务圈). */
static void trim_marks(const ls_context *c, size_t *ms, size_t *me)
{
    const char *s = c->s;

    for (;;) {
        if (*me - *ms >= 3 && (ls_text_starts_with(s, *ms, *me, "”") ||
                               ls_text_starts_with(s, *ms, *me, "、")))
            *ms += 3;
        else if (*me - *ms >= 3 && (ls_text_ends_with(s, *ms, *me, "“") ||
                                    ls_text_ends_with(s, *ms, *me, "、")))
            *me -= 3;
        else
            break;
    }
    if (count_word(s, *ms, *me, "”") == 0 && count_word(s, *ms, *me, "“") == 1 &&
        ls_text_starts_with(s, *ms, *me, "“"))
        *ms += 3;
    else if (count_word(s, *ms, *me, "“") == 0 && count_word(s, *ms, *me, "”") == 1 &&
             ls_text_ends_with(s, *ms, *me, "”"))
        *me -= 3;
}

int ls_metric_find(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    int found = find_metric(c, q, ms, me);

    trim_spaces(c, ms, me);
    if (found)
        trim_marks(c, ms, me);
    return found && ls_text_chars(c->s, *ms, *me) >= 2;
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
