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
static const char *const ge_before[] = {"超过", "超", "突破", "逾", "高于", "大于", "不低于",
                                        "不少于", "至少", "多于", "达到或超过", NULL};
static const char *const le_before[] = {"不超过", "不高于", "低于", "少于", "小于", "控制在",
                                        "不到", "未超过", "不足", NULL};
static const char *const approx_before[] = {"约", "近", "大约", "接近", "将近", "预计",
                                            "约为", "预计为", "大概", NULL};
static const char *const link_before[] = {"达到", "达", "为", "了", "是", "到", "至", "共",
                                          "计", "分别", "分别为", "分别达到", "总计", "累计", "预期目标", "目标",
                                          "合计", "稳定在", "保持在", "仅", "均", "每年",
                                          "平均", NULL};
static const char *const increase_words[] = {"增长", "增加", "提高", "上升", "提升", "上涨",
                                             "增", "扩大", "回升", "攀升", "延长", "上调",
                                             "增收", "增幅", "增速", "涨幅", NULL};
static const char *const decrease_words[] = {"下降", "减少", "降低", "回落", "下调", "压减",
                                             "缩减", "缩小", "缩短", "降", "减", "降幅",
                                             "下滑", NULL};
/* Units that give a size of a thing when a noun follows: 150万千瓦抽水蓄能电站 */
static const char *const capacity_units[] = {"千瓦", "兆瓦", "吉瓦", "瓦", "吨", "立方米",
                                             "标箱", "标准箱", "千瓦时", NULL};
/* Units that are always a size of a thing (500千伏变电站, 10蒸吨锅炉) */
static const char *const size_units[] = {"千伏", "伏", "千伏安", "蒸吨", NULL};
/* Words before a number that give a rated capacity: 年产280吨 */
static const char *const capacity_before[] = {"年产", "年处理", "年加工", "日处理", "年吞吐",
                                              "年发电", "单机", "设计", "年产能", "日产",
                                              NULL};
/* Measure words of counts of things. */
static const char *const count_units[] = {"个", "家", "座", "所", "项", "条", "处", "件", "批",
                                          "名", "位", "套", "间", "张", "台", "辆", "架",
                                          "艘", "部", "片", "类", "种", "户", NULL};
/* A count of a national or world list the place joined: 全国25个 */
static const char *const list_before[] = {"全国", "全球", "全世界", "世界", NULL};
/* Characters after a unit that end a noun-free tail: 812.6万千瓦,占 */
static const char *const not_noun_after[] = {
    "以", "左", "上", "的", "和", "与", "及", "等", "同", "比", "增", "下", "占", "是", "为",
    "计", "共", "分", "已", "将", "并", "或", "至", "到", "、", "达", "左", "多", "余", NULL};
/* Words that open a sentence about the past: 过去五年，我们… */
static const char *const look_back_words[] = {"过去五年", "五年来", "过去一年", "一年来",
                                              "过去的一年", "过去的五年", "去年", "这五年",
                                              "这一年", NULL};
/* Bytes before a figure searched for a word of intent (about 40 characters). */
#define INTENT_WINDOW 120

/* Words of intent that make a figure a target even in a review */
static const char *const intent_words[] = {"力争", "争取", "目标是", "预期目标", NULL};

/* True when 'q' has the unit 'unit'. */
static int unit_is(const ls_context *c, const ls_quantity *q, const char *unit)
{
    size_t n = strlen(unit);

    return q->unit_end - q->unit_start == n && memcmp(c->s + q->unit_start, unit, n) == 0;
}

/* True when the unit of 'q' is one of 'units'. */
static int unit_in(const ls_context *c, const ls_quantity *q, const char *const *units)
{
    for (; *units; units++)
        if (unit_is(c, q, *units))
            return 1;
    return 0;
}

size_t ls_classify_skip_before(const ls_context *c, size_t pos)
{
    static const char *const *const lists[] = {ge_before, le_before, approx_before, link_before};
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
    static const char *const to_words[] = {"到", "至", NULL};

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

/* True when the clause before the quantity holds a word of intent. */
static int clause_has_intent(const ls_context *c, const ls_quantity *q)
{
    const char *const *w;
    size_t i, from = c->clause_start;

    /* a bounded look back keeps a sentence of many figures linear */
    if (q->start > from + INTENT_WINDOW)
        from = q->start - INTENT_WINDOW;
    for (w = intent_words; *w; w++) {
        size_t n = strlen(*w);
        for (i = from; i + n <= q->start; i++)
            if (memcmp(c->s + i, *w, n) == 0)
                return 1;
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

/* True when the sentence opens by looking back (过去五年，我们…): a review
 * of the past inside the plan part. */
static int sentence_looks_back(const ls_context *c)
{
    size_t p = c->sentence_start;

    while (p < c->len && (c->s[p] == ' ' || c->s[p] == '\n'))
        p++;
    return ls_text_starts_with_any(c->s, p, c->len, look_back_words) > 0;
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
    pos -= ls_classify_skip_before(c, pos);
    if (unit_in(c, q, count_units) && ls_text_ends_with_any(c->s, c->clause_start, pos, list_before))
        return LS_KIND_ATTRIBUTE;
    if (c->in_plan && !sentence_looks_back(c))
        return LS_KIND_TARGET;
    if (clause_has_intent(c, q))
        return LS_KIND_TARGET;
    return LS_KIND_ACTUAL;
}
