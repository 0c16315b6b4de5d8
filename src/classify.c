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
                                          LS_W("平均"), LS_W("各"), LS_W_END};
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
/* Measure words of counts of things (ORDER COUNT UNITS: metric.c). */
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
/* Words that open a sentence about the time to come: 今年，… */
static const ls_word look_ahead_words[] = {LS_W("今年"), LS_W("明年"), LS_W("今后"), LS_W("未来"),
                                               LS_W("下一步"), LS_W("下步"), LS_W_END};
/* Bytes before a figure searched for a word of intent (about 40 characters). */
#define INTENT_WINDOW 120

/* Words of intent that make a figure a target even in a review. Not 争取:
 * in a review it tells funds won (争取中央预算内投资237亿元), in the plan
 * the part already makes figures targets. */
static const ls_word intent_words[] = {LS_W("力争"), LS_W("目标是"), LS_W("预期目标"), LS_W_END};

int ls_classify_unit_in(const ls_context *c, const ls_quantity *q, const ls_word *units)
{
    size_t n = q->unit_end - q->unit_start;

    for (; units->s; units++)
        if (units->n == n && memcmp(c->s + q->unit_start, units->s, n) == 0)
            return 1;
    return 0;
}

/* The lists ls_classify_skip_before strips; ls_classify_skip_init reads them. */
static const ls_word *const skip_lists[] = {ge_before, le_before, approx_before, link_before};

void ls_classify_skip_init(ls_word_filter *f)
{
    size_t i;

    memset(f, 0, sizeof *f);
    for (i = 0; i < sizeof skip_lists / sizeof skip_lists[0]; i++)
        ls_word_filter_add_ends(f, skip_lists[i]);
}

size_t ls_classify_skip_before(const ls_context *c, size_t pos)
{
    const ls_word *const *lists = skip_lists;
    size_t start = pos, n;
    int again = 1;

    /* most figures follow no such word: the character before says so */
    if (c->skip_ends && !ls_word_filter_may_end(c->skip_ends, c->s, c->clause_start, pos))
        return 0;
    /* strip comparators and linking words, in any order: 分别达到约 */
    while (again) {
        size_t i;
        again = 0;
        for (i = 0; i < sizeof skip_lists / sizeof skip_lists[0]; i++) {
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

/* Units of a share: 95%以上行政村 is a share of the villages, not a class of
 * them. */
static const ls_word share_units[] = {LS_W("%"), LS_W("成"), LS_W_END};
/* Nouns after 以上的 that name no class of things: 45万人以上的目标 */
static const ls_word abstract_nouns[] = {LS_W("目标"), LS_W("任务"), LS_W("水平"), LS_W("增长"), LS_W("增速"),
                                         LS_W("速度"), LS_W("幅度"), LS_W("比例"), LS_W("比重"), LS_W("份额"),
                                         LS_W("成绩"), LS_W("成效"), LS_W("规模"), LS_W("标准"), LS_W_END};

/* True when a noun follows the 以上/以下 after 'q' (after a 的, a threshold):
 * 10蒸吨及以下燃煤锅炉, 8座以下小汽车, 2000万元以上的企业 name a class of
 * things, they measure no work. Not a share (95%以上行政村) nor a count of
 * at least so many (3个以上省级先进制造业集群). */
static int class_bound(const ls_context *c, const ls_quantity *q)
{
    size_t len, end;
    ls_piece p;

    if (q->after != LS_PIECE_GE && q->after != LS_PIECE_LE)
        return 0;
    if (ls_classify_unit_in(c, q, share_units) || (q->after == LS_PIECE_GE && ls_classify_unit_in(c, q, count_units)))
        return 0;
    len = ls_lex_piece(c->s, q->end, &p);
    end = q->end + len;
    /* 45万人以上的目标: a goal, not a class of things */
    if (ls_text_starts_with(c->s, end, c->len, "的")) {
        end += 3;
        if (ls_text_starts_with_any(c->s, end, c->len, abstract_nouns))
            return 0;
    }
    return ls_text_is_han(c->s, end, c->len) &&
           !ls_text_starts_with_any(c->s, end, c->len, not_noun_after);
}

/* Nouns that name a measure: after a capacity they make it an amount, not
 * the size of a thing (新增千万吨产能, 2812万吨钢铁产能). */
static const ls_word measure_nouns[] = {LS_W("产能"), LS_W("装机"), LS_W("规模"), LS_W("容量"),
                                        LS_W("能力"), LS_W("总量"), LS_W("产量"), LS_W_END};
/* Words before a capacity that make it a sum over things: 商洛电厂二期、
 * 店头电厂二期等402万千瓦机组 (not 完成, which may open a project: 完成80吨
 * 污泥焚烧处置) */
static const ls_word sum_before[] = {LS_W("等"), LS_W("共"), LS_W("累计"), LS_W_END};

/* True when the noun run after 'q' (up to 8 characters) ends with a
 * measure noun (2812万吨钢铁产能、), not 50万吨绿电铝产能置换项目. */
static int measure_follows(const ls_context *c, const ls_quantity *q)
{
    size_t p = q->end, i, n;

    for (i = 0; i < 8 && ls_text_is_han(c->s, p, c->len); i++, p += 3) {
        n = ls_text_starts_with_any(c->s, p, c->len, measure_nouns);
        if (n && !ls_text_is_han(c->s, p + n, c->len))
            return 1;
    }
    return 0;
}

/* True when 'q' is the size of a thing named after it: 150万千瓦抽水蓄能电站,
 * not 新增千万吨产能 nor …等402万千瓦机组. 'pos' is where the text before
 * the number ends. */
static int capacity_of_thing(const ls_context *c, const ls_quantity *q, size_t pos)
{
    return ls_classify_unit_in(c, q, capacity_units) && noun_follows(c, q) && !measure_follows(c, q) &&
           !ls_text_ends_with_any(c->s, c->clause_start, pos, sum_before);
}

/* Bytes searched on either side of a baseline for its 从 and its 到. */
#define BASELINE_WINDOW 90

/* Words between 从/由 and a baseline that say when it stood: 从2020年的,
 * 由上年的. */
static const ls_word base_time[] = {LS_W("上年"), LS_W("去年"), LS_W("年初"), LS_W("目前"),
                                    LS_W("现在"), LS_W("原来"), LS_W("“"), LS_W_END};

/* True when the 从/由 at 'p' opens a baseline: a number, a year or a time
 * word follows it (从2020年的, 由85%), not 从事, 由于, 由企业. */
static int opens_baseline(const ls_context *c, size_t p)
{
    p += 3;
    if (ls_text_starts_with(c->s, p, c->len, "分别"))
        p += 6;
    return (c->s[p] >= '0' && c->s[p] <= '9') || ls_lex_numeral_at(c->s, p, &(ls_token){0}) ||
           ls_text_starts_with_any(c->s, p, c->len, base_time);
}

/* True when a clause mark stands at 'p': ，,;:。 or a line end (the folded
 * text has ; and : for ；and ：). */
static int clause_mark_at(const char *s, size_t p, size_t len)
{
    unsigned char ch = (unsigned char)s[p];

    if (ch == ',' || ch == ';' || ch == '\n')
        return 1;
    /* 2.50:1 is a ratio */
    if (ch == ':')
        return !(p > 0 && s[p - 1] >= '0' && s[p - 1] <= '9' && s[p + 1] >= '0' && s[p + 1] <= '9');
    return (ch == 0xEF || ch == 0xE3) && (ls_text_starts_with(s, p, len, "，") ||
                                          ls_text_starts_with(s, p, len, "。"));
}

/* True when the character 'ch' (three bytes of UTF-8) occurs in [a, b):
 * memchr for its last byte, a continuation byte, then a check. */
static int has_char(const char *s, size_t a, size_t b, const char *ch)
{
    const char *p = s + a + 2, *end = s + b;

    while (p < end && (p = memchr(p, ch[2], (size_t)(end - p))) != NULL) {
        if (p[-2] == ch[0] && p[-1] == ch[1])
            return 1;
        p++;
    }
    return 0;
}

/* True when 'q' is the old level of a change to a new one, so an attribute
 * of it (由85%提高到90%: 85%; 分别从645元/月、4318元/年提高到…: both;
 * 由162个整合为123个): 从 or 由 before it with no 到/至 between, a 到/至 (or
 * 为 before a figure) after it in its clause. */
static int is_baseline(const ls_context *c, const ls_quantity *q)
{
    size_t p = q->start, floor = c->clause_start, ahead;
    int from = 0;

    if (p > floor + BASELINE_WINDOW)
        floor = p - BASELINE_WINDOW;
    if (!has_char(c->s, floor, p, "从") && !has_char(c->s, floor, p, "由"))
        return 0;
    while (p > floor && !from) {
        p = ls_text_prev(c->s, p);
        if (clause_mark_at(c->s, p, c->len) || ls_text_starts_with(c->s, p, c->len, "到") ||
            ls_text_starts_with(c->s, p, c->len, "至"))
            return 0;
        from = (ls_text_starts_with(c->s, p, c->len, "从") ||
                ls_text_starts_with(c->s, p, c->len, "由")) &&
               opens_baseline(c, p);
    }
    if (!from)
        return 0;
    for (p = q->end, ahead = 0; p < c->len && ahead < BASELINE_WINDOW; ahead++) {
        if (clause_mark_at(c->s, p, c->len))
            return 0;
        if (ls_text_starts_with(c->s, p, c->len, "到") || ls_text_starts_with(c->s, p, c->len, "至"))
            return 1;
        /* 由162个整合为123个: 为 before the new level */
        if (ls_text_starts_with(c->s, p, c->len, "为") && c->s[p + 3] >= '0' && c->s[p + 3] <= '9')
            return 1;
        p = ls_text_next(c->s, p, c->len);
    }
    return 0;
}

/* Verbs before a count that take a set as given, not as work done:
 * 依托12个国家级开发区, 聚焦13个产业集群 */
static const ls_word given_set_before[] = {LS_W("依托"), LS_W("依靠"), LS_W("围绕"), LS_W("聚焦"),
                                           LS_W("立足"), LS_W("借助"), LS_W("对标"), LS_W_END};
/* Characters after 在N个…中 that keep 中 a place word: 中排名, 中居 */
static const ls_word among_after[] = {LS_W("排"), LS_W("居"), LS_W("位"), LS_W("名"), LS_W("率"),
                                      LS_W("脱"), LS_W("列"), LS_W_END};

/* True when the count 'q' stands in 在…中 (在全国168个重点城市中排名第4):
 * the set the place is ranked among. 'pos' is where the text before the
 * number ends, after comparators and scope words. */
static int among_set(const ls_context *c, const ls_quantity *q, size_t pos)
{
    size_t p = q->end, i;

    pos -= ls_text_ends_with_any(c->s, c->clause_start, pos, list_before);
    if (!ls_text_ends_with(c->s, c->clause_start, pos, "在"))
        return 0;
    for (i = 0; i < 12 && ls_text_is_han(c->s, p, c->len); i++, p += 3) {
        if (ls_text_starts_with(c->s, p, c->len, "中") &&
            (!ls_text_is_han(c->s, p + 3, c->len) ||
             ls_text_starts_with_any(c->s, p + 3, c->len, among_after)))
            return 1;
    }
    return 0;
}

/* True when 'q' describes a thing rather than measuring work: a size, an
 * age or a length of time before what it names, a class bound, a baseline,
 * a count of a list or of a set given. */
static int is_attribute(const ls_context *c, const ls_quantity *q)
{
    size_t pos = ls_text_back_spaces(c->s, c->clause_start, q->start);

    if (q->product || ls_classify_unit_in(c, q, size_units) || class_bound(c, q))
        return 1;
    if (ls_text_ends_with_any(c->s, c->clause_start, pos, capacity_before))
        return 1;
    if (capacity_of_thing(c, q, pos))
        return 1;
    if (ls_classify_unit_in(c, q, age_units) && ls_text_starts_with_any(c->s, q->end, c->len, age_groups))
        return 1;
    if (ls_classify_unit_in(c, q, duration_units) && q->after == LS_PIECE_NONE &&
        ((noun_follows(c, q) && !ls_text_starts_with(c->s, q->end, c->len, "内") &&
          !ls_text_starts_with_any(c->s, q->end, c->len, increase_words) &&
          !ls_text_starts_with_any(c->s, q->end, c->len, decrease_words)) ||
         ls_text_starts_with(c->s, q->end, c->len, "“")))
        return 1;
    if (is_baseline(c, q))
        return 1;
    pos -= ls_classify_skip_before(c, pos);
    if (ls_classify_unit_in(c, q, count_units) &&
        (ls_text_ends_with_any(c->s, c->clause_start, pos, list_before) ||
         ls_text_ends_with_any(c->s, c->clause_start, pos, given_set_before) ||
         among_set(c, q, pos)))
        return 1;
    return 0;
}

/* The start of the clause (between commas) that holds 'pos'; never before
 * the sentence, nor more than INTENT_WINDOW bytes back (a long run with no
 * mark stays linear). */
static size_t comma_clause_start(const ls_context *c, size_t pos)
{
    size_t p = pos, floor = c->clause_start;

    if (pos > floor + INTENT_WINDOW)
        floor = pos - INTENT_WINDOW;
    while (p > floor) {
        size_t q = ls_text_prev(c->s, p);
        if (clause_mark_at(c->s, q, c->len))
            break;
        p = q;
    }
    return p;
}

/* The year written as four digits and 年 at 'p' (2027年), or 0. */
static int year_at(const char *s, size_t p, size_t len)
{
    int y = 0, i;

    if (p + 7 > len)
        return 0;
    for (i = 0; i < 4; i++) {
        if (s[p + i] < '0' || s[p + i] > '9')
            return 0;
        y = y * 10 + (s[p + i] - '0');
    }
    if (p > 0 && s[p - 1] >= '0' && s[p - 1] <= '9')
        return 0;
    return ls_text_starts_with(s, p + 4, len, "年") ? y : 0;
}

/* Words that may stand before a deadline opening a sentence: 力争到2030年 */
static const ls_word deadline_lead[] = {LS_W("力争"), LS_W("争取"), LS_W("计划"), LS_W("预计"),
                                        LS_W_END};

/* True when a deadline of the report's year or later stands at 'p' (到2027
 * 年, 至2030年底; not 到2025年的, a level reached). */
static int deadline_at(const ls_context *c, size_t p)
{
    int y;

    if (!ls_text_starts_with(c->s, p, c->len, "到") && !ls_text_starts_with(c->s, p, c->len, "至"))
        return 0;
    y = year_at(c->s, p + 3, c->len);
    return y >= c->year && !ls_text_starts_with(c->s, p + 10, c->len, "的");
}

/* True when a deadline of the report's year or later governs 'q': it opens
 * its sentence (到2030年，…全社会研发投入强度达到3.5%以上) or stands in its
 * clause — a goal, even in a review. */
static int deadline_before(const ls_context *c, const ls_quantity *q)
{
    size_t p, from;

    if (!c->year || (!has_char(c->s, c->clause_start, q->start, "到") &&
                     !has_char(c->s, c->clause_start, q->start, "至")))
        return 0;
    p = c->sentence_start;
    while (p < q->start && (c->s[p] == ' ' || c->s[p] == '\n'))
        p++;
    p += ls_text_starts_with_any(c->s, p, q->start, deadline_lead);
    if (deadline_at(c, p))
        return 1;
    /* a year's first digit right after 到 or 至, in the clause */
    from = comma_clause_start(c, q->start);
    for (p = from + 3; p + 7 <= q->start; p++)
        if ((c->s[p] == '1' || c->s[p] == '2') && deadline_at(c, p - 3) && p - 3 >= from)
            return 1;
    return 0;
}

/* Verbs after 将 that make a clause future (将达到, 将突破); 将 before a
 * noun is 把 (将2.8万亿元中央财政资金纳入…, 将新增财力向公共事业倾斜). */
static const ls_word future_verbs[] = {
    LS_W("达到"), LS_W("达"), LS_W("突破"), LS_W("超过"), LS_W("实现"), LS_W("建成"), LS_W("完成"),
    LS_W("形成"), LS_W("带动"), LS_W("惠及"), LS_W("增加"), LS_W("增长"), LS_W("提高"), LS_W("提升"),
    LS_W("降低"), LS_W("减少"), LS_W("在"), LS_W("于"), LS_W("有"), LS_W("可"), LS_W("会"), LS_W("再"),
    LS_W("累计"), LS_W("进一步"), LS_W("全面"), LS_W("力争"), LS_W_END};
static const ls_word ensure_words[] = {LS_W("确保"), LS_W_END};

/* True when 将 before a verb of 'future_verbs' stands in the window before
 * 'q' (the window of clause_has_any). */
static int future_before(const ls_context *c, const ls_quantity *q)
{
    size_t p = c->clause_start;

    if (q->start > p + INTENT_WINDOW)
        p = q->start - INTENT_WINDOW;
    if (!has_char(c->s, p, q->start, "将"))
        return 0;
    for (; p + 6 <= q->start; p++)
        if (ls_text_starts_with(c->s, p, q->start, "将") &&
            ls_text_starts_with_any(c->s, p + 3, q->start, future_verbs))
            return 1;
    return 0;
}

/* Words that make a 确保 a result: 确保了 */
static const ls_word done_words[] = {LS_W("确保了"), LS_W_END};

/* True when the clause before 'q' states an intent or a goal: 力争, 目标是,
 * 确保 (not 确保了), 将 before a verb, a deadline to come. */
static int states_intent(const ls_context *c, const ls_quantity *q)
{
    if (clause_has_any(c, q, intent_words) || deadline_before(c, q))
        return 1;
    if (future_before(c, q))
        return 1;
    return clause_has_any(c, q, ensure_words) && !clause_has_any(c, q, done_words);
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
    size_t p = c->sentence_start;

    if (opens_looking_back(c, p))
        return 1;
    /* 去年…。今年赤字率拟按2.8%左右安排: a sentence of the year to come */
    while (p < c->len && (c->s[p] == ' ' || c->s[p] == '\n'))
        p++;
    if (ls_text_starts_with_any(c->s, p, c->len, look_ahead_words))
        return 0;
    return opens_looking_back(c, c->paragraph_start);
}

/* Words of a time past inside a sentence of the plan: 去年全市完成… (not
 * the base of a comparison, 比上年). */
static const ls_word past_words[] = {LS_W("去年"), LS_W("上年"), LS_W("过去一年"), LS_W("一年来"),
                                     LS_W_END};
/* Words of a result reached: 完成, 实现, 同比增长 */
static const ls_word result_words[] = {LS_W("完成"), LS_W("实现"), LS_W("同比"), LS_W_END};
/* Words before 上年/去年 that make it a comparison's base */
static const ls_word base_marks[] = {LS_W("比"), LS_W("较"), LS_W("同"), LS_W("于"), LS_W_END};

/* True when the sentence opens with a year before the report's (2025年，全省
 * 地区生产总值完成… in the plan of 2026). */
static int opens_with_past_year(const ls_context *c)
{
    size_t p = c->sentence_start;
    int y;

    while (p < c->len && (c->s[p] == ' ' || c->s[p] == '\n'))
        p++;
    y = year_at(c->s, p, c->len);
    return c->year && y > 1900 && y < c->year;
}

/* True when a past time word stands in [a, b) (at most 2 * INTENT_WINDOW
 * bytes before 'b'), not as a comparison's base. */
static int past_in(const ls_context *c, size_t a, size_t b)
{
    size_t p = a, n;

    if (b > p + 2 * INTENT_WINDOW)
        p = b - 2 * INTENT_WINDOW;
    /* every past word holds 年: look only where one stands */
    if (!has_char(c->s, p, b, "年"))
        return 0;
    for (; p + 6 <= b; p++) {
        /* a word begins with a character, never at a continuation byte */
        if (((unsigned char)c->s[p] & 0xC0) == 0x80)
            continue;
        n = ls_text_starts_with_any(c->s, p, b, past_words);
        if (n && !ls_text_ends_with_any(c->s, c->clause_start, p, base_marks))
            return 1;
    }
    return 0;
}

/* True when a figure of the plan part tells last year's result, with no
 * intent: its sentence or paragraph opens by looking back (过去五年，…;
 * 2025年，…), a past time word stands in its clause (…新增的涉税市场主体去年
 * 纳税达到4.76万亿元), or one stands earlier in the sentence and its clause
 * reports a result (去年…，完成, 实现, 同比增长). */
static int recalls_past(const ls_context *c, const ls_quantity *q)
{
    size_t from;
    ls_context clause;

    if (looks_back(c) || opens_with_past_year(c))
        return 1;
    from = comma_clause_start(c, q->start);
    if (past_in(c, from, q->start))
        return !states_intent(c, q);
    if (from <= c->clause_start || !past_in(c, c->clause_start, from))
        return 0;
    clause = *c;
    clause.clause_start = from;
    return clause_has_any(&clause, q, result_words) && !states_intent(c, q);
}

ls_kind ls_classify_kind(const ls_context *c, const ls_quantity *q)
{
    if (is_attribute(c, q))
        return LS_KIND_ATTRIBUTE;
    if (c->in_plan && !recalls_past(c, q))
        return LS_KIND_TARGET;
    if (states_intent(c, q))
        return LS_KIND_TARGET;
    return LS_KIND_ACTUAL;
}
