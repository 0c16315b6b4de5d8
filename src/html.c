/*
 * html.c — the article text of a report page saved from a government website.
 *
 * Parses the page with libxml2's HTML parser, scores every element by the
 * text under it (readability-style: lines holding sentences count for it,
 * link text and menu-like lines against it, class/id hints such as
 * TRS_Editor or footer tip the balance), and writes the text of the best
 * one, one paragraph a line, after the <h1> that precedes it. It does not
 * decode bytes to UTF-8 for the pipeline or fold them (input.c does), nor
 * find headings (the outline stage reads the `**` it writes). Invariant:
 * every walk over the tree is iterative, following parent and next links,
 * so nesting depth costs no stack, and visits each node once.
 */
#include "html.h"

#include <assert.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "xml_api.h"

/* How far ls_html_detect and the charset prescan look, as browsers do. */
#define PRESCAN_BYTES 1024

/* libxml2 reads HTML with these: recover from anything, report nothing, and
 * never fetch a DTD or entity from the network. */
#define PARSE_OPTIONS                                                                              \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET)

/* The weight of a character in a score: an ideograph (or any character from
 * U+2E80 on) says more than a Latin letter or digit. */
#define WEIGHT_WIDE 4
#define WEIGHT_NARROW 1
#define WIDE_FIRST 0x2E80

/* A positive class/id hint multiplies a candidate's score by 5/4. */
#define HINT_BONUS_DIV 4

/* A noisy element inside the article (a share bar, a footer) is written only
 * when it holds at least 1/NOISE_KEEP_DIV of the article's sentence text;
 * as it is mostly left out, it counts only 1/NOISE_COST_DIV against the
 * element around it (a share bar must not make the article lose to its
 * longest paragraph). */
#define NOISE_KEEP_DIV 4
#define NOISE_COST_DIV 4

/* A title is at most 200 ideographs; its first 4 KB of body text are searched
 * for a copy of it. */
#define TITLE_WEIGHT_MAX (200 * WEIGHT_WIDE)
#define TITLE_SEARCH_BYTES 4096

/* Bytes of a class, id or style attribute that are looked at. */
#define ATTR_SCAN_MAX 256

/* Room for a charset label such as "gb_2312-80". */
#define LABEL_SIZE 32

/* Ideographic spaces kept inside a line (U+3000 U+3000 indents a paragraph;
 * more is layout). */
#define WIDE_SPACES_MAX 2

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD, for a byte that is not UTF-8 */

/* ---- tags --------------------------------------------------------------- */

/* What an element is to the extractor. */
enum {
    TAG_BLOCK = 1u << 0, /* ends a line before and after */
    TAG_BREAK = 1u << 1, /* br, hr: ends a line */
    TAG_DROP = 1u << 2,  /* script, style, form controls: no text at all */
    TAG_NOISE = 1u << 3, /* nav, footer, aside, menu: text against the article */
    TAG_BOLD = 1u << 4,  /* strong, b: may be written **like this** */
    TAG_LINK = 1u << 5,  /* a: link text */
    TAG_PARA = 1u << 6,  /* p, h1-h6: a short line without a sentence is neutral */
    TAG_H1 = 1u << 7     /* the page's title, when it precedes the article */
};

typedef struct {
    const char *name;
    unsigned flags;
} tag_info;

/* Sorted by name (strcmp) for bsearch; a tag not listed is inline text. */
static const tag_info tags[] = {
    {"a", TAG_LINK},
    {"address", TAG_BLOCK},
    {"applet", TAG_DROP},
    {"area", TAG_DROP},
    {"article", TAG_BLOCK},
    {"aside", TAG_BLOCK | TAG_NOISE},
    {"audio", TAG_DROP},
    {"b", TAG_BOLD},
    {"blockquote", TAG_BLOCK},
    {"body", TAG_BLOCK},
    {"br", TAG_BREAK},
    {"button", TAG_DROP},
    {"canvas", TAG_DROP},
    {"caption", TAG_BLOCK},
    {"center", TAG_BLOCK},
    {"dd", TAG_BLOCK},
    {"details", TAG_BLOCK},
    {"dialog", TAG_BLOCK},
    {"dir", TAG_BLOCK},
    {"div", TAG_BLOCK},
    {"dl", TAG_BLOCK},
    {"dt", TAG_BLOCK},
    {"embed", TAG_DROP},
    {"fieldset", TAG_BLOCK},
    {"figcaption", TAG_BLOCK},
    {"figure", TAG_BLOCK},
    {"footer", TAG_BLOCK | TAG_NOISE},
    {"form", TAG_BLOCK},
    {"frame", TAG_DROP},
    {"frameset", TAG_DROP},
    {"h1", TAG_BLOCK | TAG_PARA | TAG_H1},
    {"h2", TAG_BLOCK | TAG_PARA},
    {"h3", TAG_BLOCK | TAG_PARA},
    {"h4", TAG_BLOCK | TAG_PARA},
    {"h5", TAG_BLOCK | TAG_PARA},
    {"h6", TAG_BLOCK | TAG_PARA},
    {"head", TAG_BLOCK},
    {"header", TAG_BLOCK},
    {"hgroup", TAG_BLOCK},
    {"hr", TAG_BREAK},
    {"html", TAG_BLOCK},
    {"iframe", TAG_DROP},
    {"input", TAG_DROP},
    {"li", TAG_BLOCK},
    {"main", TAG_BLOCK},
    {"map", TAG_DROP},
    {"math", TAG_DROP},
    {"menu", TAG_BLOCK | TAG_NOISE},
    {"nav", TAG_BLOCK | TAG_NOISE},
    {"noframes", TAG_DROP},
    {"noscript", TAG_DROP},
    {"object", TAG_DROP},
    {"ol", TAG_BLOCK},
    {"option", TAG_DROP},
    {"p", TAG_BLOCK | TAG_PARA},
    {"pre", TAG_BLOCK},
    {"script", TAG_DROP},
    {"section", TAG_BLOCK},
    {"select", TAG_DROP},
    {"strong", TAG_BOLD},
    {"style", TAG_DROP},
    {"summary", TAG_BLOCK},
    {"svg", TAG_DROP},
    {"table", TAG_BLOCK},
    {"tbody", TAG_BLOCK},
    {"td", TAG_BLOCK},
    {"template", TAG_DROP},
    {"textarea", TAG_DROP},
    {"tfoot", TAG_BLOCK},
    {"th", TAG_BLOCK},
    {"thead", TAG_BLOCK},
    {"title", TAG_DROP},
    {"tr", TAG_BLOCK},
    {"ul", TAG_BLOCK},
    {"video", TAG_DROP},
};

/* Class and id words that mark the article, or what is around it, on
 * Chinese government sites (pinyin too: zhengwen 正文, weizhi 位置, xglj
 * 相关链接). Matched as lower-case substrings; an element matching both
 * kinds is neutral. */
static const char *const hints_for[] = {
    "article", "content",    "detail",   "entry", "main",
    "text",    "trs_editor", "zhengwen", "zoom",  "zwnr",
};
static const char *const hints_against[] = {
    "banner",   "bottom",  "breadcrumb", "comment",  "copyright", "crumb",    "dqwz",
    "fenxiang", "foot",    "friend",     "header",   "link",      "location", "login",
    "logo",     "menu",    "nav",        "position", "print",     "related",  "search",
    "share",    "sidebar", "tool",       "weizhi",   "xglj",      "xgwz",
};
static const char *const hints_title[] = {"biaoti", "title"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const tag_info *)elem)->name);
}

/* The TAG_* flags of the element named 'name' (libxml2 lower-cases HTML
 * names); 0 for inline and unknown tags. */
static unsigned tag_flags(const xmlChar *name)
{
    const tag_info *t;

    if (!name)
        return 0;
    t = bsearch(name, tags, COUNT(tags), sizeof tags[0], tag_cmp);
    return t ? t->flags : 0;
}

/* ---- UTF-8 -------------------------------------------------------------- */

/* Reads one code point of the 'n' bytes at 's' into '*cp' and returns the
 * bytes it takes (n > 0), or -1 when 's' does not start a valid character:
 * a continuation or invalid lead byte, a truncated sequence, an overlong
 * form, a surrogate, or a code point over U+10FFFF. */
static int next_char(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    int len, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* C0 and C1 would be overlong; F5 and up are over U+10FFFF */
    if (c < 0xC2 || c > 0xF4)
        return -1;
    len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n < (size_t)len)
        return -1;
    *cp = c & (0x7F >> len);
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    /* E0 and F0 can still be overlong; ED can encode surrogates; F4 can
     * go past U+10FFFF */
    if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10FFFF)) ||
        (*cp >= 0xD800 && *cp <= 0xDFFF))
        return -1;
    return len;
}

/* Whether the 'n' bytes at 's' are all valid UTF-8. */
static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;
    int len;

    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        len = next_char(s + i, n - i, &cp);
        if (len < 0)
            return 0;
        i += (size_t)len;
    }
    return 1;
}

/* Whether 'cp' is East Asian wide (ideographs, kana, CJK punctuation,
 * full-width forms), between two of which a line break in the source is no
 * space (CSS Text 3, segment break transformation). Hangul is not, there. */
static int is_wide(uint32_t cp)
{
    return (cp >= WIDE_FIRST && cp <= 0xA4CF && cp != 0x303F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Whether 'cp' ends a sentence, so that bold text after it opens one: 。！？；. */
static int is_sentence_end(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' || cp == '?' ||
           cp == ';';
}

/* Whether 'cp' marks a sentence or a list inside one: ，。；！？、 and , ; —
 * what body text has and a menu, a date line or a copyright line has not. */
static int is_sentence_mark(uint32_t cp)
{
    return cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F ||
           cp == 0x3001 || cp == ',' || cp == ';';
}

/* ---- detection and encoding --------------------------------------------- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether the bytes from 'p' to 'end' start with 'word' in any case. */
static int starts_ci(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word), i;

    if ((size_t)(end - p) < n)
        return 0;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)p[i]) != word[i])
            return 0;
    return 1;
}

/* Whether a start tag '<name' begins at 'p': the name in any case, then
 * whitespace, '>' or '/'. */
static int is_tag_at(const char *p, const char *end, const char *name)
{
    size_t n = strlen(name);

    if (end - p < (ptrdiff_t)n + 2 || p[0] != '<' || !starts_ci(p + 1, end, name))
        return 0;
    return is_space((unsigned char)p[n + 1]) || p[n + 1] == '>' || p[n + 1] == '/';
}

/* The byte just past the first 'close' at or after 'p' (the end of a
 * comment or a declaration), or 'end' when there is none before it. */
static const char *skip_past(const char *p, const char *end, const char *close)
{
    size_t n = strlen(close);

    for (; end - p >= (ptrdiff_t)n; p++)
        if (memcmp(p, close, n) == 0)
            return p + n;
    return end;
}

/* Skips whitespace, comments and <?...?> declarations from 'p'. */
static const char *skip_prolog(const char *p, const char *end)
{
    for (;;) {
        while (p < end && is_space((unsigned char)*p))
            p++;
        if (starts_ci(p, end, "<!--"))
            p = skip_past(p + 4, end, "-->");
        else if (starts_ci(p, end, "<?"))
            p = skip_past(p + 2, end, "?>");
        else
            return p;
    }
}

int ls_html_detect(const char *bytes, size_t len)
{
    const char *p = bytes, *end, *q;
    static const char *const first[] = {"html", "head", "body"};
    static const char *const within[] = {"meta", "title", "div", "p"};
    size_t i;

    if (!bytes)
        return 0;
    end = bytes + (len < PRESCAN_BYTES ? len : PRESCAN_BYTES);
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    p = skip_prolog(p, end);
    /* text reports never start with '<'; a page always does */
    if (p == end || *p != '<')
        return 0;
    if (starts_ci(p, end, "<!doctype html"))
        return 1;
    for (i = 0; i < COUNT(first); i++)
        if (is_tag_at(p, end, first[i]))
            return 1;
    /* a fragment saved without <html>: some tag a page has near its top */
    for (q = p; q < end; q++)
        for (i = 0; *q == '<' && i < COUNT(within); i++)
            if (is_tag_at(q, end, within[i]))
                return 1;
    return 0;
}

/* Finds "charset" '=' LABEL in the 'len' bytes at 's' (a <meta charset> or
 * an http-equiv content type) and copies LABEL, lower-cased, to 'label'
 * ('size' bytes). Returns 0 when there is none. */
static int find_charset(const char *s, size_t len, char *label, size_t size)
{
    const char *p = s, *end = s + len;
    size_t n;

    for (; p < end; p++) {
        if (!starts_ci(p, end, "charset"))
            continue;
        p += strlen("charset");
        while (p < end && is_space((unsigned char)*p))
            p++;
        if (p == end || *p != '=')
            continue;
        p++;
        while (p < end && (is_space((unsigned char)*p) || *p == '"' || *p == '\''))
            p++;
        for (n = 0; p < end && n + 1 < size; p++, n++) {
            int c = lower((unsigned char)*p);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                  c == '.' || c == ':'))
                break;
            label[n] = (char)c;
        }
        label[n] = '\0';
        if (n > 0)
            return 1;
    }
    return 0;
}

/* How the page is decoded before libxml2 reads it. */
typedef enum {
    SOURCE_UTF8, /* UTF-8: passed as is, or with bad bytes replaced */
    SOURCE_GB,   /* GBK or GB18030: decoded here, bad bytes replaced */
    SOURCE_OTHER /* anything else (Big5, UTF-16 with a BOM): libxml2 decodes */
} source_kind;

/* The kind of encoding 'name' (any case): browsers (WHATWG Encoding) decode
 * every label of the GB family as GB18030, so a page labelled gb2312 may
 * hold GBK and GB18030 characters, and often does. */
static source_kind label_kind(const char *name)
{
    static const char *const gb[] = {
        "chinese",    "csgb2312", "csiso58gb231280", "gb18030", "gb2312", "gb_2312",
        "gb_2312-80", "gbk",      "iso-ir-58",       "x-gbk",
    };
    char label[LABEL_SIZE];
    size_t i;

    for (i = 0; name[i] && i + 1 < sizeof label; i++)
        label[i] = (char)lower((unsigned char)name[i]);
    label[i] = '\0';
    if (name[i])
        return SOURCE_OTHER;
    if (strcmp(label, "utf-8") == 0 || strcmp(label, "utf8") == 0)
        return SOURCE_UTF8;
    for (i = 0; i < COUNT(gb); i++)
        if (strcmp(label, gb[i]) == 0)
            return SOURCE_GB;
    return SOURCE_OTHER;
}

/* The kind of encoding of the 'len' bytes at 'bytes' when the caller names
 * none: a BOM decides, then the page's charset label (in its first 1 KB, as
 * browsers look), then whether the bytes are valid UTF-8 (else GB18030:
 * these are Chinese pages). */
static source_kind sniff_kind(const char *bytes, size_t len)
{
    const unsigned char *b = (const unsigned char *)bytes;
    char label[LABEL_SIZE];

    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        return SOURCE_UTF8;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return SOURCE_OTHER;
    if (find_charset(bytes, len < PRESCAN_BYTES ? len : PRESCAN_BYTES, label, sizeof label))
        return label_kind(label);
    return utf8_valid(b, len) ? SOURCE_UTF8 : SOURCE_GB;
}

/* The page as libxml2 reads it: 'len' bytes at 'bytes' in 'encoding' (NULL:
 * libxml2 looks at the BOM and meta tags), which may be 'owned'. */
typedef struct {
    const char *bytes;
    size_t len;
    const char *encoding;
    ls_buf owned;
} source;

/* Copies the 'len' bytes at 's' to 'out', each byte that does not start a
 * valid UTF-8 character replaced by U+FFFD. */
static void repair_utf8(const char *s, size_t len, ls_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0;
    uint32_t cp;
    int n;

    while (i < len) {
        n = u[i] < 0x80 ? 1 : next_char(u + i, len - i, &cp);
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        ls_buf_append(out, s + start, i - start);
        ls_buf_append(out, REPLACEMENT, strlen(REPLACEMENT));
        start = ++i;
    }
    ls_buf_append(out, s + start, i - start);
}

/* Decodes the 'len' bytes of GB18030 (a superset of GBK and GB2312) at 's'
 * into UTF-8 in 'out', each byte iconv cannot take replaced by U+FFFD, as a
 * browser shows it (libxml2 would stop reading there). Fails with LS_ENOMEM,
 * or LS_EINVAL when the C library has no GB18030 converter. */
static ls_status decode_gb(const char *s, size_t len, ls_buf *out, ls_error *err)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    char *in = (char *)s; /* iconv() takes char **, but only reads */
    char *o;
    size_t left = len, room, rc;

    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? ls_error_nomem(err)
                               : ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                                              "no converter from GB18030 to UTF-8");
    ls_buf_append(out, "", 0);
    /* UTF-8 takes at most 3 bytes for 2 of GB18030; E2BIG makes more room */
    while (left > 0 && ls_buf_reserve(out, left + left / 2 + 16)) {
        o = out->data + out->len;
        room = out->cap - out->len - 1;
        rc = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
        if (rc == (size_t)-1 && errno != E2BIG) {
            /* EILSEQ, or EINVAL for a sequence cut off at the end */
            ls_buf_append(out, REPLACEMENT, strlen(REPLACEMENT));
            in++;
            left--;
        }
    }
    iconv_close(cd);
    return out->failed ? ls_error_nomem(err) : LS_OK;
}

/* Prepares the 'len' bytes at 'bytes' in 'encoding' (NULL: sniffed) for
 * libxml2 in 'src', whose 'owned' the caller has initialized and releases,
 * also after a failure. UTF-8 and the GB family are handed over as valid
 * UTF-8, so that libxml2 never meets a byte it cannot decode (it would stop
 * reading there). Fails with LS_ENOMEM or LS_EINVAL. */
static ls_status prepare_source(const char *bytes, size_t len, const char *encoding, source *src,
                                ls_error *err)
{
    source_kind kind = encoding ? label_kind(encoding) : sniff_kind(bytes, len);
    ls_status st = LS_OK;

    src->bytes = bytes;
    src->len = len;
    src->encoding = kind == SOURCE_OTHER ? encoding : "UTF-8";
    if (kind == SOURCE_UTF8 && len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        src->bytes += 3;
        src->len -= 3;
    }
    /* most pages are valid UTF-8 and are read where they lie */
    if (kind == SOURCE_UTF8 && !utf8_valid((const unsigned char *)src->bytes, src->len)) {
        repair_utf8(src->bytes, src->len, &src->owned);
        st = src->owned.failed ? ls_error_nomem(err) : LS_OK;
    } else if (kind == SOURCE_GB) {
        st = decode_gb(bytes, len, &src->owned, err);
    }
    /* what was decoded here is read instead of the caller's bytes */
    if (src->owned.data) {
        src->bytes = src->owned.data;
        src->len = src->owned.len;
    }
    return st;
}

/* ---- scoring ------------------------------------------------------------ */

/* What the scoring walk learns about one element; hung on its node's
 * _private. Weights count characters (WEIGHT_WIDE, WEIGHT_NARROW). A block
 * owns the inline text between its block children: its "own lines". */
typedef struct rec rec;
struct rec {
    rec *block;                 /* the nearest block at or above: owner of inline text */
    int64_t own_text;           /* weight of the non-link text of its own lines */
    int64_t own_link;           /* weight of the link text of its own lines */
    int64_t total;              /* score of the subtree: see line_value() */
    int64_t sentences;          /* weight of own-line text with sentence marks, in the subtree */
    int64_t text;               /* weight of all text in the subtree */
    unsigned flags;             /* TAG_* */
    unsigned char own_sentence; /* its own lines hold a sentence mark */
    unsigned char dropped;      /* hidden, script, style...: no text, not walked */
    unsigned char in_link;      /* inside an <a> */
    unsigned char noisy;        /* inside nav, footer, or an element hinted so */
    unsigned char noise_root;   /* noisy, and its parent is not */
    unsigned char hint_for;     /* its class or id says article */
    unsigned char title_hint;   /* its class or id says title */
    unsigned char has_block;    /* a block or <br> lies under it */
    unsigned char has_h1;       /* an <h1> lies under it */
    unsigned char marked;       /* a ** opened for it and not yet closed */
};

/* A parsed page and what the walks find in it. */
typedef struct {
    xmlNode *root;
    rec *recs; /* one per element */
    size_t rec_count, rec_cap;
    int use_hints;      /* class and id hints count */
    xmlNode *best;      /* the article */
    int64_t best_score; /* its score; > 0 */
    xmlNode *title;     /* the first <title> element, or NULL */
} page;

/* What walk()'s 'enter' tells it to do with a node. */
enum { WALK_SKIP, WALK_INTO, WALK_STOP };

/* Visits the subtree of 'top' in document order: 'enter' on each node (its
 * answer says whether to go into its children, or to stop the walk), and
 * 'leave' on each node entered, after its children. Iterative: the depth of
 * the tree costs no stack. */
static void walk(xmlNode *top, int (*enter)(void *, xmlNode *), void (*leave)(void *, xmlNode *),
                 void *ctx)
{
    xmlNode *n = top;
    int what;

    for (;;) {
        what = enter(ctx, n);
        if (what == WALK_STOP)
            return;
        if (what == WALK_INTO) {
            if (n->children) {
                n = n->children;
                continue;
            }
            leave(ctx, n);
        }
        /* climb to the next sibling, leaving each parent on the way */
        for (;;) {
            if (n == top)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            leave(ctx, n);
        }
    }
}

static int count_enter(void *ctx, xmlNode *n)
{
    if (n->type == XML_ELEMENT_NODE)
        ++*(size_t *)ctx;
    return n->type == XML_ELEMENT_NODE ? WALK_INTO : WALK_SKIP;
}

static void no_leave(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

/* The text of attribute 'a' (libxml2 keeps an HTML attribute's value as one
 * text child), or "". */
static const char *attr_value(const xmlAttr *a)
{
    if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
        return (const char *)a->children->content;
    return "";
}

/* Copies at most ATTR_SCAN_MAX bytes of 'value' to 'buf', lower-cased and,
 * when 'squeeze', without spaces ("display: none" → "display:none"). */
static void scan_copy(char *buf, const char *value, int squeeze)
{
    size_t n = 0;

    for (; *value && n < ATTR_SCAN_MAX; value++)
        if (!(squeeze && is_space((unsigned char)*value)))
            buf[n++] = (char)lower((unsigned char)*value);
    buf[n] = '\0';
}

/* Adds the hints of a class or id 'value' to '*score' (+1 for article words,
 * -1 for words of what surrounds it) and to '*title'. */
static void add_hints(const char *value, int *score, int *title)
{
    char buf[ATTR_SCAN_MAX + 1];
    size_t i;
    int found = 0, against = 0;

    scan_copy(buf, value, 0);
    for (i = 0; i < COUNT(hints_for) && !found; i++)
        found = strstr(buf, hints_for[i]) != NULL;
    for (i = 0; i < COUNT(hints_against) && !against; i++)
        against = strstr(buf, hints_against[i]) != NULL;
    for (i = 0; i < COUNT(hints_title); i++)
        *title |= strstr(buf, hints_title[i]) != NULL;
    *score += found - against;
}

/* Reads the attributes of element 'n': class/id hints into '*hint' and
 * '*title', and whether it is hidden (the hidden attribute, display:none,
 * visibility:hidden), which makes it no text at all. */
static void read_attrs(const xmlNode *n, int *hint, int *title, int *hidden)
{
    char buf[ATTR_SCAN_MAX + 1];
    const xmlAttr *a;
    const char *name;

    *hint = *title = *hidden = 0;
    for (a = n->properties; a; a = a->next) {
        name = (const char *)a->name;
        if (!name)
            continue;
        if (strcmp(name, "class") == 0 || strcmp(name, "id") == 0) {
            add_hints(attr_value(a), hint, title);
        } else if (strcmp(name, "style") == 0) {
            scan_copy(buf, attr_value(a), 1);
            *hidden |= strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
        } else if (strcmp(name, "hidden") == 0) {
            *hidden = 1;
        }
    }
}

/* Weighs the 'n' bytes of text at 's': '*weight' gets the weight of its
 * characters (spaces and controls weigh nothing), and '*sentence' becomes 1
 * when it holds a sentence mark. */
static void weigh(const unsigned char *s, size_t n, int64_t *weight, int *sentence)
{
    size_t i = 0;
    uint32_t cp;
    int len;

    *weight = 0;
    *sentence = 0;
    while (i < n) {
        len = next_char(s + i, n - i, &cp);
        if (len < 0) {
            i++;
            continue;
        }
        i += (size_t)len;
        if (is_sentence_mark(cp))
            *sentence = 1;
        if (cp >= WIDE_FIRST && cp != 0x3000)
            *weight += WEIGHT_WIDE;
        else if ((cp >= '0' && cp <= '9') || (lower((int)cp) >= 'a' && lower((int)cp) <= 'z') ||
                 (cp > 0xA0 && cp < WIDE_FIRST))
            *weight += WEIGHT_NARROW;
    }
}

/* Adds text node 'n' to the own lines of the block that holds it. */
static void score_text(xmlNode *n)
{
    rec *r = n->parent ? n->parent->_private : NULL;
    int64_t w;
    int sentence;

    if (!r || !n->content)
        return;
    weigh(n->content, strlen((const char *)n->content), &w, &sentence);
    r->text += w;
    if (r->in_link) {
        r->block->own_link += w;
    } else {
        r->block->own_text += w;
        r->block->own_sentence |= (unsigned char)sentence;
    }
}

/* The 'enter' of the scoring walk: gives element 'n' its record, inherits
 * what its parent is inside of, and drops hidden and non-text elements. */
static int score_enter(void *ctx, xmlNode *n)
{
    page *pg = ctx;
    rec *r, *up;
    int hint, title, hidden;

    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        score_text(n);
    if (n->type != XML_ELEMENT_NODE)
        return WALK_SKIP;
    assert(pg->rec_count < pg->rec_cap);
    r = &pg->recs[pg->rec_count++];
    n->_private = r;
    up = n == pg->root ? NULL : n->parent->_private;
    r->flags = tag_flags(n->name);
    read_attrs(n, &hint, &title, &hidden);
    if (!pg->title && n->name && strcmp((const char *)n->name, "title") == 0)
        pg->title = n;
    if ((r->flags & TAG_DROP) || hidden) {
        r->dropped = 1;
        return WALK_SKIP;
    }
    r->block = (r->flags & TAG_BLOCK) || !up ? r : up->block;
    r->in_link = (up && up->in_link) || (r->flags & TAG_LINK);
    r->hint_for = pg->use_hints && hint > 0;
    r->title_hint = (unsigned char)title;
    r->noisy = (up && up->noisy) || (r->flags & TAG_NOISE) || (pg->use_hints && hint < 0);
    r->noise_root = r->noisy && !(up && up->noisy);
    return WALK_INTO;
}

/* What the own lines of block 'r' add to the scores: sentences count for
 * the article, less their links; a short line of a <p> or heading without
 * one counts half (a heading, a signature); anything else (menu items, date
 * and copyright lines) and anything noisy counts against. */
static int64_t line_value(const rec *r)
{
    if (r->noisy)
        return -(r->own_text + r->own_link);
    if (r->own_sentence)
        return r->own_text - r->own_link;
    if (r->flags & TAG_PARA)
        return r->own_text / 2 - r->own_link;
    return -(r->own_text + r->own_link);
}

/* The 'leave' of the scoring walk: settles element 'n', makes it the
 * article if it scores best so far (deeper wins ties, as it is left first),
 * and adds it to its parent. */
static void score_leave(void *ctx, xmlNode *n)
{
    page *pg = ctx;
    rec *r = n->_private, *up;
    int64_t score;

    if (n->type != XML_ELEMENT_NODE)
        return;
    if (r->flags & TAG_BLOCK) {
        r->total += line_value(r);
        if (r->own_sentence)
            r->sentences += r->own_text;
    }
    score = r->total;
    if (r->hint_for && score > 0)
        score += score / HINT_BONUS_DIV;
    if (!r->noisy && score > pg->best_score) {
        pg->best = n;
        pg->best_score = score;
    }
    if (n == pg->root)
        return;
    up = n->parent->_private;
    up->total += r->noise_root ? r->total / NOISE_COST_DIV : r->total;
    up->sentences += r->sentences;
    up->text += r->text;
    up->has_block |= r->has_block || (r->flags & (TAG_BLOCK | TAG_BREAK));
    up->has_h1 |= r->has_h1 || (r->flags & TAG_H1);
}

/* Scores every element of 'pg', with class/id hints or without, and sets
 * 'pg->best' to the article (NULL when nothing scores above 0). */
static void score_page(page *pg, int use_hints)
{
    memset(pg->recs, 0, pg->rec_cap * sizeof *pg->recs);
    pg->rec_count = 0;
    pg->use_hints = use_hints;
    pg->best = NULL;
    pg->best_score = 0;
    pg->title = NULL;
    walk(pg->root, score_enter, score_leave, pg);
}

/* Finds the article of 'pg': scores the page with hints, and again without
 * them if that finds nothing (a hint can be wrong: class="main-side" around
 * the text). Fails with LS_ENOMEM, or LS_EINVAL when no element holds text. */
static ls_status find_article(page *pg, ls_error *err)
{
    size_t count = 0, bytes;

    walk(pg->root, count_enter, no_leave, &count);
    if (!ls_mul_size(count, sizeof *pg->recs, &bytes) || !(pg->recs = ls_malloc(bytes)))
        return ls_error_nomem(err);
    pg->rec_cap = count;
    score_page(pg, 1);
    if (!pg->best)
        score_page(pg, 0);
    if (!pg->best)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no article text found in HTML page");
    return LS_OK;
}

/* ---- the title ---------------------------------------------------------- */

/* The title search: the article, and the last title-like element before it. */
typedef struct {
    xmlNode *best;
    xmlNode *found;
} title_search;

static int title_enter(void *ctx, xmlNode *n)
{
    title_search *ts = ctx;
    const rec *r = n->_private;

    if (n == ts->best)
        return WALK_STOP;
    if (n->type != XML_ELEMENT_NODE || !r || r->dropped || r->noisy)
        return WALK_SKIP;
    if (((r->flags & TAG_H1) || r->title_hint) && r->text > 0 && r->text <= TITLE_WEIGHT_MAX)
        ts->found = n;
    return WALK_INTO;
}

/* The last <h1> (or element whose class says title) before the article of
 * 'pg' in document order, outside noise and not around the article; or
 * NULL. */
static xmlNode *find_title(const page *pg)
{
    title_search ts = {pg->best, NULL};
    xmlNode *p;

    walk(pg->root, title_enter, no_leave, &ts);
    for (p = pg->best->parent; p && ts.found; p = p->parent)
        if (p == ts.found)
            ts.found = NULL;
    return ts.found;
}

/* ---- writing text ------------------------------------------------------- */

/* Writes text a line at a time. Whitespace is held back until the next
 * character shows whether it is inside a line (written: one space, or the
 * ideographic spaces) or at an end (dropped); so is the opening ** of a bold
 * lead. */
typedef struct {
    ls_buf out;
    xmlNode *top;              /* the subtree being written */
    size_t line_start;         /* offset in 'out' of the current line */
    uint32_t last;             /* the last character of the line; 0 at its start */
    unsigned char space;       /* collapsed whitespace is pending */
    unsigned char space_break; /* ... and held a line break of the source */
    unsigned char space_hard;  /* ... or a no-break space */
    unsigned char wide_spaces; /* U+3000 pending */
    unsigned char bold;        /* a ** is due before the next character */
    unsigned char no_bold;     /* write no ** (the title line) */
    int bold_depth;            /* <strong>/<b> open around the current node */
    size_t closed_at;          /* offset just past the last closing ** written, or 0 */
    int64_t keep_min;          /* sentence weight a noise root needs to be written; < 0: all are */
} emitter;

static void emitter_init(emitter *e, xmlNode *top, int64_t keep_min, int no_bold)
{
    memset(e, 0, sizeof *e);
    ls_buf_init(&e->out);
    e->top = top;
    e->keep_min = keep_min;
    e->no_bold = (unsigned char)no_bold;
}

/* Ends the current line, if it has any text. */
static void end_line(emitter *e)
{
    if (e->out.len > e->line_start) {
        ls_buf_append(&e->out, "\n", 1);
        e->line_start = e->out.len;
    }
    e->space = e->space_break = e->space_hard = e->wide_spaces = 0;
    e->last = 0;
}

/* Writes what is pending before character 'cp': whitespace inside a line
 * (a source line break between two wide characters is none), then a ** . */
static void put_pending(emitter *e, uint32_t cp)
{
    unsigned char k;

    if (e->out.len > e->line_start) {
        if (e->space && !(e->space_break && !e->space_hard && is_wide(e->last) && is_wide(cp)))
            ls_buf_append(&e->out, " ", 1);
        for (k = 0; k < e->wide_spaces; k++)
            ls_buf_append(&e->out, "\xE3\x80\x80", 3);
    }
    e->space = e->space_break = e->space_hard = e->wide_spaces = 0;
    if (e->bold) {
        ls_buf_append(&e->out, "**", 2);
        e->bold = 0;
    }
}

/* Writes the characters in [start, end) of 's', whose last is 'last'. */
static void put_run(emitter *e, const unsigned char *s, size_t start, size_t end, uint32_t last)
{
    if (end > start) {
        ls_buf_append(&e->out, (const char *)s + start, end - start);
        e->last = last;
    }
}

/* Writes the 'n' bytes of text at 's' (a text node's content): whitespace
 * and no-break spaces collapse, ideographic spaces are kept inside a line,
 * controls are dropped and bytes that are not UTF-8 become U+FFFD. Runs of
 * plain characters are copied whole. */
static void emit_text(emitter *e, const unsigned char *s, size_t n)
{
    size_t i = 0, start = 0;
    uint32_t cp = 0, last = 0;
    int len;

    while (i < n) {
        len = next_char(s + i, n - i, &cp);
        if (len > 0 && cp > 0x20 && cp != 0xA0 && cp != 0x3000) {
            /* a plain character: the first of a run writes what is pending */
            if (i == start)
                put_pending(e, cp);
            last = cp;
            i += (size_t)len;
            continue;
        }
        put_run(e, s, start, i, last);
        if (len < 0) {
            put_pending(e, 0xFFFD);
            ls_buf_append(&e->out, REPLACEMENT, strlen(REPLACEMENT));
            e->last = 0xFFFD;
            len = 1;
        } else if (cp == 0x3000) {
            e->wide_spaces += e->wide_spaces < WIDE_SPACES_MAX;
        } else if (is_space((int)cp) || cp == 0xA0) {
            e->space = 1;
            e->space_break |= cp == '\n' || cp == '\r';
            e->space_hard |= cp == 0xA0;
        }
        i += (size_t)len;
        start = i;
    }
    put_run(e, s, start, i, last);
}

/* Opens <strong>/<b> 'r': an outermost one holding text and no line break
 * that opens its line or follows the end of a sentence is a bold lead, and
 * gets a ** before its first character. One that follows a bold lead with
 * nothing between (<b>一、</b><b>总体要求</b>, as Word splits runs)
 * continues it: the ** that closed the lead is taken back. */
static void bold_enter(emitter *e, rec *r)
{
    int at_start = e->out.len == e->line_start;

    if (e->bold_depth++ > 0 || e->no_bold || r->has_block || r->text <= 0)
        return;
    if (e->out.len > 0 && e->closed_at == e->out.len && !e->space && !e->wide_spaces) {
        e->out.len -= 2;
        e->out.data[e->out.len] = '\0';
        r->marked = 1;
    } else if (at_start || is_sentence_end(e->last)) {
        r->marked = 1;
        e->bold = 1;
    }
}

/* Closes <strong>/<b> 'r', and its ** if one was written. */
static void bold_leave(emitter *e, rec *r)
{
    e->bold_depth--;
    if (!r->marked)
        return;
    r->marked = 0;
    if (e->bold) {
        e->bold = 0; /* nothing was written: no marker at all */
    } else {
        ls_buf_append(&e->out, "**", 2);
        e->closed_at = e->out.failed ? 0 : e->out.len;
    }
}

/* The 'enter' of the writing walk: text is written; dropped elements, and
 * noise inside the article that holds little of its sentences (share bars,
 * related links), are skipped; blocks and <br> end lines. */
static int emit_enter(void *ctx, xmlNode *n)
{
    emitter *e = ctx;
    rec *r = n->_private;

    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
        emit_text(e, n->content, strlen((const char *)n->content));
    if (n->type != XML_ELEMENT_NODE || !r || r->dropped)
        return WALK_SKIP;
    if (e->keep_min >= 0 && r->noise_root && n != e->top &&
        (r->sentences == 0 || r->sentences < e->keep_min))
        return WALK_SKIP;
    if (r->flags & (TAG_BLOCK | TAG_BREAK))
        end_line(e);
    if (r->flags & TAG_BOLD)
        bold_enter(e, r);
    return WALK_INTO;
}

static void emit_leave(void *ctx, xmlNode *n)
{
    emitter *e = ctx;
    rec *r = n->_private;

    if (n->type != XML_ELEMENT_NODE)
        return;
    if (r->flags & TAG_BOLD)
        bold_leave(e, r);
    if (r->flags & TAG_BLOCK)
        end_line(e);
}

/* Writes the text of the subtree of 'top' into 'e'. */
static void emit_tree(emitter *e, xmlNode *top)
{
    walk(top, emit_enter, emit_leave, e);
    end_line(e);
}

/* Cuts the site name off a <title> line in 'b': "报告_政府工作报告_大同市
 * 人民政府" → "报告", at the first '_', '|', ' - ', '—', '－' or '｜' that
 * is not at its start. */
static void cut_site_name(ls_buf *b)
{
    static const char *const seps[] = {"_",           "|", " - ", "\xE2\x80\x94", "\xEF\xBC\x8D",
                                       "\xEF\xBD\x9C"};
    size_t cut = b->len, i, j, n;

    for (i = 0; i < COUNT(seps); i++) {
        n = strlen(seps[i]);
        for (j = 1; j + n <= cut; j++)
            if (memcmp(b->data + j, seps[i], n) == 0) {
                cut = j;
                break;
            }
    }
    while (cut > 0 && (b->data[cut - 1] == ' ' || b->data[cut - 1] == '\n'))
        cut--;
    if (b->data && cut < b->len) {
        b->len = cut;
        b->data[cut] = '\0';
    }
}

/* Writes the text of <title> element 'title' into 'e', without the site
 * name. */
static void emit_title_element(emitter *e, xmlNode *title)
{
    xmlNode *c;

    for (c = title->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
            emit_text(e, c->content, strlen((const char *)c->content));
    cut_site_name(&e->out);
    end_line(e);
}

/* Whether the first line of 'body' (its first TITLE_SEARCH_BYTES) holds the
 * first line of 'title'. */
static int title_in_body(const ls_buf *title, const ls_buf *body)
{
    const char *t = title->data, *b = body->data, *nl;
    size_t tn, bn, i;

    nl = memchr(t, '\n', title->len);
    tn = nl ? (size_t)(nl - t) : title->len;
    nl = memchr(b, '\n', body->len);
    bn = nl ? (size_t)(nl - b) : body->len;
    if (bn > TITLE_SEARCH_BYTES)
        bn = TITLE_SEARCH_BYTES;
    for (i = 0; tn > 0 && i + tn <= bn; i++)
        if (memcmp(b + i, t, tn) == 0)
            return 1;
    return 0;
}

/* Writes the title line of 'pg' into 'head': the <h1> or title element
 * before the article, else the <title> when the article has no <h1>. */
static void write_title(const page *pg, emitter *head)
{
    const rec *best = pg->best->_private;
    xmlNode *t = find_title(pg);

    if (t) {
        emit_tree(head, t);
    } else if (pg->title && !best->has_h1 && !(best->flags & TAG_H1)) {
        emit_title_element(head, pg->title);
    }
}

/* Writes the article of 'pg', after its title line unless the article's
 * first line holds that already, into a new string '*text' ('*text_len'
 * bytes). Fails with LS_ENOMEM, or LS_EINVAL when the article writes no
 * text after all. */
static ls_status write_text(const page *pg, char **text, size_t *text_len, ls_error *err)
{
    const rec *best = pg->best->_private;
    emitter body, head;
    ls_status st = LS_OK;

    emitter_init(&body, pg->best, best->sentences / NOISE_KEEP_DIV, 0);
    emit_tree(&body, pg->best);
    emitter_init(&head, NULL, -1, 1);
    write_title(pg, &head);
    if (body.out.failed || head.out.failed) {
        st = ls_error_nomem(err);
        goto done;
    }
    if (body.out.len == 0) {
        st = ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no article text found in HTML page");
        goto done;
    }
    /* the title goes first, unless the article opens with it */
    if (head.out.len > 0 && !title_in_body(&head.out, &body.out)) {
        ls_buf_append(&head.out, body.out.data, body.out.len);
        if (head.out.failed) {
            st = ls_error_nomem(err);
            goto done;
        }
        *text = ls_buf_detach(&head.out, text_len);
    } else {
        *text = ls_buf_detach(&body.out, text_len);
    }
done:
    ls_buf_release(&body.out);
    ls_buf_release(&head.out);
    return st;
}

/* ---- the page ----------------------------------------------------------- */

/* Parses 'src' as HTML into '*doc' with the parser context '*ctxt' (the
 * caller frees both, also after a failure). Fails with LS_ENOMEM, or
 * LS_EINVAL when libxml2 makes no document of it (empty input). */
static ls_status parse_page(const source *src, htmlParserCtxtPtr *ctxt, htmlDocPtr *doc,
                            ls_error *err)
{
    ls_xml_handlers saved;
    int options = PARSE_OPTIONS;

    *ctxt = ls_xml.htmlNewParserCtxt();
    if (!*ctxt)
        return ls_error_nomem(err);
    /* an encoding we name wins over the page's own meta tag */
    if (src->encoding)
        options |= HTML_PARSE_IGNORE_ENC;
    ls_xml_quiet(&saved);
    *doc = ls_xml.htmlCtxtReadMemory(*ctxt, src->len ? src->bytes : "", (int)src->len, NULL,
                                     src->encoding, options);
    ls_xml_restore(&saved);
    if (*doc && ls_xml.xmlDocGetRootElement(*doc))
        return LS_OK;
    if ((*ctxt)->lastError.code == XML_ERR_NO_MEMORY)
        return ls_error_nomem(err);
    return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no article text found in HTML page");
}

/* Fills 'err' for a page of 'len' bytes, more than libxml2 takes (its
 * lengths are int); returns LS_ELIMIT. */
static ls_status too_large(ls_error *err, size_t len)
{
    return ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, 0,
                        "HTML page of %zu bytes is over the limit of %d bytes", len, INT_MAX);
}

ls_status ls_html_extract(const char *bytes, size_t len, const char *encoding, char **text,
                          size_t *text_len, ls_error *err)
{
    htmlParserCtxtPtr ctxt = NULL;
    htmlDocPtr doc = NULL;
    source src;
    page pg;
    ls_status st;
    size_t n = 0;

    assert(text);
    assert(bytes || len == 0);
    *text = NULL;
    memset(&pg, 0, sizeof pg);
    ls_buf_init(&src.owned);
    /* libxml2 is opened (and its parser set up) the first time a page is read */
    st = ls_xml_load(err);
    if (st)
        goto done;
    if (len > INT_MAX) {
        st = too_large(err, len);
        goto done;
    }
    st = prepare_source(bytes ? bytes : "", len, encoding, &src, err);
    if (st)
        goto done;
    /* U+FFFD in place of bad bytes may have made the page longer */
    if (src.len > INT_MAX) {
        st = too_large(err, src.len);
        goto done;
    }
    st = parse_page(&src, &ctxt, &doc, err);
    if (st)
        goto done;
    pg.root = ls_xml.xmlDocGetRootElement(doc);
    st = find_article(&pg, err);
    if (st)
        goto done;
    st = write_text(&pg, text, &n, err);
done:
    if (text_len)
        *text_len = st ? 0 : n;
    ls_free(pg.recs);
    ls_buf_release(&src.owned);
    if (doc)
        ls_xml.xmlFreeDoc(doc);
    if (ctxt)
        ls_xml.htmlFreeParserCtxt(ctxt);
    return st;
}
