/*
 * test_extract.c — quantity mentions through the public API.
 *
 * A table of real snippets from the reports, each with the mentions it
 * must give (text, value, unit, kind, op, change, a piece of the metric),
 * the words no mention may touch (2022年, 十六届, 5G, “两个确立” ...) and the
 * optional ones (ranks), following ../spec/indicators.md and its conventions
 * for hard cases. Every other mention a snippet gives fails the case. Then
 * byte offsets through folding (full-width digits, BOM, Markdown bold),
 * review and plan parts, every allocation failing in turn (leaks are caught
 * by the ASan build), and pathological inputs that must not crash.
 * Usage: test_extract FIXTURES_DIR (for a snippet of datong-2023.txt).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "luoshi.h"

/* Mentions and forbidden words one snippet may list. */
#define WANT_MAX 6
#define ABSENT_MAX 6

/* Values agree when their relative difference is under this (as score.py). */
#define REL_EPS 1e-9

/* Bytes of datong-2023.txt the allocation-failure test runs on. */
#define SNIPPET_MAX 4096

/* Room for a path built from the fixtures directory. */
#define PATH_SIZE 1024

/* One expected mention. 'text' is found in the snippet after the mention
 * before it, which gives the exact [start, end). A NULL field is not
 * checked; 'change' is "null" for no change; 'max' < 0 for no range;
 * 'metric' must occur in the metric found. */
typedef struct {
    const char *text;
    double value;
    double max;
    const char *unit;
    const char *kind;
    const char *op;
    const char *change;
    const char *metric;
} want;

typedef struct {
    const char *snippet;
    want mentions[WANT_MAX];        /* ends at text NULL */
    const char *absent[ABSENT_MAX]; /* no mention may overlap these; ends at NULL */
    const char *maybe[ABSENT_MAX];  /* optional mentions (ranks): found or not, but if
                                       found, with exactly this text; ends at NULL */
} extract_case;

#define NOMAX (-1.0)

static const extract_case cases[] = {
    /* the review of last year: actual, with the metric before the number */
    {"全年原煤产量完成1.6亿吨,同比增长7%;",
     .mentions = {{"1.6亿吨", 160000000, NOMAX, "吨", "actual", "=", "null", "原煤产量"},
                  {"7%", 7, NOMAX, "%", "actual", "=", "increase", "原煤产量"}}},
    {"风电、光伏并网装机达到812.6万千瓦,占全市电力并网总装机50%,排名全省第一。",
     .mentions = {{"812.6万千瓦", 8126000, NOMAX, "千瓦", "actual", "=", "null", "并网装机"},
                  {"50%", 50, NOMAX, "%", "actual", "=", "null", "总装机"}},
     .maybe = {"一"}},
    {"空气质量综合指数3.72,同比下降3.1%、",
     .mentions = {{"3.72", 3.72, NOMAX, "", "actual", "=", "null", "空气质量综合指数"},
                  {"3.1%", 3.1, NOMAX, "%", "actual", "=", "decrease", "空气质量综合指数"}}},
    {"国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列。",
     .mentions = {{"126万亿元", 1.26e14, NOMAX, "元", "actual", ">=", "null", "国内生产总值"},
                  {"5.2%", 5.2, NOMAX, "%", "actual", "=", "increase", "国内生产总值"}}},
    {"居民消费价格上涨0.2%。",
     .mentions = {{"0.2%", 0.2, NOMAX, "%", "actual", "=", "increase", "居民消费价格"}}},
    {"发放数字消费券4830万元,拉动消费超6亿元。",
     .mentions = {{"4830万元", 48300000, NOMAX, "元", "actual", "=", "null", "数字消费券"},
                  {"6亿元", 600000000, NOMAX, "元", "actual", ">=", "null", "拉动消费"}}},
    {"缉毒量占自治区年度缉毒总量的1/4。",
     .mentions = {{"1/4", 0.25, NOMAX, "", "actual", "=", "null", "缉毒"}}},
    {"541公里长城一号旅游公路主线基本建成。",
     .mentions = {{"541公里", 541, NOMAX, "公里", "actual", "=", "null", "旅游公路"}}},
    {"京东灵丘等三个在建数据中心投产达产;",
     .mentions = {{"三个", 3, NOMAX, "个", "actual", "=", "null", "数据中心"}}},
    {"城乡常住居民人均可支配收入分别增长7%和8%左右。",
     .mentions = {{"7%", 7, NOMAX, "%", "actual", "~", "increase", "可支配收入"},
                  {"8%", 8, NOMAX, "%", "actual", "~", "increase", NULL}}},

    /* 新增 names the metric; an amount of relief is not a change */
    {"全市城镇新增就业5.21万人,农村劳动力转移就业3.18万人,",
     .mentions = {{"5.21万人", 52100, NOMAX, "人", "actual", "=", "null", "城镇新增就业"},
                  {"3.18万人", 31800, NOMAX, "人", "actual", "=", "null", "转移就业"}}},
    {"建设云中E谷(氢都一号)数据服务新基地,力争增加5000个就业岗位;",
     .mentions = {{"5000个", 5000, NOMAX, "个", "target", "=", "increase", "就业岗位"}},
     .absent = {"E"}},
    {"为各类企业退税减税降费71.92亿元,市场主体总量突破32.4万户。",
     .mentions = {{"71.92亿元", 7192000000.0, NOMAX, "元", "actual", "=", "null", "退税减税降费"},
                  {"32.4万户", 324000, NOMAX, "户", "actual", ">=", "null", "市场主体总量"}}},

    /* attributes: the size of a thing, a composite, a national list */
    {"扎实推进3个2×100万千瓦煤电“上大压小”项目,国电湖东已开工建设;",
     .mentions = {{"3个", 3, NOMAX, "个", "actual", "=", "null", "煤电“上大压小”项目"},
                  {"2×100万千瓦", 2000000, NOMAX, "千瓦", "attribute", "=", "null",
                   "煤电“上大压小”项目"}}},
    {"加快浑源150万千瓦抽水蓄能电站等4个储能续建项目建设进度,",
     .mentions = {{"150万千瓦", 1500000, NOMAX, "千瓦", "attribute", "=", "null", "抽水蓄能电站"},
                  {"4个", 4, NOMAX, "个", NULL, "=", "null", "储能续建项目"}}},
    {"加快国药威奇达抗生素产品链延伸项目、库邦生物医药年产280吨医药原料药项目建设;",
     .mentions = {{"280吨", 280, NOMAX, "吨", "attribute", "=", "null", "医药原料药"}}},
    {"成功列入全国25个重点旅游城市,",
     .mentions = {{"25个", 25, NOMAX, "个", "attribute", "=", "null", "重点旅游城市"}}},
    {"推动大怀线1000千伏特高压电力外送通道项目开工建设,",
     .mentions = {{"1000千伏", 1000, NOMAX, "千伏", "attribute", "=", "null", "特高压"}}},
    {"新柴500千伏变电站建成投运;",
     .mentions = {{"500千伏", 500, NOMAX, "千伏", "attribute", "=", "null", "变电站"}}},

    /* op: 余/多, comparators before and after the number */
    {"投入2000余万元对城区主要街道破损步道板、台阶、路边石进行修复,",
     .mentions = {{"2000余万元", 20000000, NOMAX, "元", "actual", ">=", "null", NULL}}},
    {"开展文化惠民系列演出活动80余场次。",
     .mentions = {{"80余场次", 80, NOMAX, "场次", "actual", ">=", "null", "演出活动"}}},
    {"城镇登记失业率控制在5.5%以内。",
     .mentions = {{"5.5%", 5.5, NOMAX, "%", NULL, "<=", "null", "失业率"}}},
    {"地区生产总值增长5%左右。",
     .mentions = {{"5%", 5, NOMAX, "%", NULL, "~", "increase", "地区生产总值"}}},
    {"单位国内生产总值能耗降低2.5%左右,粮食产量1.3万亿斤以上;",
     .mentions = {{"2.5%", 2.5, NOMAX, "%", NULL, "~", "decrease", "单位国内生产总值能耗"},
                  {"1.3万亿斤", 1.3e12, NOMAX, "斤", NULL, ">=", "null", "粮食产量"}}},
    {"城镇新增就业1200万人以上,",
     .mentions = {{"1200万人", 12000000, NOMAX, "人", NULL, ">=", "null", "城镇新增就业"}}},

    /* ranges */
    {"地区生产总值增长5.5%—6%，在实际工作中努力争取更好结果",
     .mentions = {{"5.5%—6%", 5.5, 6, "%", NULL, "=", "increase", "地区生产总值"}}},

    /* not quantities: years, ordinals, names, codes, slogans */
    {"2022年工作回顾", .absent = {"2022年"}},
    {"在市十六届人大三次会议上", .absent = {"十六届", "三次"}},
    {"成功举办第十八届中国呼叫中心产业发展年会。", .absent = {"十八届"}},
    {"深入贯彻党的二十大精神、二十届一中二中全会和习近平总书记考察调研山西重要讲话重要指示精神",
     .absent = {"二十大", "二十届", "一中", "二中"}},
    {"数字经济加快发展，5G用户普及率超过50%。",
     .mentions = {{"50%", 50, NOMAX, "%", "actual", ">=", "null", "5G用户普及率"}},
     .absent = {"5G"}},
    {"12345政务服务便民热线运行质量在全国312个普通地级市中排名第51位、全省排名第一,",
     .mentions = {{"312个", 312, NOMAX, "个", "attribute", "=", "null", "普通地级市"}},
     .absent = {"12345"}, .maybe = {"51位", "一"}},
    {"推动与华阳集团合作的T1000、T1100、M40X碳纤维项目开工建设;",
     .absent = {"T1000", "T1100", "M40X"}},
    {"国道109线、208线过境公路改线工程用地预审已完成;", .absent = {"109线", "208线"}},
    {"实施营商环境3.0版改革;", .absent = {"3.0版"}},
    {"推进中国－东盟自贸区3.0版谈判，", .absent = {"3.0版"}},
    {"优化12319城市管理服务热线,", .absent = {"12319"}},
    {"坚决捍卫“两个确立”、做到“两个维护”;", .absent = {"两个确立", "两个维护"}},
    {"各级政府及其工作人员要深刻领悟“两个确立”的决定性意义，增强“四个意识”、"
     "坚定“四个自信”、做到“两个维护”",
     .absent = {"两个确立", "四个意识", "四个自信", "两个维护"}},
    {"要认真编制“十三五”规划，充分利用国家和自治区优先支持政策", .absent = {"十三五"}},
    {"大同职业学院、互联网职业技术学院成功列入我省“十四五”高校设置规划;", .absent = {"十四五"}},
    {"深入实施“七五”普法。", .absent = {"七五"}},
    {"云冈、恒山、古城、长城和平型关“4+1”龙头景区提档升级,", .absent = {"4+1"}},
    {"严格落实中央八项规定及其实施细则精神。", .absent = {"八项规定"}},
    {"全力推动秦准5期、7期、8期和中联2期项目投产达产;", .absent = {"5期", "7期", "8期", "2期"}},
    {"学前教育、“双减”工作、高中育人质量位居全省前列,深入推进“三医联动”改革,",
     .absent = {"双减", "三医联动"}},
};

/* Kind and metric decided by the sentence (issue 11): a mention 'text' of
 * 'snippet' (the first after the text of the entry before in the same
 * snippet is not needed: 'text' is unique there, or 'nth' picks one) must
 * have 'kind', a metric equal to 'metric' when given, and a metric without
 * 'not_in_metric' when given. The snippets are real; where one needs a
 * heading to stand in a part, the heading is the report's own. */
typedef struct {
    const char *snippet;
    const char *text;
    int nth;                   /* 0: the first occurrence of 'text', 1: the second … */
    const char *kind;          /* NULL: not checked */
    const char *metric;        /* NULL: not checked */
    const char *not_in_metric; /* NULL: not checked */
} sentence_case;

static const sentence_case sentence_cases[] = {
    /* a count or a share with 以上 before a noun counts it, it names no class */
    {"培育10个以上省级数据产业集群，打造10个以上行业高质量数据集", "10个", 0, "actual",
     "省级数据产业集群", NULL},
    {"建成5G基站8.99万个、覆盖95%以上行政村。", "95%", 0, "actual", NULL, NULL},
    /* a threshold before 的 and a noun names a class; not before a goal */
    {"推动大宗货物年运量150万吨以上的物流园区、工矿企业、港口码头接入铁路专用线", "150万吨", 0,
     "attribute", NULL, NULL},
    {"城镇新增就业45万人以上的目标，体现了就业优先的政策导向", "45万人", 0, "actual", NULL, NULL},
    /* a baseline is an attribute, its new level is not; both measure the subject */
    {"高校毕业生留皖率从67.6%提高到70%，城市高质量发展呈现新气象。", "67.6%", 0, "attribute",
     "高校毕业生留皖率", NULL},
    {"高校毕业生留皖率从67.6%提高到70%，城市高质量发展呈现新气象。", "70%", 0, "actual",
     "高校毕业生留皖率", NULL},
    {"开发区和工业园区由162个整合为123个，供应工业“标准地”2.4万亩。", "162个", 0, "attribute",
     "开发区和工业园区", NULL},
    {"开发区和工业园区由162个整合为123个，供应工业“标准地”2.4万亩。", "123个", 0, "actual",
     "开发区和工业园区", NULL},
    /* 由 after the figure makes no baseline */
    {"超80%的省科技攻坚项目、资金、研发投入由企业承担，", "80%", 0, "actual", NULL, NULL},
    /* a capacity before a measure noun is an amount */
    {"抓好新建煤矿投产，新增千万吨产能。", "千万吨", 0, "actual", NULL, NULL},
    {"完成2100万千瓦火电机组、2812万吨钢铁产能、395台燃煤锅炉超低排放改造，", "2812万吨", 0,
     "actual", NULL, NULL},
    /* a set given to work on is an attribute; what is done with it is not */
    {"聚焦13个产业集群，细分培育30条以上产业链，布局一批产业集聚区", "13个", 0, "attribute",
     NULL, NULL},
    {"聚焦13个产业集群，细分培育30条以上产业链，布局一批产业集聚区", "30条", 0, "actual",
     "产业链", NULL},
    /* 力争 and a deadline make a target in a part that says nothing */
    {"力争到2030年，全市地区生产总值迈上4万亿元新台阶，人均地区生产总值达到14万元，", "4万亿元",
     0, "target", "地区生产总值", NULL},
    /* 将 before a noun is 把: no intent */
    {"将8个公司运营的16支省级政府投资基金整合为产业、科创2支基金，", "16支", 0, "actual", NULL,
     NULL},
    /* a deadline of the report's year or later makes a target in the review;
     * the level reached at a past year's end does not */
    {"一、2025年主要工作和“十四五”发展成就\n"
     "到2030年，我省经济实力、科技实力、综合竞争力大幅跃升，人均地区生产总值接近发达经济体水平，"
     "全社会研发投入强度达到3.5%以上，\n三、2026年重点工作\n",
     "3.5%", 0, "target", "全社会研发投入强度", NULL},
    {"一、2025年主要工作和“十四五”发展成就\n"
     "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元、实现万亿级跃升，\n"
     "三、2026年重点工作\n",
     "4.93万亿元", 0, "actual", "生产总值", NULL},
    /* a plan sentence that recalls last year tells results; the year's own
     * figures stay targets */
    {"三、2022年政府工作任务\n去年新增减税降费超过1万亿元，还对制造业中小微企业、煤电和供热企业"
     "实施阶段性缓缴税费。今年赤字率拟按2.8%左右安排、比去年有所下调。\n",
     "1万亿元", 0, "actual", NULL, NULL},
    {"三、2022年政府工作任务\n去年新增减税降费超过1万亿元，还对制造业中小微企业、煤电和供热企业"
     "实施阶段性缓缴税费。今年赤字率拟按2.8%左右安排、比去年有所下调。\n",
     "2.8%", 0, "target", "赤字率", "拟按"},
    /* 分别 pairs items and figures in order */
    {"城镇和农村常住居民人均可支配收入分别增长3.9%和5.7%", "3.9%", 0, NULL,
     "城镇常住居民人均可支配收入", NULL},
    {"城镇和农村常住居民人均可支配收入分别增长3.9%和5.7%", "5.7%", 0, NULL,
     "农村常住居民人均可支配收入", NULL},
    {"美丽河湖、美丽海湾建成率分别达到30%、50%。", "50%", 0, NULL, "美丽海湾建成率", NULL},
    /* one figure for all the items: the list stays whole */
    {"国家现代农业产业园、优势特色产业集群、地理标志保护示范区分别增加2个", "2个", 0, NULL,
     "国家现代农业产业园、优势特色产业集群、地理标志保护示范区", NULL},
    /* a generic measure takes its owner: named after 的, or the figure before */
    {"总投资410亿元的巨化硅氟新材料项目刷新我省单体工业项目投资纪录", "410亿元", 0, NULL,
     "巨化硅氟新材料项目总投资", NULL},
    {"大抓项目稳投资，抓好总投资2万亿元的389个省重点项目，", "2万亿元", 0, NULL,
     "省重点项目总投资", NULL},
    {"新增境内上市公司62家，总数186家、从全国第9位升至第7位。", "186家", 0, NULL,
     "新增境内上市公司总数", NULL},
    /* not a generic measure: 工业投资 names its owner */
    {"工业投资增长6.1%。", "6.1%", 0, NULL, "工业投资", NULL},
    /* a list of short items stays whole; a list of verb phrases does not */
    {"新建、改造供热、供水、燃气、排污管网279.2公里。", "279.2公里", 0, NULL,
     "供热、供水、燃气、排污管网", NULL},
    /* frames and comparison bases are no metric */
    {"人民币存款、贷款余额连跨4个万亿元台阶、双双突破9万亿元。", "4个", 0, NULL, NULL, "台阶"},
    {"人民币存款、贷款余额连跨4个万亿元台阶、双双突破9万亿元。", "9万亿元", 0, NULL, NULL, "双双"},
    {"工业技改投资、制造业技改投资增速分别高于全国12.7个、12个百分点。", "12个百分点", 0, NULL,
     NULL, "高于全国"},
    {"“五经普”二三产业法人单位从业人员比“四经普”增长29.8%、居全国第1位，", "29.8%", 0, NULL,
     "“五经普”二三产业法人单位从业人员", NULL},
    {"到2017年底前实现农村贫困人口96户、183人全部稳定脱贫。", "96户", 0, NULL, "农村贫困人口",
     NULL},
    /* a one-character head word is not cut from a word it begins */
    {"有效发明专利比2020年增长58.1%。", "58.1%", 0, NULL, "有效发明专利", NULL},
};

/* True when 'a' and 'b' are equal up to REL_EPS of the larger. */
static int near(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

    return a == b || fabs(a - b) <= REL_EPS * scale;
}

/* The name of a change, "null" for none. */
static const char *change_text(ls_change change)
{
    const char *name = ls_change_name(change);

    return name ? name : "null";
}

/* Prints mention 'm' of 'doc' after 'label'. */
static void print_mention(const char *label, const ls_doc *doc, const ls_mention *m)
{
    const char *text = ls_doc_text(doc, NULL);

    print_error("    %s [%zu, %zu) \"%.*s\" value %.17g%s unit \"%s\" kind %s op %s change %s "
                "metric \"%s\"\n",
                label, m->start, m->end, (int)(m->end - m->start), text + m->start, m->value,
                m->has_max ? " (range)" : "", m->unit, ls_kind_name(m->kind), ls_op_name(m->op),
                change_text(m->change), m->metric);
}

/* What is wrong with mention 'm' against 'w' at [start, end), or NULL. */
static const char *compare(const want *w, size_t start, size_t end, const ls_mention *m)
{
    if (m->start != start || m->end != end)
        return "wrong [start, end)";
    if (!near(m->value, w->value))
        return "wrong value";
    if (w->max >= 0 ? !m->has_max || !near(m->value_max, w->max) : m->has_max)
        return "wrong value_max";
    if (w->unit && strcmp(m->unit, w->unit) != 0)
        return "wrong unit";
    if (w->kind && strcmp(ls_kind_name(m->kind), w->kind) != 0)
        return "wrong kind";
    if (w->op && strcmp(ls_op_name(m->op), w->op) != 0)
        return "wrong op";
    if (w->change && strcmp(change_text(m->change), w->change) != 0)
        return "wrong change";
    if (w->metric && !strstr(m->metric, w->metric))
        return "metric lacks the expected words";
    return NULL;
}

/* Extracts from 'len' bytes at 'bytes' into a new document, which must
 * succeed. */
static ls_doc *extract(const char *bytes, size_t len)
{
    ls_doc *doc = NULL;
    ls_error err;

    assert_int_equal(ls_doc_new(bytes, len, &doc, &err), LS_OK);
    assert_int_equal(ls_doc_extract(doc, &err), LS_OK);
    return doc;
}

/* True when mention 'm' overlaps an occurrence of 'word' in 'text'; with
 * 'exact', when it covers one exactly. */
static int on_word(const char *text, const char *word, const ls_mention *m, int exact)
{
    const char *p = text;
    size_t n = strlen(word);

    while ((p = strstr(p, word)) != NULL) {
        size_t a = (size_t)(p - text);
        if (exact ? m->start == a && m->end == a + n : m->start < a + n && a < m->end)
            return 1;
        p += n;
    }
    return 0;
}

/* True when mention 'm' is one of the optional mentions of 'c'. */
static int is_maybe(const extract_case *c, const ls_mention *m)
{
    size_t i;

    for (i = 0; i < ABSENT_MAX && c->maybe[i]; i++)
        if (on_word(c->snippet, c->maybe[i], m, 1))
            return 1;
    return 0;
}

/* Checks the mentions of 'doc' against those 'c' lists, in order, leaving
 * out the optional ones; prints every difference and returns their number. */
static int check_wanted(const extract_case *c, const ls_doc *doc)
{
    size_t count = ls_doc_mention_count(doc), i = 0, j = 0, from = 0, start;
    const ls_mention *m;
    const char *p, *why;
    int bad = 0;

    for (;;) {
        const want *w = i < WANT_MAX && c->mentions[i].text ? &c->mentions[i] : NULL;
        while (j < count && is_maybe(c, ls_doc_mention(doc, j)))
            j++;
        m = j < count ? ls_doc_mention(doc, j) : NULL;
        if (!w && !m)
            break;
        if (!w) {
            print_error("%s\n  a mention not in the table:\n", c->snippet);
            print_mention("got", doc, m);
            bad++;
            j++;
            continue;
        }
        p = strstr(c->snippet + from, w->text);
        assert_non_null(p); /* the table itself is wrong otherwise */
        start = (size_t)(p - c->snippet);
        from = start + strlen(w->text);
        why = m ? compare(w, start, from, m) : "missing";
        if (why) {
            print_error("%s\n  mention %zu \"%s\": %s\n", c->snippet, i, w->text, why);
            if (m)
                print_mention("got", doc, m);
            bad++;
        }
        i++;
        j++;
    }
    return bad;
}

/* Checks the case 'c'; prints every difference and returns the number of
 * failures. */
static int check_case(const extract_case *c)
{
    ls_doc *doc = extract(c->snippet, strlen(c->snippet));
    size_t count = ls_doc_mention_count(doc), i, j;
    int bad = check_wanted(c, doc);

    for (i = 0; i < ABSENT_MAX && c->absent[i]; i++) {
        for (j = 0; j < count; j++) {
            if (on_word(c->snippet, c->absent[i], ls_doc_mention(doc, j), 0)) {
                print_error("%s\n  \"%s\" is not a quantity, but:\n", c->snippet, c->absent[i]);
                print_mention("got", doc, ls_doc_mention(doc, j));
                bad++;
            }
        }
    }
    for (j = 0; j < count; j++) {
        const ls_mention *m = ls_doc_mention(doc, j);
        for (i = 0; i < ABSENT_MAX && c->maybe[i]; i++) {
            if (on_word(c->snippet, c->maybe[i], m, 0) && !is_maybe(c, m)) {
                print_error("%s\n  an optional mention must be \"%s\" exactly:\n", c->snippet,
                            c->maybe[i]);
                print_mention("got", doc, m);
                bad++;
            }
        }
    }
    ls_doc_free(doc);
    return bad;
}

static void test_snippets(void **state)
{
    size_t i;
    int bad = 0;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        bad += check_case(&cases[i]);
    assert_int_equal(bad, 0);
}

/* Full-width digits and point are folded for reading, but the offsets point
 * into the text as read: 原煤产量 is 12 bytes, １．６亿吨 15. */
static void test_full_width(void **state)
{
    const char *s = "原煤产量１．６亿吨，同比增长７％。";
    ls_doc *doc = extract(s, strlen(s));
    const ls_mention *m;

    (void)state;
    assert_int_equal(ls_doc_mention_count(doc), 2);
    m = ls_doc_mention(doc, 0);
    assert_int_equal(m->start, 12);
    assert_int_equal(m->end, 27);
    assert_true(near(m->value, 160000000));
    assert_string_equal(m->unit, "吨");
    assert_non_null(strstr(m->metric, "原煤产量"));
    m = ls_doc_mention(doc, 1);
    /* ，同比增长 is 15 bytes, ７％ 6 */
    assert_int_equal(m->start, 42);
    assert_int_equal(m->end, 48);
    assert_true(near(m->value, 7));
    assert_string_equal(m->unit, "%"); /* the unit folded to half-width */
    assert_int_equal(m->change, LS_CHANGE_INCREASE);
    ls_doc_free(doc);
}

/* A UTF-8 BOM stays in the text, so offsets count its 3 bytes. */
static void test_bom(void **state)
{
    const char *s = "\xEF\xBB\xBF全年原煤产量完成1.6亿吨。";
    ls_doc *doc = extract(s, strlen(s));
    const ls_mention *m;

    (void)state;
    assert_int_equal(ls_doc_encoding(doc), LS_ENC_UTF8_BOM);
    assert_int_equal(ls_doc_mention_count(doc), 1);
    m = ls_doc_mention(doc, 0);
    assert_int_equal(m->start, 3 + strlen("全年原煤产量完成"));
    assert_int_equal(m->end, 3 + strlen("全年原煤产量完成1.6亿吨"));
    assert_non_null(strstr(m->metric, "原煤产量"));
    ls_doc_free(doc);
}

/* Markdown bold is markup: offsets still count the ** bytes, and no * gets
 * into a metric or stops a figure from being read. */
static void test_markdown_bold(void **state)
{
    const char *s = "**做大数字产业。**全力推动京东灵丘等三个在建数据中心投产达产;"
                    "**全年原煤产量完成1.6亿吨。**";
    ls_doc *doc = extract(s, strlen(s));
    const ls_mention *m;

    (void)state;
    assert_int_equal(ls_doc_mention_count(doc), 2);
    m = ls_doc_mention(doc, 0);
    assert_int_equal(m->start, (size_t)(strstr(s, "三个") - s));
    assert_int_equal(m->end, m->start + strlen("三个"));
    assert_non_null(strstr(m->metric, "数据中心"));
    m = ls_doc_mention(doc, 1);
    assert_int_equal(m->start, (size_t)(strstr(s, "1.6亿吨") - s));
    assert_int_equal(m->end, m->start + strlen("1.6亿吨"));
    assert_non_null(strstr(m->metric, "原煤产量"));
    assert_null(strchr(m->metric, '*'));
    ls_doc_free(doc);
}

/* The same figure is actual in the review and target after the heading
 * line that opens the plan (2023年工作任务). */
static void test_parts(void **state)
{
    const char *s = "2022年工作回顾\n\n一年来,全年原煤产量完成1.6亿吨,同比增长7%。\n\n"
                    "2023年工作任务\n\n做强能源产业。煤炭产量稳定在1.6亿吨以上;"
                    "大力推动16个风电、光伏续建新建项目建设。\n";
    ls_doc *doc = extract(s, strlen(s));
    static const char *const kinds[] = {"actual", "actual", "target", "target"};
    size_t i;

    (void)state;
    assert_int_equal(ls_doc_mention_count(doc), 4);
    for (i = 0; i < 4; i++) {
        const ls_mention *m = ls_doc_mention(doc, i);
        if (strcmp(ls_kind_name(m->kind), kinds[i]) != 0) {
            print_mention("wrong kind:", doc, m);
            fail();
        }
    }
    assert_int_equal(ls_doc_mention(doc, 2)->op, LS_OP_GE);
    ls_doc_free(doc);
}

/* The mention of 'doc' that covers the 'nth' occurrence of 'text' in
 * 'snippet' exactly, or NULL. */
static const ls_mention *mention_at(const ls_doc *doc, const char *snippet, const char *text,
                                    int nth)
{
    const char *p = snippet;
    size_t i, start;

    for (p = strstr(p, text); p && nth > 0; nth--)
        p = strstr(p + 1, text);
    assert_non_null(p); /* the table itself is wrong otherwise */
    start = (size_t)(p - snippet);
    for (i = 0; i < ls_doc_mention_count(doc); i++) {
        const ls_mention *m = ls_doc_mention(doc, i);
        if (m->start == start && m->end == start + strlen(text))
            return m;
    }
    return NULL;
}

/* Checks one entry of sentence_cases; prints what is wrong and returns 1,
 * or returns 0. */
static int check_sentence_case(const sentence_case *c)
{
    ls_doc *doc = extract(c->snippet, strlen(c->snippet));
    const ls_mention *m = mention_at(doc, c->snippet, c->text, c->nth);
    const char *why = NULL;

    if (!m)
        why = "no such mention";
    else if (c->kind && strcmp(ls_kind_name(m->kind), c->kind) != 0)
        why = "wrong kind";
    else if (c->metric && strcmp(m->metric, c->metric) != 0)
        why = "wrong metric";
    else if (c->not_in_metric && strstr(m->metric, c->not_in_metric))
        why = "a word the metric must not hold";
    if (why) {
        print_error("%s\n  \"%s\": %s\n", c->snippet, c->text, why);
        if (m)
            print_mention("got", doc, m);
    }
    ls_doc_free(doc);
    return why != NULL;
}

/* Kind and metric from the sentence: the table sentence_cases. */
static void test_sentence_rules(void **state)
{
    size_t i;
    int bad = 0;

    (void)state;
    for (i = 0; i < sizeof sentence_cases / sizeof sentence_cases[0]; i++)
        bad += check_sentence_case(&sentence_cases[i]);
    assert_int_equal(bad, 0);
}

/* The text as read comes back, and each mention's bytes are its text. */
static void test_text(void **state)
{
    const char *s = "发放城镇住房租赁家庭租赁补助15053户。";
    ls_doc *doc = extract(s, strlen(s));
    size_t len = 0;

    (void)state;
    assert_string_equal(ls_doc_text(doc, &len), s);
    assert_int_equal(len, strlen(s));
    assert_int_equal(ls_doc_mention_count(doc), 1);
    assert_null(ls_doc_mention(doc, 1));
    assert_int_equal(ls_doc_extract(doc, NULL), LS_OK); /* a second call does nothing */
    assert_int_equal(ls_doc_mention_count(doc), 1);
    ls_doc_free(doc);
    ls_doc_free(NULL);
}

/* ---- every allocation failing in turn ---------------------------------- */

/* The first few KB of datong-2023.txt, cut after a line end; 'dir' is the
 * fixtures directory. Returns a buffer the caller frees. */
static char *read_snippet(const char *dir, size_t *len)
{
    char path[PATH_SIZE];
    char *buf = malloc(SNIPPET_MAX);
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "%s/datong-2023.txt", dir);
    f = fopen(path, "rb");
    if (!f)
        print_error("cannot open %s\n", path);
    assert_non_null(f);
    assert_non_null(buf);
    n = fread(buf, 1, SNIPPET_MAX, f);
    fclose(f);
    while (n > 0 && buf[n - 1] != '\n')
        n--;
    assert_true(n > 1000);
    *len = n;
    return buf;
}

static const ls_format formats[] = {LS_FMT_JSONL, LS_FMT_JSON, LS_FMT_CSV, LS_FMT_TABLE};
#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

/* One run of the whole pipeline; returns 1 when every step succeeded. Each
 * step must succeed or fail with LS_ENOMEM; a step that succeeds must give
 * what a run without failures gives ('expect_count' mentions, and for each
 * format the text in 'outs'), so no failure passes silently. When 'outs[i]'
 * is NULL, the output of format i is stored there instead (the caller
 * frees it). */
static int run_pipeline(const char *bytes, size_t len, size_t expect_count, char **outs)
{
    ls_doc *doc = NULL;
    ls_error err;
    ls_status st;
    size_t i, out_len;
    int ok = 0, same;

    st = ls_doc_new(bytes, len, &doc, &err);
    assert_true(st == LS_OK || st == LS_ENOMEM);
    if (st != LS_OK) {
        assert_null(doc);
        assert_int_equal(err.code, LS_ENOMEM);
        return 0;
    }
    st = ls_doc_extract(doc, &err);
    assert_true(st == LS_OK || st == LS_ENOMEM);
    if (st != LS_OK) {
        assert_int_equal(err.code, LS_ENOMEM);
        goto done;
    }
    assert_int_equal(ls_doc_mention_count(doc), expect_count);
    for (i = 0; i < FORMAT_COUNT; i++) {
        char *out = NULL;
        st = ls_mentions_write(doc, formats[i], "datong-2023.txt", LS_WRITE_WHOLE | LS_WRITE_FILE,
                               1, &out, &out_len, &err);
        assert_true(st == LS_OK || st == LS_ENOMEM);
        if (st != LS_OK) {
            assert_null(out);
            assert_int_equal(err.code, LS_ENOMEM);
            goto done;
        }
        assert_int_equal(out_len, strlen(out));
        if (!outs[i]) {
            outs[i] = out;
            continue;
        }
        same = strcmp(out, outs[i]) == 0;
        ls_free(out);
        if (!same)
            print_error("format %zu: output differs from a run without failures\n", i);
        assert_true(same);
    }
    ok = 1;
done:
    ls_doc_free(doc);
    return ok;
}

static void test_alloc_failure(void **state)
{
    const char *dir = (const char *)*state;
    size_t len, count, i;
    char *bytes = read_snippet(dir, &len), *outs[FORMAT_COUNT] = {0};
    ls_doc *doc = extract(bytes, len);
    long n;

    count = ls_doc_mention_count(doc);
    assert_true(count > 5);
    ls_doc_free(doc);
    assert_int_equal(run_pipeline(bytes, len, count, outs), 1);
    for (n = 0;; n++) {
        int ok;
        assert_true(n < 1000000); /* a run must succeed once allocations stop failing */
        ls_alloc_fail_after(n);
        ok = run_pipeline(bytes, len, count, outs);
        ls_alloc_fail_after(-1);
        if (ok)
            break;
    }
    print_message("allocation failure test: %ld runs, each failing one more allocation\n", n);
    for (i = 0; i < FORMAT_COUNT; i++)
        ls_free(outs[i]);
    free(bytes);
}

/* ---- pathological inputs ----------------------------------------------- */

/* Repeats 'unit' 'times' times, after 'head' and before 'tail', into a new
 * buffer; '*len' gets its length. */
static char *repeat(const char *head, const char *unit, size_t times, const char *tail, size_t *len)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail), i;
    char *buf = malloc(h + u * times + t + 1);

    assert_non_null(buf);
    memcpy(buf, head, h);
    for (i = 0; i < times; i++)
        memcpy(buf + h + i * u, unit, u);
    memcpy(buf + h + u * times, tail, t + 1);
    *len = h + u * times + t;
    return buf;
}

/* Extracts from 'unit' repeated 'times' times between 'head' and 'tail',
 * and checks the result is sane: the calls succeed, mentions lie in text
 * order inside the text with finite values, there are no more than
 * 'max_count' of them, and every output format writes. Prints what is
 * wrong and returns 1 when something is. */
static int check_sane(const char *head, const char *unit, size_t times, const char *tail,
                      size_t max_count)
{
    size_t len, count = 0, i, prev_end = 0, out_len;
    char *buf = repeat(head, unit, times, tail, &len), *out = NULL;
    ls_doc *doc = NULL;
    ls_status st;
    const char *why = NULL;

    if ((st = ls_doc_new(buf, len, &doc, NULL)) != LS_OK ||
        (st = ls_doc_extract(doc, NULL)) != LS_OK) {
        why = ls_status_str(st);
        goto done;
    }
    count = ls_doc_mention_count(doc);
    if (count > max_count)
        why = "too many mentions";
    for (i = 0; i < count && !why; i++) {
        const ls_mention *m = ls_doc_mention(doc, i);
        if (!(m->start < m->end && m->end <= len && m->start >= prev_end))
            why = "a mention out of place";
        else if (!isfinite(m->value) || (m->has_max && !isfinite(m->value_max)))
            why = "a value that is not finite";
        prev_end = m->end;
    }
    for (i = 0; i < FORMAT_COUNT && !why; i++) {
        st = ls_mentions_write(doc, formats[i], NULL, LS_WRITE_WHOLE, 1, &out, &out_len, NULL);
        if (st != LS_OK)
            why = ls_status_str(st);
        ls_free(out);
    }
done:
    if (why)
        print_error("\"%s\" + %zu x \"%s\" + \"%s\": %s (%zu mentions, at most %zu wanted)\n", head,
                    times, unit, tail, why, count, max_count);
    ls_doc_free(doc);
    free(buf);
    return why != NULL;
}

#define MEGABYTE (1u << 20)

static void test_pathological(void **state)
{
    int bad = 0;

    (void)state;
    /* 1 MB of digits: one numeral with no unit is no mention */
    bad += check_sane("", "1", MEGABYTE, "", 0);
    bad += check_sane("", "1,000", MEGABYTE / 5, "", 0);
    bad += check_sane("", "1.", MEGABYTE / 2, "", MEGABYTE / 2);
    /* ... and with a unit after it: a value too large to be finite must not
     * become a mention of value inf (nor an "out of memory" when written) */
    bad += check_sane("投资", "9", MEGABYTE, "万元。", 1);
    bad += check_sane("", "１", MEGABYTE / 3, "％", 1);
    /* 1 MB of 一: not one number */
    bad += check_sane("", "一", MEGABYTE / 3, "", 0);
    bad += check_sane("", "一", MEGABYTE / 3, "个", 1);
    /* 10 000 numbering marks, alone and as heading lines */
    bad += check_sane("", "（一）", 10000, "", 0);
    bad += check_sane("", "（一）加快发展\n", 10000, "", 0);
    /* 100 000 % signs, bold markers, and many figures in one sentence */
    bad += check_sane("", "%", 100000, "", 0);
    bad += check_sane("", "**", 100000, "", 0);
    bad += check_sane("增长", "7%、", 10000, "。", 10000);
    assert_int_equal(bad, 0);
}

/* The fixtures directory, from the command line. */
static const char *fixtures_dir;

static int setup_fixtures(void **state)
{
    *state = (void *)fixtures_dir;
    return fixtures_dir ? 0 : -1;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snippets),
        cmocka_unit_test(test_full_width),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_markdown_bold),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_sentence_rules),
        cmocka_unit_test(test_text),
        cmocka_unit_test_setup(test_alloc_failure, setup_fixtures),
        cmocka_unit_test(test_pathological),
    };

    if (argc > 1)
        fixtures_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
