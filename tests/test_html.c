/*
 * test_html.c — report pages saved from government websites (src/html.c).
 *
 * Detection on a table of starts of files, HTML and not. Then the two pages
 * made by tools/make_html_fixture.py from corpus reports: every non-empty
 * line of datong-2023.txt must come out of datong-2023.html as a line, in
 * order, with nothing of the menu, breadcrumb, share bar, related links,
 * footer or scripts, and its bold leads as **...**; the GBK page of the
 * Hailaer report must decode, whatever label it is read with. A table of
 * snippets pins down the text rules (entities, whitespace, lines, bold,
 * titles), and malformed pages, garbage and every allocation failing in
 * turn must give text or a clean error (leaks: run the ASan build).
 * Usage: test_html FIXTURES_DIR
 */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "alloc.h"
#include "html.h"
#include "luoshi.h"

/* Room for a path built from the fixtures directory. */
#define PATH_SIZE 1024

/* The lines of hailaer-2019.txt that hailaer-2019.html holds. */
#define HAILAER_LINES 34

#define NO_TEXT "no article text found in HTML page"

/* The fixtures directory, from the command line. */
static const char *fixtures_dir;

/* ---- helpers ------------------------------------------------------------- */

/* Reads fixture 'name' into a new NUL-terminated buffer (free with free());
 * '*len' gets its length. */
/* A file of the fixtures directory (fixture.c). */
static char *read_fixture(const char *name, size_t *len)
{
    return ls_test_fixture(fixtures_dir, name, len);
}

/* A copy of 's' without its ** markers (free with free()). */
static char *strip_bold(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;

    assert_non_null(out);
    while (*s) {
        if (s[0] == '*' && s[1] == '*')
            s += 2;
        else
            *o++ = *s++;
    }
    *o = '\0';
    return out;
}

/* A copy of 's' without ** markers, with spaces, U+00A0 and U+3000 trimmed
 * at both ends and runs of them inside made one ASCII space. */
static char *normalize(const char *s)
{
    char *bare = strip_bold(s), *out = malloc(strlen(s) + 1), *o = out;
    const char *p = bare;
    int space = 0;

    assert_non_null(out);
    while (*p) {
        size_t w = *p == ' ' || *p == '\t' || *p == '\r' ? 1
                   : strncmp(p, "\xC2\xA0", 2) == 0      ? 2
                   : strncmp(p, "\xE3\x80\x80", 3) == 0  ? 3
                                                         : 0;
        if (w) {
            space = 1;
            p += w;
            continue;
        }
        if (space && o > out)
            *o++ = ' ';
        space = 0;
        *o++ = *p++;
    }
    *o = '\0';
    free(bare);
    return out;
}

/* Checks what ls_html_extract promises of 'text' ('len' bytes): NUL at
 * 'len', valid UTF-8, no control character but '\n', lines ended by '\n',
 * none empty, none starting or ending with a space. */
static void check_sane(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, line_start = 0;

    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    assert_true(len > 0 && text[len - 1] == '\n');
    while (i < len) {
        unsigned c = s[i];
        size_t n = c < 0x80                 ? 1
                   : c >= 0xC2 && c <= 0xDF ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
        size_t k;
        if (n == 0 || i + n > len)
            fail_msg("invalid UTF-8 at byte %zu", i);
        for (k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                fail_msg("invalid UTF-8 at byte %zu", i);
        if (c < 0x20 && c != '\n')
            fail_msg("control character %u at byte %zu", c, i);
        if (c == '\n') {
            if (i == line_start)
                fail_msg("empty line at byte %zu", i);
            if (s[line_start] == ' ' || s[i - 1] == ' ')
                fail_msg("line at byte %zu starts or ends with a space", line_start);
            line_start = i + 1;
        }
        i += n;
    }
}

/* Extracts 'len' bytes of 'html' read as 'encoding', which must succeed
 * with sane text; returns it (free with ls_free). */
static char *extract(const char *html, size_t len, const char *encoding)
{
    char *text = NULL;
    size_t text_len = 0;
    ls_error err;
    ls_status st = ls_html_extract(html, len, encoding, &text, &text_len, &err);

    if (st != LS_OK)
        fail_msg("ls_html_extract: %s: %s", ls_status_str(st), err.message);
    check_sane(text, text_len);
    return text;
}

/* Splits a copy of 'text' into its lines: '*count' of them in a new array
 * (free the array and '*copy' with free()). */
static char **split_lines(const char *text, size_t *count, char **copy)
{
    size_t n = 0, cap = 16;
    char **lines = malloc(cap * sizeof *lines), *p, *nl;

    *copy = strip_bold(text);
    assert_non_null(lines);
    for (p = *copy; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        if (!nl)
            nl = p + strlen(p);
        if (n == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
            assert_non_null(lines);
        }
        lines[n++] = p;
        if (!*nl)
            break;
        *nl = '\0';
    }
    *count = n;
    return lines;
}

/* Checks that each of the first 'max_lines' non-empty lines of 'report'
 * (normalized) is a line of 'text' (normalized), in order, naming the
 * first that is not. Returns how many were found. */
static size_t check_lines_in_order(const char *report, size_t max_lines, const char *text,
                                   const char *name)
{
    char *copy, *rcopy;
    size_t count, rcount, i, j = 0, found = 0;
    char **lines = split_lines(text, &count, &copy),
         **rlines = split_lines(report, &rcount, &rcopy);

    for (i = 0; i < rcount && i < max_lines; i++) {
        char *want = normalize(rlines[i]);
        if (*want) {
            for (; j < count; j++) {
                char *got = normalize(lines[j]);
                int same = strcmp(got, want) == 0;
                free(got);
                if (same)
                    break;
            }
            if (j == count)
                fail_msg("%s line %zu not in the extracted text (in order): %.60s", name, i + 1,
                         want);
            j++;
            found++;
        }
        free(want);
    }
    free(lines);
    free(rlines);
    free(copy);
    free(rcopy);
    return found;
}

/* The number of lines of 'text'. */
static size_t line_count(const char *text)
{
    size_t n = 0;

    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Converts 'len' bytes at 's' from 'from' to 'to' with iconv into a new
 * buffer (free with free()); '*out_len' gets its length. */
static char *convert(const char *s, size_t len, const char *from, const char *to, size_t *out_len)
{
    iconv_t cd = iconv_open(to, from);
    size_t cap = len * 2 + 16, in_left = len, out_left = cap;
    char *out = malloc(cap), *in = (char *)s, *o = out;

    assert_true(cd != (iconv_t)-1);
    assert_non_null(out);
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *out_len = (size_t)(o - out);
    return out;
}

/* Checks that none of the 'count' strings 'absent' (which the report
 * 'txt' must not hold either, or the check proves nothing) is in 'text'. */
static void check_absent(const char *text, const char *txt, const char *const *absent, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        if (strstr(txt, absent[i]))
            fail_msg("\"%s\" is in the report itself: pick another word", absent[i]);
        if (strstr(text, absent[i]))
            fail_msg("\"%s\" is not article text", absent[i]);
    }
}

/* ---- detection ----------------------------------------------------------- */

typedef struct {
    const char *start;
    int html;
} detect_case;

static void test_detect(void **state)
{
    static const detect_case cases[] = {
        {"<!DOCTYPE html>\n<html lang=\"zh-CN\">", 1},
        {"<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">", 1},
        {"\xEF\xBB\xBF<html>", 1},
        {"  \r\n\t<HTML xmlns=\"http://www.w3.org/1999/xhtml\">", 1},
        {"<head><meta charset=\"utf-8\">", 1},
        {"<body topmargin=0>", 1},
        {"<!-- saved from url=(0042)http://www.gov.cn/zhengce/2024-03/12/ -->\n<html>", 1},
        {"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html><html>", 1},
        {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", 1},
        {"<div class=\"TRS_Editor\"><p>一年来，我们坚持能源主导</p></div>", 1},
        {"<p>一年来，我们坚持能源主导</p>", 1},
        {"<link rel=\"stylesheet\" href=\"a.css\">\n<title>政府工作报告</title>", 1},
        {"<script src=\"a.js\"></script><div id=\"zoom\">", 1},
        /* text, even with tags in it, is not HTML */
        {"", 0},
        {"政府工作报告\n", 0},
        {"\xEF\xBB\xBF政府工作报告\n<p>", 0},
        {"一年来，我们坚持<p>能源主导</p>", 0},
        {"**2022年工作回顾**\n", 0},
        {"<<政府工作报告>>\n", 0},
        {"<pre>一年来</pre>", 0},
        {"<span>一年来</span>", 0},
        {"<!-- only a comment -->", 0},
        {"<?xml version=\"1.0\"?><report><line>一年来</line></report>", 0},
        {"1. <div>", 0},
    };
    size_t i;
    char *far;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (ls_html_detect(cases[i].start, strlen(cases[i].start)) != cases[i].html)
            fail_msg("detect \"%s\": want %d", cases[i].start, cases[i].html);
    /* a <div> past the first 1 KB is not looked at */
    far = malloc(2048);
    assert_non_null(far);
    memset(far, ' ', 2048);
    memcpy(far, "<span>", 6);
    memcpy(far + 1500, "<div>", 5);
    assert_false(ls_html_detect(far, 2048));
    memcpy(far + 500, "<div>", 5);
    assert_true(ls_html_detect(far, 2048));
    assert_false(ls_html_detect(far, 0));
    free(far);
}

/* ---- the Datong page ----------------------------------------------------- */

/* Text of the page around the article, none of which may come out. */
static const char *const datong_absent[] = {
    "网站地图", "ICP备",    "公网安备",  "var ",
    "function", "document", "分享到",    "微信",
    "首页",     "当前位置", "发布时间",  "来源：",
    "打印本页", "关闭窗口", "相关链接",  "2022年大同市政府工作报告",
    "主办：",   "搜索",     "字号",      "要闻动态",
    "hm.baidu", "{",        "Microsoft", "今天是",
};

static void test_datong(void **state)
{
    size_t len, txt_len, found;
    char *html = read_fixture("datong-2023.html", &len);
    char *txt = read_fixture("datong-2023.txt", &txt_len);
    char *text = extract(html, len, NULL), *again;
    const char *p, *q;

    (void)state;
    /* the <h1> before the article is the first line */
    assert_memory_equal(text, "2023年大同市政府工作报告\n", strlen("2023年大同市政府工作报告\n"));
    /* every line of the report, in order, and nothing else but the title */
    found = check_lines_in_order(txt, (size_t)-1, text, "datong-2023.txt");
    assert_int_equal(line_count(text), found + 1);
    check_absent(text, txt, datong_absent, sizeof datong_absent / sizeof datong_absent[0]);
    assert_non_null(strstr(text, "\n一年来,我们坚持能源主导、数字先行,工业经济实现稳中向好。"));
    assert_non_null(strstr(text, "\n政府\n自身\n建设\n"));
    assert_int_equal(
        strcmp(text + strlen(text) - strlen("\n政府\n自身\n建设\n"), "\n政府\n自身\n建设\n"), 0);
    /* the bold leads of the report come out as its ** markup, the plain
     * first lead of a paragraph stays plain */
    for (p = strstr(txt, "**"); p; p = strstr(q + 2, "**")) {
        char lead[256];
        q = strstr(p + 2, "**");
        assert_non_null(q);
        assert_true((size_t)(q + 2 - p) < sizeof lead);
        memcpy(lead, p, (size_t)(q + 2 - p));
        lead[q + 2 - p] = '\0';
        if (!strstr(text, lead))
            fail_msg("bold lead %s not marked", lead);
    }
    assert_non_null(strstr(text, "\n做强能源产业。煤炭方面"));
    assert_non_null(strstr(text, "。**做大数字产业。**"));
    /* a line break between two ideographs in the source is no space */
    assert_null(strstr(text, "\n "));
    /* decoded already: the same text */
    again = extract(html, len, "UTF-8");
    assert_string_equal(again, text);
    ls_free(again);
    ls_free(text);
    free(html);
    free(txt);
}

/* ---- the GBK page -------------------------------------------------------- */

static const char *const hailaer_absent[] = {
    "ICP备", "打印本页", "您现在的位置", "政府文件", "浏览次数", "fontZoom",
    "1024",  "首 页",    "版权所有",     "发布日期", "财政信息", "font-size",
};

static void test_gbk(void **state)
{
    static const char *const labels[] = {"GBK", "gb2312", "GB18030", "x-gbk"};
    size_t len, txt_len, utf8_len, i;
    char *html = read_fixture("hailaer-2019.html", &len);
    char *txt = read_fixture("hailaer-2019.txt", &txt_len);
    char *text = extract(html, len, NULL), *other, *utf8;

    (void)state;
    /* the bytes are GBK: not one ideograph of them is UTF-8 */
    assert_null(strstr(html, "政府"));
    assert_memory_equal(text, "2019年海拉尔区政府工作报告\n",
                        strlen("2019年海拉尔区政府工作报告\n"));
    check_lines_in_order(txt, HAILAER_LINES, text, "hailaer-2019.txt");
    assert_non_null(strstr(text, "\n**政 府 工 作 报 告**\n"));
    assert_non_null(strstr(text, "\n（一）三大攻坚战强力突破。"));
    assert_non_null(strstr(text, "\n各位代表！这些成绩的取得"));
    check_absent(text, txt, hailaer_absent, sizeof hailaer_absent / sizeof hailaer_absent[0]);
    /* any label of the GB family reads it the same */
    for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        other = extract(html, len, labels[i]);
        assert_string_equal(other, text);
        ls_free(other);
    }
    /* decoded to UTF-8 by the caller, the page still says charset=gbk: the
     * caller's "UTF-8" wins */
    utf8 = convert(html, len, "GBK", "UTF-8", &utf8_len);
    other = extract(utf8, utf8_len, "UTF-8");
    assert_string_equal(other, text);
    ls_free(other);
    free(utf8);
    ls_free(text);
    free(html);
    free(txt);
}

/* A page labelled gb2312 holding a GBK-only character (镕, E9 46), as
 * browsers read it; and one with no label at all, not UTF-8. */
static void test_gb_labels(void **state)
{
    static const char labelled[] = "<html><head><meta charset=\"gb2312\"></head><body><p>"
                                   "\xD2\xBB\xC4\xEA\xC0\xB4\xA3\xAC\xCE\xD2\xC3\xC7\xE9\x46"
                                   "</p></body></html>";
    static const char unlabelled[] = "<html><body><p>"
                                     "\xD2\xBB\xC4\xEA\xC0\xB4\xA3\xAC\xCE\xD2\xC3\xC7"
                                     "</p></body></html>";
    char *text;

    (void)state;
    text = extract(labelled, sizeof labelled - 1, NULL);
    assert_string_equal(text, "一年来，我们镕\n");
    ls_free(text);
    text = extract(unlabelled, sizeof unlabelled - 1, NULL);
    assert_string_equal(text, "一年来，我们\n");
    ls_free(text);
}

/* ---- the text rules ------------------------------------------------------ */

typedef struct {
    const char *html;
    const char *text; /* what comes out; NULL: LS_EINVAL */
} snippet_case;

static void test_snippets(void **state)
{
    static const snippet_case cases[] = {
        /* entities */
        {"<p>A&amp;B &lt;C&gt; &ldquo;两山&rdquo;&#12290;&#x3002;&nbsp;X</p>",
         "A&B <C> “两山”。。 X\n"},
        /* whitespace collapses; a source line break between ideographs vanishes */
        {"<p>  一年来，\n   我们坚持\t 能源主导。  </p>", "一年来，我们坚持 能源主导。\n"},
        {"<p>Hello\n  world, again</p>", "Hello world, again\n"},
        {"<p>　　国务院总理　李强　</p>", "国务院总理　李强\n"},
        {"<p>一年来<!-- 注释 -->，我们<span>坚持</span><font color=red>能源</font>主导。</p>",
         "一年来，我们坚持能源主导。\n"},
        /* blocks and <br> end lines; no empty lines */
        {"<div>一年来，我们坚持。<br>二是，文旅融合。<br><br><div>三是，特优农业。</div>"
         "四是，深化改革。</div>",
         "一年来，我们坚持。\n二是，文旅融合。\n三是，特优农业。\n四是，深化改革。\n"},
        {"<table><tr><td>地区生产总值，增长</td><td>5%，左右</td></tr>"
         "<tr><th>粮食，产量</th></tr></table>",
         "地区生产总值，增长\n5%，左右\n粮食，产量\n"},
        {"<ul><li>建设高标准农田，21.7万亩；</li><li>新发展有机旱作农业，50万亩。</li></ul>",
         "建设高标准农田，21.7万亩；\n新发展有机旱作农业，50万亩。\n"},
        /* bold leads: at the start of a paragraph, or after a sentence */
        {"<p>　　<strong>（一）加大宏观调控力度。</strong>外部环境复杂严峻，国内经济恢复。</p>",
         "**（一）加大宏观调控力度。**外部环境复杂严峻，国内经济恢复。\n"},
        {"<p>做强能源产业。煤炭方面，推动。<b>做大数字产业。</b>加快建设。</p>",
         "做强能源产业。煤炭方面，推动。**做大数字产业。**加快建设。\n"},
        {"<p>我们要，<strong>坚决</strong>打赢攻坚战。</p>", "我们要，坚决打赢攻坚战。\n"},
        {"<p><strong><b>一、总体要求</b></strong>，坚持稳中求进。</p>",
         "**一、总体要求**，坚持稳中求进。\n"},
        {"<p><strong>政府<br>自身<br>建设</strong></p>", "政府\n自身\n建设\n"},
        {"<p><b>一、</b><b>总体要求</b><b>。</b>坚持稳中求进，<b>一是</b> <b>稳增长</b>。</p>",
         "**一、总体要求。**坚持稳中求进，一是 稳增长。\n"},
        {"<p><strong> </strong>一年来，我们。</p>", "一年来，我们。\n"},
        {"<p><strong>　2022年工作回顾 </strong></p>", "**2022年工作回顾**\n"},
        /* no text from scripts, styles, hidden elements, form controls */
        {"<div><script>var a = 1;</script><style>p { color: red; }</style>"
         "<p style=\"display: none\">隐藏，文字。</p><p hidden>隐藏，二。</p>"
         "<p>一年来，我们坚持。</p><noscript>请启用，脚本。</noscript>"
         "<select><option>选项，一</option></select><button>提交，按钮</button></div>",
         "一年来，我们坚持。\n"},
        /* the title: an <h1> before the article, else <title> without the site
         * name, and never twice */
        {"<html><head><title>报告_网站</title></head><body><div class=\"nav\"><a>首页</a>"
         "<a>要闻</a></div><h1>2023年政府工作报告</h1><div class=\"content\">"
         "<p>一年来，我们坚持能源主导。</p><p>二是，文旅融合。</p></div>"
         "<div class=\"footer\">版权所有 ICP备</div></body></html>",
         "2023年政府工作报告\n一年来，我们坚持能源主导。\n二是，文旅融合。\n"},
        {"<html><head><title>2023年政府工作报告_政府工作报告_大同市人民政府</title></head>"
         "<body><div class=\"header\"><h1 class=\"logo\"><a href=\"/\">大同市人民政府</a></h1>"
         "</div><div class=\"content\"><p>一年来，我们坚持能源主导。</p></div></body></html>",
         "2023年政府工作报告\n一年来，我们坚持能源主导。\n"},
        {"<html><head><title>政府工作报告 - 中国政府网</title></head><body>"
         "<div id=\"UCAP-CONTENT\"><p>政府工作报告</p><p>各位代表：现在，我代表国务院。</p>"
         "</div></body></html>",
         "政府工作报告\n各位代表：现在，我代表国务院。\n"},
        {"<html><head><title>报告</title></head><body><div class=\"TRS_Editor\">"
         "<h1>2023年政府工作报告</h1><p>一年来，我们坚持能源主导。</p></div></body></html>",
         "2023年政府工作报告\n一年来，我们坚持能源主导。\n"},
        /* share bars and related links inside the article container are left out */
        {"<div class=\"content\"><p>一年来，我们坚持能源主导。</p><p>二是，文旅融合。</p>"
         "<div class=\"share\">分享到：<a>微信</a><a>微博</a></div>"
         "<div class=\"related\"><a>2022年，政府工作报告</a></div></div>",
         "一年来，我们坚持能源主导。\n二是，文旅融合。\n"},
        /* a wrong hint around all the text: read without hints */
        {"<div class=\"bottom-wrap\"><p>一年来，我们坚持能源主导。</p></div>",
         "一年来，我们坚持能源主导。\n"},
        /* the article beats the menu, although the menu has more characters */
        {"<div><ul><li><a>首页</a></li><li><a>政务公开</a></li><li><a>政务服务</a></li>"
         "<li><a>政民互动</a></li><li><a>走进大同</a></li></ul></div>"
         "<div><p>一年来，我们坚持能源主导。</p></div>",
         "一年来，我们坚持能源主导。\n"},
        /* nothing to read */
        {"<html><body><div><a href=\"/\">首页</a><a href=\"/a\">要闻</a></div></body></html>",
         NULL},
        {"<html><head><title>政府工作报告</title><script>var a = \"一年来，我们。\";</script>"
         "</head><body><img src=\"a.png\"></body></html>",
         NULL},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = NULL;
        size_t len = 1;
        ls_error err;
        ls_status st =
            ls_html_extract(cases[i].html, strlen(cases[i].html), "UTF-8", &text, &len, &err);
        if (!cases[i].text) {
            if (st != LS_EINVAL || text || len != 0 || strcmp(err.message, NO_TEXT) != 0)
                fail_msg("case %zu: want LS_EINVAL, got %s (%s)", i, ls_status_str(st),
                         text ? text : err.message);
            continue;
        }
        if (st != LS_OK)
            fail_msg("case %zu: %s: %s", i, ls_status_str(st), err.message);
        check_sane(text, len);
        if (strcmp(text, cases[i].text) != 0)
            fail_msg("case %zu: %s\n  want \"%s\"\n  got  \"%s\"", i, cases[i].html, cases[i].text,
                     text);
        ls_free(text);
    }
}

/* ---- malformed pages ----------------------------------------------------- */

/* A tiny deterministic generator (a 64-bit LCG), so failures reproduce. */
static uint64_t rng_state;

static unsigned rng(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)(rng_state >> 33);
}

/* Extracts the 'len' bytes at 'html' read as 'encoding': it must give sane
 * text or a clean LS_EINVAL. Returns 1 for text. */
static int text_or_einval(const char *html, size_t len, const char *encoding, const char *what)
{
    char *text = NULL;
    size_t text_len = 1;
    ls_error err;
    ls_status st = ls_html_extract(html, len, encoding, &text, &text_len, &err);

    if (st == LS_EINVAL) {
        if (text || text_len || strcmp(err.message, NO_TEXT) != 0)
            fail_msg("%s: unclean LS_EINVAL: %s", what, err.message);
        return 0;
    }
    if (st != LS_OK)
        fail_msg("%s: %s: %s", what, ls_status_str(st), err.message);
    check_sane(text, text_len);
    ls_free(text);
    return 1;
}

/* 'head', 'unit' 'times' times, 'tail', in a new buffer (free()); '*len'. */
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

/* 'head', 'unit' 'times' times, 'tail' must give text ('want' 1) or a
 * clean LS_EINVAL ('want' 0), or either ('want' -1). */
static void check_repeat(const char *head, const char *unit, size_t times, const char *tail,
                         int want)
{
    size_t len;
    char *buf = repeat(head, unit, times, tail, &len), what[128];
    int got;

    snprintf(what, sizeof what, "%.20s + %zu x %.20s", head, times, unit);
    got = text_or_einval(buf, len, NULL, what);
    if (want >= 0 && got != want)
        fail_msg("%s: want %s", what, want ? "text" : "LS_EINVAL");
    free(buf);
}

/* Pieces of HTML that random pages are made of. */
static const char *const soup[] = {
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<p class=\"content\">",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<strong>",
    "</strong>",
    "<b>",
    "<a href=\"#\">",
    "</a>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?php ",
    "?>",
    "一年来，",
    "我们坚持能源主导。",
    "&nbsp;",
    "&#12290;",
    "&#xD800;",
    "&#0;",
    "&bogus;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "\xE3\x80\x80",
    "\xFF",
    "\xC0\x80",
    "\xED\xA0\x80",
    "<div class=\"nav\">",
    "<h1>",
    "</h1>",
    "<title>",
    "</title>",
    "<meta charset=\"gbk\">",
    "<li>",
    "<ul>",
    "<svg>",
    "<math>",
    "<select>",
    "<template>",
    "<iframe>",
    "<noscript>",
};

static void test_malformed(void **state)
{
    static const char *const pages[] = {
        "<html>",
        "<html><body></body></html>",
        "<html><body><p>一年来，我们坚持<div><p>二是<table><tr><td>三是，",
        "</p></div></body></html><p>一年来，我们。",
        "<p <p <p>>>一年来，我们。<<<</p",
        "<html><body><p>一年来，<b><i><u>我们</b></i></u>坚持。</p>",
        "<html><body><table><p>一年来，我们。</td></tr><tr>二是，文旅。</table>",
        ("<!DOCTYPE html><html><head><title>无正文</title><script>var a = 1;</script></head>"
         "<body><div><img src=\"a.png\"></div></body></html>"),
        "<!-- 一年来，我们坚持。 -->",
        "<html><body><p>&#0;&#1;&#xD800;&#x110000;&#55296;一年来，我们。</p></body></html>",
        "<html><body><p title=\"一年来，我们\"></p></body></html>",
        "<html><frameset><frame src=\"a.html\"></frameset></html>",
    };
    char *buf;
    size_t i, len, n;

    (void)state;
    /* no input at all */
    assert_int_equal(text_or_einval("", 0, NULL, "empty"), 0);
    assert_int_equal(text_or_einval(NULL, 0, NULL, "NULL"), 0);
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
        text_or_einval(pages[i], strlen(pages[i]), NULL, pages[i]);
    /* a page with no text is a clean LS_EINVAL */
    assert_int_equal(text_or_einval(pages[7], strlen(pages[7]), NULL, "no text"), 0);
    assert_int_equal(text_or_einval(pages[2], strlen(pages[2]), NULL, "unclosed"), 1);
    /* 10 000 nested divs, with the text under them or above them */
    check_repeat("<html><body>", "<div>", 10000, "<p>一年来，我们坚持能源主导。</p>", -1);
    check_repeat("<html><body><p>一年来，我们坚持能源主导。</p>", "<div>", 10000, "", 1);
    check_repeat("<p>一年来，我们。</p>", "<div><span><b><table><tr><td><ul><li>", 10000, "", 1);
    check_repeat("<p>一年来，", "<strong>我们，", 10000, "。", 1);
    check_repeat("<html><body>", "</div></p></td>", 10000, "<p>一年来，我们。</p>", 1);
    /* a megabyte of paragraphs; of links only; of one attribute */
    check_repeat("<html><body><div>", "<p>一年来，我们坚持能源主导。</p>\n", 30000, "</div>", 1);
    check_repeat("<html><body>", "<a href=\"/\">首页</a>", 50000, "", 0);
    check_repeat("<div class=\"", "a", 1000000, "\"><p>一年来，我们。</p></div>", 1);
    check_repeat("<p>", "\xE3\x80\x80 \n\xC2\xA0", 100000, "一年来，我们。</p>", 1);
    /* NUL bytes inside the page */
    {
        static const char nul[] = "<html><body><p>一年来\0，我们。</p><p>二是，\0文旅。</p>";
        text_or_einval(nul, sizeof nul - 1, NULL, "NUL bytes");
        text_or_einval(nul, sizeof nul - 1, "UTF-8", "NUL bytes as UTF-8");
    }
    /* binary garbage after <html>, read as sniffed, as UTF-8 and as GBK */
    n = 65536;
    buf = malloc(n);
    assert_non_null(buf);
    for (rng_state = 1; rng_state < 16;) {
        uint64_t seed = rng_state;
        memcpy(buf, "<html><body><p>一年来，", strlen("<html><body><p>一年来，"));
        for (i = strlen("<html><body><p>一年来，"); i < n; i++)
            buf[i] = (char)(rng() & 0xFF);
        text_or_einval(buf, n, NULL, "garbage");
        text_or_einval(buf, n, "UTF-8", "garbage as UTF-8");
        text_or_einval(buf, n, "GBK", "garbage as GBK");
        text_or_einval(buf, n, "Big5", "garbage as Big5");
        rng_state = seed + 1;
    }
    /* random tag soup */
    for (rng_state = 42, i = 0; i < 300; i++) {
        size_t pieces = rng() % 400;
        len = 0;
        for (; pieces > 0; pieces--) {
            const char *piece = soup[rng() % (sizeof soup / sizeof soup[0])];
            size_t pl = strlen(piece);
            if (len + pl >= n)
                break;
            memcpy(buf + len, piece, pl);
            len += pl;
        }
        text_or_einval(buf, len, i % 2 ? NULL : "UTF-8", "soup");
    }
    free(buf);
}

/* ---- allocation failures ------------------------------------------------- */

/* Extracts 'html' while the allocations after the first 'n' fail: the call
 * gives LS_OK or LS_ENOMEM, and nothing on failure. Returns the text
 * (ls_free) or NULL after LS_ENOMEM. */
static char *extract_failing(const char *html, size_t len, const char *encoding, long n)
{
    char *text = NULL;
    size_t text_len = 1;
    ls_error err;
    ls_status st;

    ls_alloc_fail_after(n);
    st = ls_html_extract(html, len, encoding, &text, &text_len, &err);
    ls_alloc_fail_after(-1);
    if (st == LS_ENOMEM) {
        assert_null(text);
        assert_int_equal(text_len, 0);
        assert_int_equal(err.code, LS_ENOMEM);
        return NULL;
    }
    if (st != LS_OK)
        fail_msg("allocation %ld failing: %s: %s", n, ls_status_str(st), err.message);
    return text;
}

/* Fails each allocation of extracting fixture 'name' in turn, until one run
 * needs no more; that run gives the text a run without failures gives. */
static void fail_each_allocation(const char *name, const char *encoding)
{
    size_t len;
    char *html = read_fixture(name, &len), *expect = extract(html, len, encoding), *got = NULL;
    long n;

    for (n = 0; !got; n++) {
        assert_true(n < 100000);
        got = extract_failing(html, len, encoding, n);
    }
    assert_string_equal(got, expect);
    print_message("%s: %ld allocations failed in turn\n", name, n - 1);
    ls_free(got);
    ls_free(expect);
    free(html);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    fail_each_allocation("datong-2023.html", NULL);
    fail_each_allocation("hailaer-2019.html", NULL);
}

static int setup_fixtures(void **state)
{
    (void)state;
    return fixtures_dir ? 0 : -1;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test_setup(test_datong, setup_fixtures),
        cmocka_unit_test_setup(test_gbk, setup_fixtures),
        cmocka_unit_test(test_gb_labels),
        cmocka_unit_test(test_snippets),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test_setup(test_alloc_failure, setup_fixtures),
    };

    if (argc > 1)
        fixtures_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
