/*
 * classify.c — op, change and kind of a quantity, read from its context.
 *
 * The rules read only a few words on either side of the number; they are
 * written in docs/extraction.md with examples. Word lists here are words of
 * the language (comparators, change verbs, capacity units), never phrases of
 * one report. Metric phrases are metric.c's job.
 */
#include "classify.h"

#include "text.h"

/* Words between a metric and its number that say how the two relate.
 * ORDER: longest alternatives first is not needed; the longest match wins. */
static const ls_word ge_before[] = {LS_W("超过"), LS_W("超"), LS_W("突破"), LS_W("逾"), LS_W("高于"), LS_W("大于"), LS_W("不低于"),
                                        LS_W("不少于"), LS_W("至少"), LS_W("多于"), LS_W("达到或超过"), LS_W_END};
static const ls_word le_before[] = {LS_W("不超过"), LS_W("不高于"), LS_W("低于"), LS_W("少于"), LS_W("小于"), LS_W("控制在"),
                                        LS_W("不到"), LS_W("未超过"), LS_W("不足"), LS_W_END};
static const ls_word approx_before[] = {LS_W("约"), LS_W("近"), LS_W("大约"), LS_W("接近"), LS_W("将近"), LS_W("预计"),
                                            LS_W("约为"), LS_W("预计为"), LS_W("大概"), LS_W_END};
static const ls_word link_before[] = {LS_W("达到"), LS_W("达"), LS_W("为"), LS_W("了"), LS_W("是"), LS_W("到"), LS_W("至"), LS_W("共"),
                                          LS_W("计"), LS_W("分别"), LS_W("分别为"), LS_W("分别达到"), LS_W("总计"), LS_W("累计"), LS_W("预期目标"), LS_W("目标"),
                                          LS_W("合计"), LS_W("稳定在"), LS_W("保持在"), LS_W("仅"), LS_W("均"), LS_W("每年"),
                                          LS_W("平均"), LS_W_END};
static const ls_word increase_words[] = {LS_W("增长"), LS_W("增加"), LS_W("提高"), LS_W("上升"), LS_W("提升"), LS_W("上涨"),
                                             LS_W("增"), LS_W("扩大"), LS_W("回升"), LS_W("攀升"), LS_W("延长"), LS_W("上调"),
                                             LS_W("增收"), LS_W("增幅"), LS_W("增速"), LS_W("涨幅"), LS_W_END};
static const ls_word decrease_words[] = {LS_W("下降"), LS_W("减少"), LS_W("降低"), LS_W("回落"), LS_W("下调"), LS_W("压减"),
                                             LS_W("缩减"), LS_W("缩小"), LS_W("缩短"), LS_W("降"), LS_W("减"), LS_W("降幅"),
                                             LS_W("下滑"), LS_W_END};
/* Units that give a size of a thing when a noun follows: 150万千瓦抽水蓄能电站 */
static const ls_word capacity_units[] = {LS_W("千瓦"), LS_W("兆瓦"), LS_W("吉瓦"), LS_W("瓦"), LS_W("吨"), LS_W("立方米"),
                                             LS_W("标箱"), LS_W("标准箱"), LS_W("千瓦时"), LS_W_END};
/* Units that are always a size of a thing (500千伏变电站, 10蒸吨锅炉) */
static const ls_word size_units[] = {LS_W("千伏"), LS_W("伏"), LS_W("千伏安"), LS_W("蒸吨"), LS_W_END};
/* Units of age, and the people an age names as a group (0—6岁儿童,
 * 2—3岁幼儿; 70周岁以上老年人 is a class bound): such an age measures no
 * work, unlike 人均预期寿命从80.2岁提升至82岁 */
static const ls_word age_units[] = {LS_W("岁"), LS_W("周岁"), LS_W_END};
static const ls_word age_groups[] = {LS_W("儿童"), LS_W("幼儿"), LS_W("婴幼儿"), LS_W("婴儿"), LS_W("新生儿"),
                                         LS_W("少儿"), LS_W("青少年"), LS_W("学生"), LS_W("老年"), LS_W("老人"),
                                         LS_W("人口"), LS_W("人群"), LS_W("妇女"), LS_W("女性"), LS_W("男性"),
                                         LS_W("居民"), LS_W("户籍"), LS_W("适龄"), LS_W_END};
/* Units of a length of time: before a noun or a quote the figure names
 * what it lasts (30年整省试点, 24小时“不打烊”, 15分钟社区生活圈), not work
 * done; 5个工作日内 is a bound, not a name */
static const ls_word duration_units[] = {LS_W("年"), LS_W("小时"), LS_W("天"), LS_W("分钟"), LS_W("个月"),
                                             LS_W("周"), LS_W("工作日"), LS_W("日"), LS_W_END};
/* Words before a number that give a rated capacity: 年产280吨 */
static const ls_word capacity_before[] = {LS_W("年产"), LS_W("年处理"), LS_W("年加工"), LS_W("日处理"), LS_W("年吞吐"),
                                              LS_W("年发电"), LS_W("单机"), LS_W("设计"), LS_W("年产能"), LS_W("日产"),
                                              LS_W_END};
/* Measure words of counts of things. */
static const ls_word count_units[] = {LS_W("个"), LS_W("家"), LS_W("座"), LS_W("所"), LS_W("项"), LS_W("条"), LS_W("处"), LS_W("件"), LS_W("批"),
                                          LS_W("名"), LS_W("位"), LS_W("套"), LS_W("间"), LS_W("张"), LS_W("台"), LS_W("辆"), LS_W("架"),
                                          LS_W("艘"), LS_W("部"), LS_W("片"), LS_W("类"), LS_W("种"), LS_W("户"), LS_W_END};
/* A count of a national or world list the place joined: 全国25个 */
static const ls_word list_before[] = {LS_W("全国"), LS_W("全球"), LS_W("全世界"), LS_W("世界"), LS_W_END};
/* Characters after a unit that end a noun-free tail: 812.6万千瓦,占 */
static const ls_word not_noun_after[] = {
    LS_W("以"), LS_W("左"), LS_W("上"), LS_W("的"), LS_W("和"), LS_W("与"), LS_W("及"), LS_W("等"), LS_W("同"), LS_W("比"), LS_W("增"), LS_W("下"), LS_W("占"), LS_W("是"), LS_W("为"),
    LS_W("计"), LS_W("共"), LS_W("分"), LS_W("已"), LS_W("将"), LS_W("并"), LS_W("或"), LS_W("至"), LS_W("到"), LS_W("、"), LS_W("达"), LS_W("左"), LS_W("多"), LS_W("余"), LS_W_END};
/* Words that open a sentence about the past: 过去五年，我们… */
static const ls_word look_back_words[] = {LS_W("过去五年"), LS_W("五年来"), LS_W("过去一年"), LS_W("一年来"),
                                              LS_W("过去的一年"), LS_W("过去的五年"), LS_W("去年"), LS_W("这五年"),
                                              LS_W("这一年"), LS_W_END};
/* Bytes before a figure searched for a word of intent (about 40 characters). */
#define INTENT_WINDOW 120

/* Words of intent that make a figure a target even in a review. Not 争取:
 * in a review it tells funds won (争取中央预算内投资237亿元), in the plan
 * the part already makes figures targets. */
static const ls_word intent_words[] = {LS_W("力争"), LS_W("目标是"), LS_W("预期目标"), LS_W_END};

/* True when the unit of 'q' is one of 'units'. */
static int unit_in(const ls_context *c, const ls_quantity *q, const ls_word *units)
{
    size_t n = q->unit_end - q->unit_start;

    for (; units->s; units++)
        if (units->n == n && memcmp(c->s + q->unit_start, units->s, n) == 0)
            return 1;
    return 0;
}

size_t ls_classify_skip_before(const ls_context *c, size_t pos)
{
    static const ls_word *const lists[] = {ge_before, le_before, approx_before, link_before};
    size_t start = pos, n;
    int again = 1;

    /* strip comparators and linking words, in any order: 分别达到约 */
    while (again) {
        size_t i;
        again = 0;
        for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
            n = ls_text_ends_with_any(c->s, c->clause_start, pos, lists[i]);
            if (n) {
                pos -= n;
                again = 1;
            }
        }
    }
    return start - pos;
}

/* The op stated by a word right before the number, if any. */
static ls_op op_before(const ls_context *c, size_t pos)
{
    size_t n;

    /* 达到 or 为 may stand between the comparator and the number: 超过了 */
    n = ls_text_ends_with_any(c->s, c->clause_start, pos, link_before);
    if (n && !ls_text_ends_with_any(c->s, c->clause_start, pos, approx_before))
        pos -= n;
    n = ls_text_ends_with_any(c->s, c->clause_start, pos, le_before);
    if (n && n >= ls_text_ends_with_any(c->s, c->clause_start, pos, ge_before))
        return LS_OP_LE;
    if (ls_text_ends_with_any(c->s, c->clause_start, pos, ge_before))
        return LS_OP_GE;
    if (ls_text_ends_with_any(c->s, c->clause_start, pos, approx_before))
        return LS_OP_APPROX;
    return LS_OP_EQ;
}

ls_op ls_classify_op(const ls_context *c, const ls_quantity *q)
{
    ls_op before;
    size_t start = ls_text_back_spaces(c->s, c->clause_start, q->start);

    switch (q->after) {
    case LS_PIECE_GE: return LS_OP_GE;
    case LS_PIECE_LE: return LS_OP_LE;
    case LS_PIECE_APPROX: return LS_OP_APPROX;
    default: break;
    }
    before = op_before(c, start);
    if (before == LS_OP_LE || before == LS_OP_APPROX)
        return before;
    if (q->more)
        return LS_OP_GE;
    return before;
}

ls_change ls_classify_change(const ls_context *c, const ls_quantity *q)
{
    size_t pos = ls_text_back_spaces(c->s, c->clause_start, q->start), n;
    static const ls_word to_words[] = {LS_W("到"), LS_W("至"), LS_W_END};

    /* 提高到60%: a level reached, not a change */
    n = ls_text_ends_with_any(c->s, c->clause_start, pos, to_words);
    if (n && (ls_text_ends_with_any(c->s, c->clause_start, pos - n, increase_words) ||
              ls_text_ends_with_any(c->s, c->clause_start, pos - n, decrease_words)))
        return LS_CHANGE_NONE;
    pos -= ls_classify_skip_before(c, pos);
    n = ls_text_ends_with_any(c->s, c->clause_start, pos, increase_words);
    if (n) {
        /* 新增 names the metric (城镇新增就业), it is not a change */
        if (ls_text_ends_with(c->s, c->clause_start, pos - n, "新"))
            return LS_CHANGE_NONE;
        return LS_CHANGE_INCREASE;
    }
    if (ls_text_ends_with_any(c->s, c->clause_start, pos, decrease_words))
        return LS_CHANGE_DECREASE;
    return LS_CHANGE_NONE;
}

/* True when a noun follows the unit of 'q' directly: 150万千瓦抽水蓄能电站. */
static int noun_follows(const ls_context *c, const ls_quantity *q)
{
    if (!ls_text_is_han(c->s, q->end, c->len))
        return 0;
    return ls_text_starts_with_any(c->s, q->end, c->len, not_noun_after) == 0;
}

/* True when the clause before the quantity holds one of 'words' (all of
 * them Chinese words, two bytes or more). */
static int clause_has_any(const ls_context *c, const ls_quantity *q, const ls_word *words)
{
    const ls_word *w;
    size_t i, from = c->clause_start;

    /* a bounded look back keeps a sentence of many figures linear */
    if (q->start > from + INTENT_WINDOW)
        from = q->start - INTENT_WINDOW;
    /* memchr for a word's second byte (a UTF-8 lead byte such as the first
     * is in every other character; a continuation byte is rare) */
    for (w = words; w->s; w++) {
        const char *hit;
        for (i = from; i + w->n <= q->start &&
                       (hit = memchr(c->s + i + 1, w->s[1], q->start - i - 1)) != NULL;
             i++) {
            i = (size_t)(hit - c->s) - 1;
            if (i + w->n <= q->start && memcmp(c->s + i, w->s, w->n) == 0)
                return 1;
        }
    }
    return 0;
}

/* True when a noun follows the 以上/以下 after 'q': 10蒸吨及以下燃煤锅炉 names
 * a class of things, it measures no work. */
static int class_bound(const ls_context *c, const ls_quantity *q)
{
    size_t len, end;
    ls_piece p;

    if (q->after != LS_PIECE_GE && q->after != LS_PIECE_LE)
        return 0;
    len = ls_lex_piece(c->s, q->end, &p);
    end = q->end + len;
    return ls_text_is_han(c->s, end, c->len) &&
           !ls_text_starts_with_any(c->s, end, c->len, not_noun_after);
}

/* True when the text at 'p' opens by looking back (过去五年，我们…). */
static int opens_looking_back(const ls_context *c, size_t p)
{
    while (p < c->len && (c->s[p] == ' ' || c->s[p] == '\n'))
        p++;
    return ls_text_starts_with_any(c->s, p, c->len, look_back_words) > 0;
}

/* True when the sentence or its paragraph opens by looking back: a review
 * of the past inside a later part (这五年，我们锐意改革、矢志创新，经济高质量
 * 发展取得显著成效。…培育形成3个万亿级产业集群). */
static int looks_back(const ls_context *c)
{
    return opens_looking_back(c, c->sentence_start) || opens_looking_back(c, c->paragraph_start);
}

ls_kind ls_classify_kind(const ls_context *c, const ls_quantity *q)
{
    size_t pos = ls_text_back_spaces(c->s, c->clause_start, q->start);

    if (q->product || unit_in(c, q, size_units) || class_bound(c, q))
        return LS_KIND_ATTRIBUTE;
    if (ls_text_ends_with_any(c->s, c->clause_start, pos, capacity_before))
        return LS_KIND_ATTRIBUTE;
    if (unit_in(c, q, capacity_units) && noun_follows(c, q))
        return LS_KIND_ATTRIBUTE;
    if (unit_in(c, q, age_units) && ls_text_starts_with_any(c->s, q->end, c->len, age_groups))
        return LS_KIND_ATTRIBUTE;
    if (unit_in(c, q, duration_units) && q->after == LS_PIECE_NONE &&
        ((noun_follows(c, q) && !ls_text_starts_with(c->s, q->end, c->len, "内") &&
          !ls_text_starts_with_any(c->s, q->end, c->len, increase_words) &&
          !ls_text_starts_with_any(c->s, q->end, c->len, decrease_words)) ||
         ls_text_starts_with(c->s, q->end, c->len, "“")))
        return LS_KIND_ATTRIBUTE;
    pos -= ls_classify_skip_before(c, pos);
    if (unit_in(c, q, count_units) && ls_text_ends_with_any(c->s, c->clause_start, pos, list_before))
        return LS_KIND_ATTRIBUTE;
    if (c->in_plan && !looks_back(c))
        return LS_KIND_TARGET;
    if (clause_has_any(c, q, intent_words))
        return LS_KIND_TARGET;
    return LS_KIND_ACTUAL;
}
