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
    LS_W("进行"), LS_W("启动"), LS_W("加快"), LS_W("推进"), LS_W("实施"), LS_W("改造提升"), LS_W("整体"),
    LS_W("受到"), LS_W("进入"), LS_W("跻身"), LS_W("如期"), LS_W("按期"), LS_W("保持"), LS_W("继续"),
    LS_W("位居"), LS_W("荣获"), LS_W("获评"), LS_W("未能"), LS_W("中排名"), LS_W("中位居"),
    LS_W("中名列"), LS_W("中位列"), LS_W("延伸"), LS_W_END};
/* Verbs of change that end a metric read forward (从80户增加到810户), except
 * after a count of times, where they are what was done (两次降低存款准备金率) */
static const ls_word change_stop_after[] = {LS_W("提升"), LS_W("提高"), LS_W("降低"), LS_W("减少"), LS_W("增加"),
                                                LS_W("升至"), LS_W("降至"), LS_W("增至"), LS_W("整合"), LS_W("调整"),
                                                LS_W("合并"), LS_W("精简"), LS_W("压减"), LS_W("缩减"), LS_W("扩大"),
                                                LS_W("跃升"), LS_W("拓展"), LS_W("下降"), LS_W("上升"), LS_W("优化"),
                                                LS_W_END};
static const ls_word times_units[] = {LS_W("次"), LS_W("轮"), LS_W_END};
/* Words that end a metric read forward once it has begun (资源接续规划矿井在
 * 取得采矿权后开工), not at its start (3座在建煤矿). */
static const ls_word mid_stop_after[] = {LS_W("在"), LS_W("将"), LS_W_END};
/* Nouns that frame a figure as a mark passed, never what is measured:
 * 迈上6万亿元台阶, 突破百万吨大关 (the metric stands before the figure). */
static const ls_word frame_nouns[] = {LS_W("台阶"), LS_W("大关"), LS_W("关口"), LS_W("门槛"),
                                      LS_W("量级"), LS_W_END};
/* Units whose bound names a group better read before it: 65岁以上老年人,
 * 海拔1500米以上 */
static const ls_word bound_units_before[] = {LS_W("岁"), LS_W("周岁"), LS_W("米"), LS_W_END};
/* Units of counts of things: 3个以上省级先进制造业集群 names what is
 * counted after its 以上 (ORDER COUNT UNITS: classify.c count_units). */
static const ls_word count_units[] = {LS_W("个"), LS_W("家"), LS_W("座"), LS_W("所"), LS_W("项"), LS_W("条"),
                                      LS_W("处"), LS_W("件"), LS_W("批"), LS_W("名"), LS_W("位"), LS_W("套"),
                                      LS_W("间"), LS_W("张"), LS_W("台"), LS_W("辆"), LS_W("架"), LS_W("艘"),
                                      LS_W("部"), LS_W("片"), LS_W("类"), LS_W("种"), LS_W("户"), LS_W_END};
/* Words that join two short items of a list inside a metric. */
static const ls_word list_joins[] = {LS_W("、"), LS_W("和"), LS_W("及"), LS_W("与"), LS_W_END};
/* Metrics before a sum of money that say only that it is money: 投资1100万元
 * 新建污水管线 measures the pipeline, the phrase after the sum. */
static const ls_word money_words[] = {LS_W("投资"), LS_W("投入"), LS_W("资金"), LS_W("计划投资"), LS_W("完成投资"), LS_W("总投资"),
                                          LS_W("安排"), LS_W("筹措"), LS_W("筹集"), LS_W("年度"), LS_W("争取"), LS_W("拨付"),
                                          LS_W("使用"), LS_W("发放"), LS_W_END};
/* Verbs between a sum of money and what it pays for. */
static const ls_word money_verbs[] = {LS_W("完成"), LS_W("用于"), LS_W("对"), LS_W("实施"), LS_W("进行"), LS_W("开展"), LS_W("支持"),
                                          LS_W("为"), LS_W("完成了"), LS_W("实施了"), LS_W("进行了"), LS_W("开展了"),
                                          LS_W_END};
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
    LS_W("年"), LS_W("末"), LS_W("底"), LS_W("以来"), LS_W("五年"), LS_W("五年来"), LS_W("年度"), LS_W("新培育"), LS_W("新引进"), LS_W("新创建"), LS_W("创建"), LS_W("新认证"), LS_W("认证"),
    LS_W("新获批"), LS_W("获批"), LS_W("共计"), LS_W("合计"), LS_W("总计"), LS_W("分别"), LS_W("其"), LS_W("和"), LS_W("与"), LS_W("及"), LS_W("等"),
    LS_W("完成了"), LS_W("实现了"), LS_W("到"), LS_W("截至"), LS_W("截止"), LS_W("底前"), LS_W("年底前"),
    LS_W("以上的"), LS_W("以下的"), LS_W("设立"), LS_W("的"), LS_W("抓好"), LS_W("做好"), LS_W("拟安排"), LS_W("争创"), LS_W("新改扩建"), LS_W("改扩建"), LS_W("新建改扩建"),
    LS_W("办好"), LS_W("用好"), LS_W_END};
/* Words after the digits of a date. */
static const ls_word date_words[] = {LS_W("年"), LS_W("月"), LS_W("日"), LS_W_END};
/* Words stripped from the end of a metric read backward. */
static const ls_word trim_before_tail[] = {
    LS_W("同比"), LS_W("比上年"), LS_W("较上年"), LS_W("比去年"), LS_W("较去年"), LS_W("年均"), LS_W("同期"), LS_W("比上年同期"), LS_W("较上年同期"),
    /* how a figure is counted, not what it measures: 按可比口径增长13% */
    LS_W("按可比口径"), LS_W("按可比价"), LS_W("按可比价计算"), LS_W("按可比价格计算"), LS_W("按同口径"),
    LS_W("同口径"), LS_W("可比口径"),
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
    LS_W("全年"), LS_W("今年"), LS_W("年内"), LS_W("当年"), LS_W("五年"), LS_W("连续"),
    /* a mark passed (地区生产总值连续迈上4个万亿元台阶) or a plan (赤字率拟按
     * 2.8%左右安排): the verb is no part of the metric */
    LS_W("迈上"), LS_W("跨上"), LS_W("跨过"), LS_W("跨越"), LS_W("跃上"), LS_W("迈过"), LS_W("连跨"),
    LS_W("站上"), LS_W("登上"), LS_W("迈入"), LS_W("跨入"), LS_W("保持"), LS_W("拟按"), LS_W("拟"),
    LS_W("继续"), LS_W("双双"), LS_W("上涨"), LS_W("实际"), LS_W("安排"), LS_W("拟安排"), LS_W("再"),
    /* a list cut short by the figure's clause: 城区、镇区和93%以上行政村 (not
     * 及, 与: 惠及, 参与) */
    LS_W("和"),
    LS_W("未能"), LS_W_END};
/* Nouns that open with 比 (a ratio), not a comparison's base. */
static const ls_word ratio_words[] = {LS_W("比率"), LS_W("比例"), LS_W("比重"), LS_W("比值"), LS_W_END};
/* Characters that end a clause (ORDER MARKS: clause_mark_at). */
static const ls_word clause_marks[] = {LS_W(","), LS_W("，"), LS_W(";"), LS_W("。"), LS_W(":"), LS_W("!"), LS_W("?"), LS_W("\n"), LS_W("、"), LS_W_END};


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
static void trim_tail(const char *s, size_t a, size_t *b, const ls_word *tail,
                      const ls_word_filter *ends)
{
    size_t n;

    while ((!ends || ls_word_filter_may_end(ends, s, a, *b)) &&
           (n = ls_text_ends_with_any(s, a, *b, tail)) && ls_text_chars(s, a, *b - n) >= 2)
        *b -= n;
}

/* The number of characters from 'a' to the first 、 in [a, b), or to 'b',
 * counted up to 2. */
static size_t first_item_chars(const char *s, size_t a, size_t b)
{
    size_t p, n = 0;

    for (p = a; p < b && n < 2 && !ls_text_starts_with(s, p, b, "、"); p = ls_text_next(s, p, b))
        n++;
    return n;
}

/* Words that open with a one-character head word but are not it: 有效发明
 * 专利 is no 有 + 效发明专利, 使用外资 no 使 + 用外资. */
static const ls_word head_words_kept[] = {
    LS_W("有效"), LS_W("有机"), LS_W("有色"), LS_W("有线"), LS_W("有序"), LS_W("有力"), LS_W("对外"),
    LS_W("对口"), LS_W("对接"), LS_W("对标"), LS_W("共享"), LS_W("共同"), LS_W("共有产权"), LS_W("在建"), LS_W("在线"), LS_W("在职"),
    LS_W("在校"), LS_W("在岗"), LS_W("在库"), LS_W("在营"), LS_W("在册"), LS_W("使用"), LS_W("其他"),
    LS_W("要素"), LS_W("并购"), LS_W("并网"), LS_W("还款"), LS_W("年均"), LS_W("年产"), LS_W("为民"),
    LS_W("和谐"), LS_W("已建"), LS_W("向日葵"), LS_W_END};

/* The length of the longest word of 'words' that the text of 'c' at 'pos'
 * (up to 'end') starts with: through 'index' when the context lends its
 * lists (LISTED), else by comparing the list. */
static size_t starts_listed(const ls_context *c, const ls_word_index *index, size_t pos,
                            size_t end, const ls_word *words)
{
    return index ? ls_word_index_starts(index, c->s, pos, end)
                 : ls_text_starts_with_any(c->s, pos, end, words);
}

/* The index of list 'name' that 'c' lends, or NULL. */
#define LISTED(c, name) ((c)->metric_lists ? &(c)->metric_lists->name : NULL)

/* Strips words of trim_before_head from the start of [*a, b) of the text
 * of 'c' while they leave 2 chars, and of the first item of a list 2 after
 * a word of one character (有机、名特优新农产品 keeps 有机; 确保肉、奶产量 →
 * 肉、奶产量); a first item that is a head word goes with its 、 (新建、改造
 * 高标准农田 → 高标准农田). */
static void trim_head(const ls_context *c, size_t *a, size_t b)
{
    const char *s = c->s;
    size_t n;

    for (;;) {
        /* the filter of metric_heads (when lent) holds the head words:
         * most positions start none, and it says so without the list */
        n = c->metric_heads && *a < b && !ls_word_filter_may(c->metric_heads, s + *a)
                ? 0
                : starts_listed(c, LISTED(c, trim_before_head), *a, b, trim_before_head);
        if (!n) {
            /* a year or date opening the clause: 2022年, 12月底 (not 5G用户) */
            size_t p = *a;
            while (p < b && s[p] >= '0' && s[p] <= '9')
                p++;
            if (p == *a || !ls_text_starts_with_any(s, p, b, date_words))
                break;
            n = p - *a;
        }
        if (n == 3 && ls_text_starts_with_any(s, *a, b, head_words_kept))
            break;
        if (ls_text_starts_with(s, *a + n, b, "、") && ls_text_chars(s, *a + n + 3, b) >= 2) {
            *a += n + 3;
            continue;
        }
        if (ls_text_chars(s, *a + n, b) < 2 || first_item_chars(s, *a + n, b) < (n > 3 ? 1 : 2))
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

/* Where the noun paid for starts after a sum of money and its verb: past a
 * verb of up to 3 characters and a count (投资2650万元改扩建15个社区党群服务
 * 中心, 投资1.2亿元完成16个老旧小区环境综合整治), else 'p'. */
static size_t skip_count(const ls_context *c, size_t p)
{
    size_t v = p, i;
    ls_token tok;
    ls_quantity count;

    for (i = 0; i < 3 && ls_text_is_han(c->s, v, c->len) && !(c->s[v] >= '0' && c->s[v] <= '9');
         i++) {
        if (ls_lex_numeral_at(c->s, v, &tok))
            break;
        v += 3;
    }
    /* an Arabic count: 万家惠农贸市场 is a name */
    if (!(c->s[v] >= '0' && c->s[v] <= '9') || !ls_lex_numeral_at(c->s, v, &tok) ||
        !ls_num_read(c->s, &tok, &count) ||
        !ls_classify_unit_in(c, &count, count_units) || !ls_text_is_han(c->s, count.end, c->len))
        return p;
    return count.end;
}

/* The phrase after the unit of 'q' (after its 以上 or 左右, for a count)
 * up to a stop word; 1 if one was found, not a frame (4个万亿元台阶). */
static int metric_after(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me)
{
    size_t p = q->end, seg, count = 0, n;
    int times = ls_classify_unit_in(c, q, times_units);
    ls_token tok;
    ls_quantity inner, last;
    ls_piece piece;

    /* 3个以上省级先进制造业集群, 120家左右领军企业: what is counted */
    if (q->after != LS_PIECE_NONE)
        p += ls_lex_piece(c->s, p, &piece);
    /* 3个2×100万千瓦煤电项目: the noun follows the second figure; so it does
     * in a list of sizes (500千伏和220千伏变电站) */
    last = *q;
    if (ls_lex_numeral_at(c->s, p, &tok) && ls_num_read(c->s, &tok, &inner)) {
        p = inner.end;
        last = inner;
    }
    if (last.unit_end > last.unit_start &&
        (n = ls_text_starts_with_any(c->s, p, c->len, list_joins)) != 0 &&
        ls_lex_numeral_at(c->s, p + n, &tok) && ls_num_read(c->s, &tok, &inner) &&
        inner.unit_end - inner.unit_start == last.unit_end - last.unit_start &&
        memcmp(c->s + inner.unit_start, c->s + last.unit_start, inner.unit_end - inner.unit_start) == 0)
        p = inner.end;
    seg = p;
    /* 完成800户的改造任务: the noun phrase follows a 的 (千万千瓦级清洁能源
     * 基地: or a 级); 投资920万元完成道路
     * 改造: a sum of money is followed by what it pays for */
    if (ls_text_starts_with(c->s, p, c->len, "的") || ls_text_starts_with(c->s, p, c->len, "级"))
        p = seg = p + 3;
    else if (q->unit_end - q->unit_start == 3 && memcmp(c->s + q->unit_start, "元", 3) == 0)
        p = seg = skip_count(c, p + ls_text_starts_with_any(c->s, p, c->len, money_verbs));
    *ms = p;
    while (p < c->len && count < METRIC_MAX_CHARS) {
        size_t join;
        /* most characters start no word that ends a phrase: the filter says */
        if (c->metric_stops && !ls_word_filter_may(c->metric_stops, c->s + p)) {
            if (!is_metric_char(c->s, p, c->len) || (c->s[p] >= '0' && c->s[p] <= '9'))
                break;
            p = ls_text_next(c->s, p, c->len);
            count++;
            continue;
        }
        join = ls_text_starts_with_any(c->s, p, c->len, list_joins);
        if (join && p > *ms) {
            /* 风电、光伏续建新建项目, 国家和地区: a short item of a list goes on */
            if (ls_text_chars(c->s, seg, p) > 4 || !ls_text_is_han(c->s, p + join, c->len))
                break;
            p += join;
            seg = p;
            count++;
            continue;
        }
        if ((starts_listed(c, LISTED(c, stop_after), p, c->len, stop_after) &&
             !inside_word(c, *ms, p)) ||
            (!times &&
             starts_listed(c, LISTED(c, change_stop_after), p, c->len, change_stop_after)) ||
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
    trim_tail(c->s, *ms, me, trim_after_tail, NULL);
    /* 4万亿、5万亿两个台阶: a frame, however counted */
    if (ls_text_starts_with_any(c->s, *ms, *me, frame_nouns) ||
        ls_text_ends_with_any(c->s, *ms, *me, frame_nouns))
        return 0;
    return ls_text_chars(c->s, *ms, *me) >= 2;
}

/* True when a mark of 'clause_marks' starts at 'p' (ORDER MARKS: the
 * ASCII ones, then ，。、 led by 0xEF and 0xE3). */
static int clause_mark_at(const char *s, size_t p, size_t len)
{
    unsigned char ch = (unsigned char)s[p];

    if (ch < 0x80)
        return ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == '\n';
    return (ch == 0xEF || ch == 0xE3) && ls_text_starts_with_any(s, p, len, clause_marks);
}

/* The start of the text before 'pos' back to a clause mark, not before
 * 'floor'. */
static size_t mark_back(const ls_context *c, size_t pos, size_t floor)
{
    size_t p = pos;

    while (p > floor) {
        size_t q = ls_text_prev(c->s, p);
        if (clause_mark_at(c->s, q, c->len))
            break;
        p = q;
    }
    return p;
}

/* True when [a, b) holds only Han characters and quotes. */
static int all_metric_chars(const ls_context *c, size_t a, size_t b)
{
    for (; a < b; a = ls_text_next(c->s, a, b))
        if (!is_metric_char(c->s, a, c->len) || (c->s[a] >= '0' && c->s[a] <= '9'))
            return 0;
    return 1;
}

/* The start of the clause that ends at 'pos'; never before the end of the
 * figure before it (稳定脱贫173户349人: 349人 has no phrase of its own).
 * Short items joined by 、 before the last one stay (城市供水、供气、供热管网
 * 240公里): the first item up to 4 characters, the others up to 3, not a
 * list of verb phrases (深化改革、扩大开放、新增市场主体); items of any size
 * up to 'item_max' when 分别 pairs them with figures. */
static size_t clause_start(const ls_context *c, size_t pos, size_t item_max)
{
    size_t p, floor = c->clause_start > c->prev_end ? c->clause_start : c->prev_end;

    if (floor > pos)
        floor = pos;
    p = mark_back(c, pos, floor);
    while (p >= floor + 3 && ls_text_ends_with(c->s, floor, p, "、")) {
        size_t item = mark_back(c, p - 3, floor), n, max, head;
        /* the size of the item without its verb: 新改扩建中小学、幼儿园 */
        head = starts_listed(c, LISTED(c, trim_before_head), item, p - 3, trim_before_head);
        n = ls_text_chars(c->s, item + (head && item + head < p - 3 ? head : 0), p - 3);
        max = ls_text_ends_with(c->s, floor, item, "、") ? 3 : 4;
        /* 突破4个万亿元台阶、双双…: what follows a figure is no item */
        if (n < 1 || n > (item_max > max ? item_max : max) || !all_metric_chars(c, item, p - 3) ||
            (item == c->prev_end && c->prev_end > c->clause_start))
            break;
        p = item;
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

/* The number of times 'word' occurs in [a, b). */
static size_t count_word(const char *s, size_t a, size_t b, const char *word)
{
    size_t n = 0, p, w = strlen(word);

    if (w == 0)
        return 0;
    /* the last byte of a Chinese word tells it apart as its lead cannot */
    for (p = a; p + w <= b; p++)
        if (s[p] == word[0] && s[p + w - 1] == word[w - 1] && memcmp(s + p, word, w) == 0) {
            n++;
            p += w - 1;
        }
    return n;
}

/* Characters after 比 and 较 that make them part of a word (比重, 较快),
 * and before 比 (占比, 对比, 同比, 按可比口径). */
static const ls_word bi_after[] = {LS_W("重"), LS_W("例"), LS_W("率"), LS_W("值"), LS_W("较"), LS_W("赛"),
                                   LS_W("武"), LS_W("拼"), LS_W("肩"), LS_W("如"), LS_W_END};
static const ls_word bi_before[] = {LS_W("占"), LS_W("对"), LS_W("相"), LS_W("类"), LS_W("好"), LS_W("无"),
                                    LS_W("之"), LS_W("同"), LS_W("评"), LS_W("可"), LS_W_END};
static const ls_word jiao_after[] = {LS_W("大"), LS_W("快"), LS_W("高"), LS_W("好"), LS_W("多"), LS_W("低"),
                                     LS_W("为"), LS_W("少"), LS_W("强"), LS_W("弱"), LS_W("差"), LS_W("长"),
                                     LS_W("短"), LS_W("小"), LS_W("早"), LS_W("量"), LS_W_END};
/* Comparatives that put a base between the metric and its figure. */
static const ls_word comparatives[] = {LS_W("高于"), LS_W("低于"), LS_W("快于"), LS_W("慢于"), LS_W("优于"),
                                       LS_W("多于"), LS_W("少于"), LS_W("大于"), LS_W("小于"), LS_W_END};
/* Characters a comparison's base may hold at most: 全国平均水平, “四经普”. */
#define BASE_MAX_CHARS 10

/* The length of a comparison word at 'p' in [a, b) (比, 较, 高于 …), 0 if
 * none or if it is part of a word (比重, 占比, 较快). */
static size_t comparison_at(const ls_context *c, size_t a, size_t p, size_t b)
{
    size_t n;

    /* every comparative ends with 于 */
    if (ls_text_starts_with(c->s, p + 3, b, "于") && (n = ls_text_starts_with_any(c->s, p, b, comparatives)))
        return n;
    if (ls_text_starts_with(c->s, p, b, "比"))
        return ls_text_starts_with_any(c->s, p + 3, b, bi_after) ||
                       ls_text_ends_with_any(c->s, a, p, bi_before)
                   ? 0
                   : 3;
    if (ls_text_starts_with(c->s, p, b, "较"))
        return ls_text_starts_with_any(c->s, p + 3, b, jiao_after) ? 0 : 3;
    return 0;
}

/* Cuts the base of a comparison off the end of [a, *b): 制造业技改投资增速
 * 分别高于全国12.7个百分点, “五经普”从业人员比“四经普”增长29.8% keep what
 * stands before the comparative. Returns 0 when the phrase opens with it
 * (比上年年初预算增加1800亿元: a base, no metric). */
static int cut_comparison(const ls_context *c, size_t a, size_t *b)
{
    size_t p, n, k = *b;
    static const ls_word before_cut[] = {LS_W("分别"), LS_W("均"), LS_W("都"), LS_W("不"), LS_W_END};

    for (p = a; p < *b; p = ls_text_next(c->s, p, *b)) {
        n = comparison_at(c, a, p, *b);
        /* 达到或优于Ⅲ类水体比例: the comparative is part of the metric */
        if (n && p + n < *b && ls_text_chars(c->s, p + n, *b) <= BASE_MAX_CHARS &&
            !ls_text_ends_with(c->s, a, p, "或") && !ls_text_ends_with_any(c->s, p, *b, ratio_words) &&
            !ls_text_ends_with(c->s, p, *b, "率"))
            k = p;
    }
    if (k == *b)
        return 1;
    if (k == a)
        return 0;
    while ((n = ls_text_ends_with_any(c->s, a, k, before_cut)) && k - n > a)
        k -= n;
    *b = k;
    return 1;
}

/* True when [a, b) says nothing of its own: a verb of a level reached
 * (整合至, 跃升到, 整合为) or a word of scope or intent alone (力争). */
static int empty_phrase(const ls_context *c, size_t a, size_t b)
{
    /* no head word is longer than 4 characters */
    if (ls_text_chars_max(c->s, a, b, 5) > 4)
        return 0;
    if (ls_text_ends_with(c->s, a, b, "至") || ls_text_ends_with(c->s, a, b, "到") ||
        ls_text_ends_with(c->s, a, b, "为") ||
        starts_listed(c, LISTED(c, change_stop_after), a, b, change_stop_after) == b - a)
        return 1;
    return starts_listed(c, LISTED(c, trim_before_head), a, b, trim_before_head) == b - a;
}

/* Verbs of giving: in a phrase, what follows them is what is given (为中小
 * 微企业提供融资担保 → 融资担保). */
static const ls_word giving_verbs[] = {LS_W("提供"), LS_W("给予"), LS_W_END};

/* True when [a, b) may hold a verb of giving: it holds 供 or 予. */
static int has_giving(const ls_context *c, size_t a, size_t b)
{
    return count_word(c->s, a, b, "供") > 0 || count_word(c->s, a, b, "予") > 0;
}

/* Moves '*a' past the last verb of giving in [*a, b) that leaves 2
 * characters or more after it. */
static void cut_after_giving(const ls_context *c, size_t *a, size_t b)
{
    size_t p, n, cut = *a;

    if (!has_giving(c, *a, b))
        return;
    for (p = *a; p < b; p = ls_text_next(c->s, p, b))
        if ((n = ls_text_starts_with_any(c->s, p, b, giving_verbs)) != 0 && p > *a &&
            ls_text_chars(c->s, p + n, b) >= 2)
            cut = p + n;
    *a = cut;
}

/* The phrase before the number of 'q' in its clause; 1 if one was found.
 * '*paired' says whether 分别 stands between it and the number. */
static int metric_before(const ls_context *c, const ls_quantity *q, size_t *ms, size_t *me,
                         int *paired)
{
    size_t b = ls_text_back_spaces(c->s, c->clause_start, q->start), a, n, cut, item_max;

    /* strip comparators, linking words and change words, in any order; a
     * tail word first, so 年均 goes whole (年均增长 → 年均 → nothing), not
     * its 均 alone as a linking word */
    do {
        n = 0;
        cut = !c->metric_tails || ls_word_filter_may_end(c->metric_tails, c->s, c->clause_start, b)
                  ? ls_text_ends_with_any(c->s, c->clause_start, b, trim_before_tail)
                  : 0;
        if (!cut && (cut = year_before(c->s, c->clause_start, b)) != 0 &&
            (ls_text_ends_with(c->s, c->clause_start, b - cut, "比") ||
             ls_text_ends_with(c->s, c->clause_start, b - cut, "较")))
            cut += 3; /* 排放量比2010年分别降低5.2%: the base goes whole */
        b -= cut;
        if (!cut) {
            n = ls_classify_skip_before(c, b);
            b -= n;
        }
    } while (n || cut);
    /* 美丽河湖、美丽海湾建成率分别达到30%、50%: items of any size; so for
     * 各 (省重点实验室、省技术创新中心、省工程研究中心各20家) */
    *paired = count_word(c->s, b, q->start, "分别") > 0;
    item_max = *paired || count_word(c->s, b, q->start, "各") ? METRIC_LONG_CHARS : 0;
    a = clause_start(c, b, item_max);
    trim_head(c, &a, b);
    trim_tail(c->s, a, &b, trim_before_tail, c->metric_tails);
    if (!cut_comparison(c, a, &b) || empty_phrase(c, a, b)) {
        *ms = *me = b;
        return 0;
    }
    /* 为中小微企业提供融资担保35.35亿元: what is given, not to whom */
    cut_after_giving(c, &a, b);
    /* a long phrase: keep what follows its last 的 (…推进的项目 → 项目) */
    if (ls_text_chars(c->s, a, b) > METRIC_LONG_CHARS) {
        size_t p;
        for (p = b; p > a + 3; p = ls_text_prev(c->s, p))
            if (ls_text_starts_with(c->s, ls_text_prev(c->s, p), b, "的"))
                break;
        if (p > a + 3 && ls_text_chars(c->s, p, b) >= 2)
            a = p;
    }
    /* a list paired with figures is cut into items later, whole */
    while (ls_text_chars(c->s, a, b) > (*paired ? 2 * METRIC_MAX_CHARS : METRIC_MAX_CHARS))
        a = ls_text_next(c->s, a, b);
    *ms = a;
    *me = b;
    /* 比上年年初预算增加1800亿元: a comparison's base, not a metric (the
     * figure before lends its own); 645元/月、4318元: the denominator of the
     * figure before */
    if ((ls_text_starts_with(c->s, a, b, "比") && !ls_text_starts_with_any(c->s, a, b, ratio_words)) ||
        ls_text_starts_with(c->s, a, b, "较") || c->s[a] == '/')
        return 0;
    return ls_text_chars(c->s, a, b) >= 2;
}

/* Last characters of a phrase that measures by itself (普及率, 零售额,
 * 起数, 税收收入): the items of a list that end so share no tail. */
static const ls_word measure_ends[] = {LS_W("率"), LS_W("额"), LS_W("量"), LS_W("数"), LS_W("值"), LS_W("入"),
                                       LS_W("出"), LS_W("次"), LS_W("费"), LS_W("重"), LS_W("例"), LS_W("价"),
                                       LS_W("资"), LS_W("积"), LS_W("模"), LS_W("度"), LS_W("幅"), LS_W("速"),
                                       LS_W("润"), LS_W("比"), LS_W("营"), LS_W("收"), LS_W_END};

/* Generic measures: what they measure is named by their owner (总投资 of
 * 国网信通大数据项目, 总量 of 市场主体, 办结率 of 人大代表建议). */
static const ls_word generic_measures[] = {
    LS_W("投资"), LS_W("总投资"), LS_W("计划投资"), LS_W("投资额"), LS_W("总投资额"), LS_W("资金"),
    LS_W("投入"), LS_W("总投入"), LS_W("规模"), LS_W("总规模"), LS_W("总量"), LS_W("面积"),
    LS_W("总面积"), LS_W("建筑面积"), LS_W("占地面积"), LS_W("总数"), LS_W("总额"), LS_W("金额"),
    LS_W("总金额"), LS_W("数量"), LS_W("总数量"), LS_W("占比"), LS_W("比重"), LS_W("增速"),
    LS_W("增幅"), LS_W("增量"),
    /* rates of work done on what the figure before counts: 全年办件6109件，
     * 办结率100% */
    LS_W("办结率"), LS_W("办复率"), LS_W("完成率"), LS_W("满意率"), LS_W("覆盖率"), LS_W("合格率"),
    LS_W("达标率"), LS_W("到位率"), LS_W("兑现率"), LS_W("执行率"), LS_W("落实率"), LS_W("使用率"),
    LS_W("利用率"), LS_W("入住率"), LS_W_END};

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
    /* most metrics hold no quotation mark: “ and ” are led by 0xE2 */
    if (*me <= *ms || !memchr(s + *ms, 0xE2, *me - *ms))
        return;
    if (count_word(s, *ms, *me, "”") == 0 && count_word(s, *ms, *me, "“") == 1 &&
        ls_text_starts_with(s, *ms, *me, "“"))
        *ms += 3;
    else if (count_word(s, *ms, *me, "“") == 0 && count_word(s, *ms, *me, "”") == 1 &&
             ls_text_ends_with(s, *ms, *me, "”"))
        *me -= 3;
}

/* Nouns that end the name of a project: what follows them in an owner is
 * no part of it (巨化硅氟新材料项目|刷新我省…纪录). */
static const ls_word project_heads[] = {LS_W("项目"), LS_W("工程"), LS_W("基地"), LS_W("园区"),
                                        LS_W("综合体"), LS_W_END};

/* The owner of a generic measure named after the figure by a 的 (总投资
 * 10亿元的国网信通大数据项目, 投资2000万元以上的技改项目, 总投资2万亿元的
 * 389个省重点项目), up to the head noun of a project's name: its span in
 * [*os, *oe); 1 if there is one. */
static int owner_after(const ls_context *c, const ls_quantity *q, size_t *os, size_t *oe)
{
    size_t p = q->end, e, n;
    ls_piece piece;

    if (q->after != LS_PIECE_NONE)
        p += ls_lex_piece(c->s, p, &piece);
    if (!ls_text_starts_with(c->s, p, c->len, "的"))
        return 0;
    p = skip_count(c, p + 3);
    if (p > q->end + 6) {
        /* past a count: read from there */
        ls_quantity past = *q;
        past.end = p;
        past.after = LS_PIECE_NONE;
        if (!metric_after(c, &past, os, oe))
            return 0;
    } else if (!metric_after(c, q, os, oe)) {
        return 0;
    }
    /* the first head noun ends the name, with the heads right after it
     * (商贸综合体项目) */
    for (e = *os; e < *oe; e = ls_text_next(c->s, e, *oe))
        if ((n = ls_text_starts_with_any(c->s, e, *oe, project_heads)) != 0) {
            for (e += n; (n = ls_text_starts_with_any(c->s, e, *oe, project_heads)) != 0;)
                e += n;
            *oe = e;
            break;
        }
    return 1;
}

/* True when [a, b) is a generic measure alone (总投资, 投资, 总量; not 工业
 * 投资, 经济总量: those name their owner). */
static int generic_measure(const ls_context *c, size_t a, size_t b)
{
    return starts_listed(c, LISTED(c, generic_measures), a, b, generic_measures) == b - a &&
           b > a;
}

/* The metric of 'q', before trimming: see ls_metric_find. */
static int find_metric(const ls_context *c, const ls_quantity *q, ls_metric_found *f)
{
    int counted = q->unit_end > q->unit_start || q->scaled; /* 420万困难群众 */
    size_t bs, be, as, ae;
    int before, generic;

    /* a count or a bound before a noun: 3座在建煤矿, 3个以上省级先进制造业集群,
     * 10蒸吨及以下燃煤锅炉 (not an age or a height: 65岁以上老年人以及…) */
    if (!ls_classify_unit_in(c, q, no_after_units) && counted &&
        (q->after == LS_PIECE_NONE ||
         (ls_classify_unit_in(c, q, count_units) ? q->after != LS_PIECE_LE
                                     : q->after != LS_PIECE_APPROX && !ls_classify_unit_in(c, q, bound_units_before))) &&
        metric_after(c, q, &f->start, &f->end))
        return 1;
    before = metric_before(c, q, &bs, &be, &f->paired);
    generic = before && generic_measure(c, bs, be);
    f->start = bs;
    f->end = be;
    if (generic && owner_after(c, q, &f->owner_start, &f->owner_end))
        return 1;
    /* 投资1100万元新建污水管线 (the pipeline's 投资), 安排1100万元新建污水
     * 管线, 完成7.89亿元政府隐性债务化解目标 (what the money pays for) */
    if (q->after == LS_PIECE_NONE && weak_money_metric(c, bs, be) && metric_after(c, q, &as, &ae)) {
        if (generic) {
            f->owner_start = as;
            f->owner_end = ae;
        } else {
            f->start = as;
            f->end = ae;
        }
        return 1;
    }
    f->generic = generic;
    return before;
}

void ls_metric_stops_init(ls_word_filter *f)
{
    memset(f, 0, sizeof *f);
    ls_word_filter_add(f, list_joins);
    ls_word_filter_add(f, stop_after);
    ls_word_filter_add(f, change_stop_after);
    ls_word_filter_add(f, mid_stop_after);
}

int ls_metric_lists_init(ls_metric_lists *l)
{
    return ls_word_index_build(&l->stop_after, stop_after) &&
           ls_word_index_build(&l->change_stop_after, change_stop_after) &&
           ls_word_index_build(&l->trim_before_head, trim_before_head) &&
           ls_word_index_build(&l->generic_measures, generic_measures);
}

void ls_metric_heads_init(ls_word_filter *f)
{
    memset(f, 0, sizeof *f);
    ls_word_filter_add(f, trim_before_head);
}

void ls_metric_tails_init(ls_word_filter *f)
{
    memset(f, 0, sizeof *f);
    ls_word_filter_add_ends(f, trim_before_tail);
}

int ls_metric_find(const ls_context *c, const ls_quantity *q, ls_metric_found *f)
{
    int found;

    memset(f, 0, sizeof *f);
    found = find_metric(c, q, f);
    trim_spaces(c, &f->start, &f->end);
    if (found)
        trim_marks(c, &f->start, &f->end);
    if (f->owner_end > f->owner_start) {
        trim_spaces(c, &f->owner_start, &f->owner_end);
        trim_marks(c, &f->owner_start, &f->owner_end);
    }
    return found && ls_text_chars(c->s, f->start, f->end) >= 2;
}

/* The joins that cut a paired phrase into items: 、 when it holds one (普及
 * 率 and 及相关产业 keep their 及), else 和, 与 or 及 (城镇和农村). */
static const ls_word item_commas[] = {LS_W("、"), LS_W_END};
static const ls_word item_words[] = {LS_W("和"), LS_W("与"), LS_W("及"), LS_W_END};

/* Where the shared part of the last item [seg, b) starts, given the first
 * item [f0, f1): after the first item's last character when the last item
 * holds it (先进制造业|高技术制造业|增加值), else as many characters in as
 * the first item has (城镇|农村|居民人均可支配收入), leaving two at least
 * (黄金、白银、镍|产量); 'b' when the items are whole measures (卫生厕所普及
 * 率、生活污水治理率) or the last is no longer than the first. */
static size_t shared_start(const ls_context *c, size_t f0, size_t f1, size_t seg, size_t b)
{
    size_t first = ls_text_chars(c->s, f0, f1), last = ls_text_chars(c->s, seg, b), p, e;

    if (last <= first || ls_text_ends_with_any(c->s, f0, f1, measure_ends))
        return b;
    e = ls_text_prev(c->s, f1);
    for (p = ls_text_next(c->s, seg, b); p < b; p = ls_text_next(c->s, p, b))
        if (f1 - e == ls_text_next(c->s, p, b) - p && memcmp(c->s + p, c->s + e, f1 - e) == 0 &&
            ls_text_chars(c->s, p, b) >= 2) {
            /* “口袋公园”保有量: the quote closes the item */
            p = ls_text_next(c->s, p, b);
            return ls_text_starts_with(c->s, p, b, "”") ? p + 3 : p;
        }
    if (last - first == 1 && first >= 2)
        first--;
    for (p = seg; first > 0; first--)
        p = ls_text_next(c->s, p, b);
    return p;
}

size_t ls_metric_items(const ls_context *c, size_t a, size_t b, size_t *starts, size_t *ends,
                       size_t max, size_t *tail)
{
    size_t n = 0, p = a, seg = a, join;
    const ls_word *joins = count_word(c->s, a, b, "、") ? item_commas : item_words;

    /* cut the phrase at its joins: 城镇|农村居民人均可支配收入 */
    while (p < b && n < max) {
        join = ls_text_starts_with_any(c->s, p, b, joins);
        if (join) {
            if (ls_text_chars(c->s, seg, p) < (joins == item_words ? 2 : 1))
                return 0;
            starts[n] = seg;
            ends[n++] = p;
            p = seg = p + join;
            continue;
        }
        p = ls_text_next(c->s, p, b);
    }
    if (n == 0 || n >= max || ls_text_chars(c->s, seg, b) < (joins == item_words ? 2 : 1))
        return 0;
    starts[n] = seg;
    ends[n] = *tail = shared_start(c, starts[0], ends[0], seg, b);
    return n + 1;
}
