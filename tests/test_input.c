/*
 * test_input.c — encoding detection, folding and the offset map of input.c.
 *
 * Tables of real snippets: what each encoding decodes to, what each fold
 * gives, which norm offsets map to which text offsets, and which inputs fail
 * with which status at which byte and line. GBK and UTF-16 bytes are made
 * with iconv here, so the tables hold readable UTF-8. UTF-8 validation
 * (SIMD blocks, then bytes) is checked against utf8proc on every short
 * sequence of edge bytes at every place of a block. Run under ASan: the
 * allocation-failure test relies on it to catch leaks. Also: a large block
 * of ls_malloc marked for huge pages (alloc.c), and nothing around it.
 */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "alloc.h"
#include "input.h"
#include "utf8_reference.h"

/* Enough norm offsets for one mapping case. */
#define MAP_MAX 12

/* Size of the buffer a test encodes into. */
#define ENCODED_MAX 4096

/* Encodes the UTF-8 string 'utf8' as 'enc' (a BOM put in front when 'bom'
 * is not NULL) into 'out', which holds ENCODED_MAX bytes; returns the
 * length. Fails the test if iconv cannot. */
static size_t encode(const char *enc, const char *bom, const char *utf8, char *out)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    size_t bom_len = bom ? strlen(bom) : 0, in_left = strlen(utf8);
    size_t out_left = ENCODED_MAX - bom_len;
    char *src = (char *)utf8, *dst = out + bom_len;

    assert_true(cd != (iconv_t)-1);
    if (bom)
        memcpy(out, bom, bom_len);
    assert_int_not_equal(iconv(cd, &src, &in_left, &dst, &out_left), (size_t)-1);
    iconv_close(cd);
    return (size_t)(dst - out);
}

/* Decodes 'len' bytes at 'bytes', which must succeed, and checks the
 * invariants every result keeps. */
static void decode_ok(const char *bytes, size_t len, ls_input *in)
{
    ls_error err;
    size_t i;

    assert_int_equal(ls_input_decode(bytes, len, in, &err), LS_OK);
    assert_non_null(in->text);
    assert_non_null(in->norm);
    assert_int_equal(in->text[in->text_len], '\0');
    assert_int_equal(in->norm[in->norm_len], '\0');
    assert_true(in->norm_len <= in->text_len);
    assert_int_equal(ls_input_text_offset(in, in->norm_len), in->text_len);
    for (i = 1; i < in->mark_count; i++)
        assert_true(in->marks[i - 1].norm < in->marks[i].norm);
}

/* ---- Folding ----------------------------------------------------------- */

/* UTF-8 text, its norm, and norm offsets with the text offsets they map to. */
typedef struct {
    const char *text;
    ls_encoding enc;
    const char *norm;
    size_t map[MAP_MAX][2]; /* {norm, text}, ended by {0, 0} after the first */
} fold_case;

static const fold_case fold_cases[] = {
    {"煤炭产量稳定在1.6亿吨以上", LS_ENC_UTF8, "煤炭产量稳定在1.6亿吨以上",
     {{0, 0}, {21, 21}, {36, 36}}},
    /* text keeps the BOM so offsets are file offsets; norm drops it */
    {"\xEF\xBB\xBF增长7%", LS_ENC_UTF8_BOM, "增长7%", {{0, 3}, {6, 9}, {7, 10}, {8, 11}}},
    {"\xEF\xBB\xBF", LS_ENC_UTF8_BOM, "", {{0, 3}}},
    /* 原煤产量 is 12 bytes; each full-width character 3 bytes, 1 folded */
    {"原煤产量１．６亿吨；增长７％", LS_ENC_UTF8, "原煤产量1.6亿吨;增长7%",
     {{0, 0},
      {12, 12},
      {13, 15},
      {14, 18},
      {15, 21},
      {16, 22},
      {21, 27},
      {22, 30},
      {28, 36},
      {29, 39},
      {30, 42}}},
    /* the Chinese comma is not folded: 1/10，438 must not become 1/10,438 */
    {"约占1/10，438万", LS_ENC_UTF8, "约占1/10，438万", {{0, 0}, {10, 10}, {13, 13}, {19, 19}}},
    /* Markdown bold markers vanish; the heading text keeps its offsets */
    {"**做大数字产业。**推动", LS_ENC_UTF8, "做大数字产业。推动",
     {{0, 2}, {3, 5}, {18, 20}, {21, 25}, {27, 31}}},
    {"增长7%。**", LS_ENC_UTF8, "增长7%。", {{8, 8}, {11, 13}}},
    {"a***b", LS_ENC_UTF8, "a*b", {{0, 0}, {1, 3}, {2, 4}, {3, 5}}},
    /* two shifts at one norm offset give one mark */
    {"１**2", LS_ENC_UTF8, "12", {{0, 0}, {1, 5}, {2, 6}}},
    /* CR becomes LF one for one: CRLF is two newlines, offsets unchanged */
    {"第一行\r\n第二行\r", LS_ENC_UTF8, "第一行\n\n第二行\n", {{9, 9}, {11, 11}, {21, 21}}},
    {"增长\xE3\x80\x80７％", LS_ENC_UTF8, "增长 7%", {{6, 6}, {7, 9}, {8, 12}, {9, 15}}},
    /* the ends of the block fold; ￥ U+FFE5, ｟ U+FF5F, 。 and a mid-text BOM do not */
    {"！～￥｟。\xEF\xBB\xBF", LS_ENC_UTF8, "!~￥｟。\xEF\xBB\xBF", {{1, 3}, {2, 6}, {14, 18}}},
    {"\t表\v一\f", LS_ENC_UTF8, "\t表\v一\f", {{9, 9}}},
    {"", LS_ENC_UTF8, "", {{0, 0}}},
};

/* Decodes each case and checks the encoding, text, norm and map. */
static void test_fold_table(void **state)
{
    size_t c, k, len;
    ls_input in;

    (void)state;
    for (c = 0; c < sizeof fold_cases / sizeof *fold_cases; c++) {
        const fold_case *fc = &fold_cases[c];

        len = strlen(fc->text);
        print_message("case %zu\n", c);
        decode_ok(fc->text, len, &in);
        assert_int_equal(in.enc, fc->enc);
        assert_int_equal(in.text_len, len);
        assert_memory_equal(in.text, fc->text, len);
        assert_string_equal(in.norm, fc->norm);
        assert_int_equal(in.norm_len, strlen(fc->norm));
        for (k = 0; k < MAP_MAX && (k == 0 || fc->map[k][0] || fc->map[k][1]); k++)
            assert_int_equal(ls_input_text_offset(&in, fc->map[k][0]), fc->map[k][1]);
        ls_input_release(&in);
    }
}

/* Nothing folded: no marks, and the map is the identity. */
static void test_no_marks(void **state)
{
    const char *s = "全年地区生产总值增长5.3%\n";
    ls_input in;
    size_t i;

    (void)state;
    decode_ok(s, strlen(s), &in);
    assert_null(in.marks);
    assert_int_equal(in.mark_count, 0);
    for (i = 0; i <= in.norm_len; i++)
        assert_int_equal(ls_input_text_offset(&in, i), i);
    ls_input_release(&in);
}

/* Many folds grow the mark array; the digits of every copy map back. */
static void test_many_marks(void **state)
{
    static const char unit[] = "原煤产量１．６亿吨；增长７％"; /* 42 bytes, norm 30 */
    enum { COPIES = 200, TEXT = 42, NORM = 30 };
    char *s = malloc(COPIES * TEXT + 1);
    ls_input in;
    size_t k;

    (void)state;
    assert_non_null(s);
    for (k = 0; k < COPIES; k++)
        memcpy(s + k * TEXT, unit, TEXT);
    decode_ok(s, COPIES * TEXT, &in);
    assert_int_equal(in.norm_len, COPIES * NORM);
    assert_int_equal(in.mark_count, COPIES * 6); /* １．６；７％ */
    for (k = 0; k < COPIES; k++) {
        assert_int_equal(ls_input_text_offset(&in, k * NORM + 12), k * TEXT + 12); /* 1 */
        assert_int_equal(ls_input_text_offset(&in, k * NORM + 14), k * TEXT + 18); /* 6 */
        assert_int_equal(ls_input_text_offset(&in, k * NORM + 28), k * TEXT + 36); /* 7 */
        assert_int_equal(ls_input_text_offset(&in, k * NORM + 30), k * TEXT + 42);
    }
    ls_input_release(&in);
    free(s);
}

/* ---- Other encodings --------------------------------------------------- */

/* A UTF-8 string, the encoding to write it in, its BOM, the expected 'enc'. */
typedef struct {
    const char *utf8;
    const char *iconv_name;
    const char *bom;
    ls_encoding enc;
    const char *norm;
} encoding_case;

static const encoding_case encoding_cases[] = {
    {"大同市原煤产量1.6亿吨", "GBK", NULL, LS_ENC_GB18030, "大同市原煤产量1.6亿吨"},
    {"原煤产量１．６亿吨；增长７％", "GB18030", NULL, LS_ENC_GB18030,
     "原煤产量1.6亿吨;增长7%"},
    /* U+20BB7 𠮷 takes a 4-byte GB18030 sequence */
    {"𠮷野家\n第二行", "GB18030", NULL, LS_ENC_GB18030, "𠮷野家\n第二行"},
    {"增长７％\r\n𠮷", "UTF-16LE", "\xFF\xFE", LS_ENC_UTF16LE, "增长7%\n\n𠮷"},
    {"增长７％\r\n𠮷", "UTF-16BE", "\xFE\xFF", LS_ENC_UTF16BE, "增长7%\n\n𠮷"},
    {"", "UTF-16LE", "\xFF\xFE", LS_ENC_UTF16LE, ""},
};

/* Encodes each case, decodes it, and checks that the text is the UTF-8. */
static void test_encodings(void **state)
{
    char bytes[ENCODED_MAX];
    size_t c, len;
    ls_input in;

    (void)state;
    for (c = 0; c < sizeof encoding_cases / sizeof *encoding_cases; c++) {
        const encoding_case *ec = &encoding_cases[c];

        print_message("case %zu\n", c);
        len = encode(ec->iconv_name, ec->bom, ec->utf8, bytes);
        decode_ok(bytes, len, &in);
        assert_int_equal(in.enc, ec->enc);
        assert_string_equal(in.text, ec->utf8);
        assert_int_equal(in.text_len, strlen(ec->utf8));
        assert_string_equal(in.norm, ec->norm);
        ls_input_release(&in);
    }
}

/* Offsets into decoded GB18030 are offsets into the UTF-8 text. */
static void test_gb18030_offsets(void **state)
{
    char bytes[ENCODED_MAX];
    ls_input in;

    (void)state;
    decode_ok(bytes, encode("GB18030", NULL, "原煤产量１．６亿吨；增长７％", bytes), &in);
    assert_int_equal(ls_input_text_offset(&in, 12), 12);
    assert_int_equal(ls_input_text_offset(&in, 14), 18);
    assert_int_equal(ls_input_text_offset(&in, 28), 36);
    assert_int_equal(ls_input_text_offset(&in, 30), 42);
    ls_input_release(&in);
}

/* ---- Failures ---------------------------------------------------------- */

/* Bytes (written as UTF-8 and re-encoded with 'iconv_name' if not NULL,
 * minus 'drop' bytes at the end), and the failure they must give. */
typedef struct {
    const char *bytes;
    size_t len; /* 0: strlen(bytes) */
    const char *iconv_name;
    const char *bom;
    size_t drop;
    ls_status status;
    size_t offset;
    size_t line;
    const char *message;
} fail_case;

static const fail_case fail_cases[] = {
    /* GBK cut inside its last character: not UTF-8 from byte 12 on, but
     * GB18030 up to byte 31, and that is the place the error names */
    {"report 2023\n大同市原煤产量1.6亿吨", 0, "GBK", NULL, 1, LS_EUTF8, 31, 2,
     "invalid GB18030 at byte 31 (line 2), and not UTF-8 either"},
    /* 0xFF is neither UTF-8 nor GB18030 */
    {"abc\n增长\xff\xfe\xfd 5%", 0, NULL, NULL, 0, LS_EUTF8, 10, 2,
     "invalid UTF-8 at byte 10 (line 2), and not GB18030 either"},
    /* a surrogate and a code point over U+10FFFF (GB18030 stops at 0x80) */
    {"\xED\xA0\x80", 0, NULL, NULL, 0, LS_EUTF8, 0, 1, "invalid UTF-8 at byte 0 (line 1)"},
    {"x\xF4\x90\x80\x80", 0, NULL, NULL, 0, LS_EUTF8, 1, 1, "invalid UTF-8 at byte 1 (line 1)"},
    /* after a UTF-8 BOM there is no GB18030 fallback: an overlong '/' */
    {"\xEF\xBB\xBF\n\xC0\xAF", 0, NULL, NULL, 0, LS_EUTF8, 4, 2,
     "invalid UTF-8 at byte 4 (line 2)"},
    {"abc\n\0def", 8, NULL, NULL, 0, LS_EBINARY, 4, 2, "NUL byte at byte 4: binary file?"},
    {"\xEF\xBB\xBF" "ab\0", 6, NULL, NULL, 0, LS_EBINARY, 5, 1, "NUL byte at byte 5"},
    {"增长\x01", 0, NULL, NULL, 0, LS_EBINARY, 6, 1,
     "control character U+0001 at byte 6: binary file?"},
    {"a\n\n\x1b[0m", 0, NULL, NULL, 0, LS_EBINARY, 3, 3, "control character U+001B at byte 3"},
    /* a control byte before the first bad byte: binary, not mis-encoded */
    {"ab\x02\xff", 0, NULL, NULL, 0, LS_EBINARY, 2, 1, "control character U+0002 at byte 2"},
    /* in GB18030 and UTF-16 the offset is into the decoded text */
    {"大\x01", 0, "GBK", NULL, 0, LS_EBINARY, 3, 1, "control character U+0001 at byte 3"},
    {"a\n\x1f", 0, "UTF-16LE", "\xFF\xFE", 0, LS_EBINARY, 2, 2, "control character U+001F"},
    /* UTF-16: odd length, lone low surrogate, high surrogate at the end */
    {"\xFF\xFE" "a\0b", 5, NULL, NULL, 0, LS_EUTF8, 4, 1, "invalid UTF-16 at byte 4 (line 1)"},
    {"\xFF\xFE" "a\0\n\0\x00\xDC" "b\0", 10, NULL, NULL, 0, LS_EUTF8, 6, 2,
     "invalid UTF-16 at byte 6 (line 2)"},
    {"\xFE\xFF\0a\xD8\x00", 6, NULL, NULL, 0, LS_EUTF8, 4, 1, "invalid UTF-16 at byte 4"},
};

/* Each case fails with its status, offset, line and message, and leaves
 * the input zeroed. */
static void test_failures(void **state)
{
    static const ls_input zero;
    char bytes[ENCODED_MAX];
    size_t c, len;
    ls_input in;
    ls_error err;

    (void)state;
    for (c = 0; c < sizeof fail_cases / sizeof *fail_cases; c++) {
        const fail_case *fc = &fail_cases[c];

        print_message("case %zu\n", c);
        if (fc->iconv_name) {
            len = encode(fc->iconv_name, fc->bom, fc->bytes, bytes);
        } else {
            len = fc->len ? fc->len : strlen(fc->bytes);
            memcpy(bytes, fc->bytes, len);
        }
        len -= fc->drop;
        memset(&err, 0, sizeof err);
        assert_int_equal(ls_input_decode(bytes, len, &in, &err), fc->status);
        assert_int_equal(err.code, fc->status);
        assert_int_equal(err.offset, fc->offset);
        assert_int_equal(err.line, fc->line);
        assert_non_null(strstr(err.message, fc->message));
        assert_memory_equal(&in, &zero, sizeof in);
        ls_input_release(&in);
    }
}

/* Input over 4 GiB - 1 bytes is refused before a byte is read. */
static void test_limit(void **state)
{
#if SIZE_MAX > 0xFFFFFFFFu
    char byte = 'a';
    ls_input in;
    ls_error err;

    (void)state;
    assert_int_equal(ls_input_decode(&byte, (size_t)0xFFFFFFFFu + 1, &in, &err), LS_ELIMIT);
    assert_int_equal(err.offset, LS_NO_OFFSET);
    assert_null(in.text);
#else
    (void)state;
    skip();
#endif
}

/* Release is safe on a zeroed input, twice, and with a NULL error. */
static void test_release(void **state)
{
    ls_input in;

    (void)state;
    memset(&in, 0, sizeof in);
    ls_input_release(&in);
    ls_input_release(NULL);
    assert_int_equal(ls_input_decode("a\0", 2, &in, NULL), LS_EBINARY);
    ls_input_release(&in);
    decode_ok("a", 1, &in);
    ls_input_release(&in);
    ls_input_release(&in);
    assert_null(in.text);
}

/* Appends 'count' copies of GB18030 FE 51, a 2-byte code for U+20087 𠂇
 * whose UTF-8 takes 4 bytes, to the 'len' bytes at 'bytes'; returns the
 * new length. Text of them outgrows the first guess at its UTF-8 size. */
static size_t append_fe51(char *bytes, size_t len, size_t count)
{
    size_t k;

    assert_true(len + 2 * count <= ENCODED_MAX);
    for (k = 0; k < count; k++) {
        bytes[len++] = '\xFE';
        bytes[len++] = '\x51';
    }
    return len;
}

/* GB18030 that doubles in size as UTF-8 is converted whole. */
static void test_gb18030_growth(void **state)
{
    char bytes[ENCODED_MAX];
    size_t len, k;
    ls_input in;

    (void)state;
    len = append_fe51(bytes, 0, 1000);
    decode_ok(bytes, len, &in);
    assert_int_equal(in.enc, LS_ENC_GB18030);
    assert_int_equal(in.text_len, 4000);
    for (k = 0; k < 1000; k++)
        assert_memory_equal(in.text + 4 * k, "𠂇", 4);
    ls_input_release(&in);
}

/* Failing each allocation in turn gives LS_ENOMEM and leaks nothing (ASan
 * checks); once enough succeed, the result is the same as without failure. */
static void test_alloc_failure(void **state)
{
    char bytes[ENCODED_MAX];
    char utf8[ENCODED_MAX];
    size_t len, k;
    long n;
    ls_input in;
    ls_error err;
    ls_status st = LS_ENOMEM;

    (void)state;
    /* enough folds to grow the mark array twice, enough 𠂇 to grow the text */
    utf8[0] = '\0';
    for (k = 0; k < 40; k++)
        strcat(utf8, "原煤产量１．６亿吨；");
    len = append_fe51(bytes, encode("GB18030", NULL, utf8, bytes), 400);
    for (n = 0; n < 100; n++) {
        ls_alloc_fail_after(n);
        st = ls_input_decode(bytes, len, &in, &err);
        ls_alloc_fail_after(-1);
        ls_input_release(&in);
        if (st == LS_OK)
            break;
        assert_int_equal(st, LS_ENOMEM);
        assert_int_equal(err.code, LS_ENOMEM);
    }
    assert_int_equal(st, LS_OK);
    assert_int_equal(n, 6); /* text, grown text, norm, marks, grown twice */
}

/* ---- A long text decoded in pieces on threads ------------------------- */

/* Lines with every fold (full-width forms, U+3000, CRLF, bold markers),
 * plain Chinese and ASCII, and a long line with no line end, repeated to
 * about 'size' bytes; the caller frees it. */
static char *folding_text(size_t size, const char *head, size_t *len)
{
    static const char *const lines[] = {
        "原煤产量１．６亿吨；增长７％\r\n",
        "\xE3\x80\x80\xE3\x80\x80**一、坚持工业强市**\n",
        "plain ASCII line 12.5%\n",
        "全年地区生产总值增长5.5%左右，城镇新增就业4万人以上。\n",
        "*单个星号*与**粗体**混排，ＡＢＣ１２３\n",
        "\n",
    };
    char *s = malloc(size + 4096);
    size_t n = 0, k = 0, i;

    assert_non_null(s);
    n = strlen(head);
    memcpy(s, head, n);
    while (n < size) {
        const char *line = lines[k++ % (sizeof lines / sizeof lines[0])];
        memcpy(s + n, line, strlen(line));
        n += strlen(line);
        /* now and then a long line: a piece's cut moves to its end */
        if (k % 997 == 0)
            for (i = 0; i < 300; i++, n += 3)
                memcpy(s + n, "增", 3);
    }
    s[n] = '\0';
    *len = n;
    return s;
}

/* 'a' and 'b' decoded the same: status, error, text, norm, marks, flags. */
static void same_decoding(ls_status sa, const ls_error *ea, const ls_input *a, ls_status sb,
                          const ls_error *eb, const ls_input *b)
{
    assert_int_equal(sa, sb);
    if (sa != LS_OK) {
        assert_int_equal(ea->offset, eb->offset);
        assert_string_equal(ea->message, eb->message);
        return;
    }
    assert_int_equal(a->enc, b->enc);
    assert_int_equal(a->has_bold, b->has_bold);
    assert_int_equal(a->text_len, b->text_len);
    assert_memory_equal(a->text, b->text, a->text_len + 1);
    assert_int_equal(a->norm_len, b->norm_len);
    assert_memory_equal(a->norm, b->norm, a->norm_len + 1);
    assert_int_equal(a->mark_count, b->mark_count);
    if (a->mark_count)
        assert_memory_equal(a->marks, b->marks, a->mark_count * sizeof *a->marks);
}

/* Every cut of a folding text into pieces decodes as one pass does, also
 * with a BOM, a NUL or a control byte in a later piece (the same error),
 * bytes that are GB18030 in a later piece (decoded as GB18030 whole), and
 * UTF-16 (one pass). */
static void test_pieces(void **state)
{
    static const size_t cuts[] = {2, 3, 7, 16, 40};
    static const char *const heads[] = {"", "\xEF\xBB\xBF", "\xFF\xFE"};
    size_t h, c, len;
    int variant;

    (void)state;
    for (h = 0; h < sizeof heads / sizeof heads[0]; h++) {
        for (variant = 0; variant < 4; variant++) {
            char *s = folding_text(200000, heads[h], &len);
            ls_input one, cut;
            ls_error e1, e2;
            ls_status s1, s2;
            if (variant == 1)
                s[len * 2 / 3] = '\0'; /* a NUL in a later piece */
            else if (variant == 2)
                s[len * 3 / 4] = '\x01';
            else if (variant == 3)
                memcpy(s + len - 400, "\xB4\xF3\xCD\xAC", 4); /* 大同 in GBK */
            s1 = ls_input_decode(s, len, &one, &e1);
            for (c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
                s2 = ls_input_decode_pieces(s, len, cuts[c], &cut, &e2);
                same_decoding(s1, &e1, &one, s2, &e2, &cut);
                ls_input_release(&cut);
            }
            if (variant == 0 && h < 2) {
                /* the text folds: marks on both sides of every cut */
                assert_int_equal(s1, LS_OK);
                assert_true(one.mark_count > 1000);
                assert_true(one.has_bold);
            }
            ls_input_release(&one);
            free(s);
        }
    }
}

/* Memory that runs out while pieces decode: LS_ENOMEM or the text of one
 * pass, and no leak (ASan). */
static void test_pieces_alloc_failure(void **state)
{
    size_t len;
    char *s = folding_text(50000, "", &len);
    ls_input one, cut;
    ls_error err;
    ls_status st = LS_ENOMEM;
    long n;

    (void)state;
    assert_int_equal(ls_input_decode(s, len, &one, &err), LS_OK);
    for (n = 0; n < 200 && st != LS_OK; n++) {
        ls_alloc_fail_after(n);
        st = ls_input_decode_pieces(s, len, 3, &cut, &err);
        ls_alloc_fail_after(-1);
        if (st == LS_OK)
            same_decoding(LS_OK, NULL, &one, st, NULL, &cut);
        else
            assert_int_equal(st, LS_ENOMEM);
        ls_input_release(&cut);
    }
    assert_int_equal(st, LS_OK);
    assert_true(n > 4); /* text, norm, a piece's marks, the joined marks */
    ls_input_release(&one);
    free(s);
}

/* Every byte that matters in a UTF-8 sequence: ASCII, the ends of the
 * continuation ranges (80 8F 90 9F A0 BF), every kind of lead (C0 C1 C2 DF
 * E0 E1 EC ED EE EF F0 F1 F3 F4 F5 FF). */
static const unsigned char edge_bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                           0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                           0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

/* ls_utf8_valid_prefix agrees with the reference on every sequence of one
 * to four edge bytes, put in Chinese text at each place of a sixteen-byte
 * block (SSSE3's blocks) and across two blocks, and across the blocks of
 * thirty-two bytes (AVX2's) up to the third, at the end of the text and
 * before more of it (test_input_ssse3 runs it without the AVX2 path). */
static void test_utf8_valid_prefix(void **state)
{
    static const char chinese[] = "政府工作报告二〇二四年完成投资一百亿元，增长百分之五。";
    unsigned char buf[128];
    size_t nb = sizeof edge_bytes, a, b, c, d, at, k, n, checked = 0;
    const size_t places[] = {0, 1, 13, 14, 15, 16, 17, 29, 31, 32, 45, 61, 62, 63, 64, 65};

    (void)state;
    for (a = 0; a < nb; a++)
        for (b = 0; b <= nb; b++)
            for (c = 0; c <= (b < nb ? nb : 0); c++)
                for (d = 0; d <= (c < nb && edge_bytes[a] >= 0xF0 ? nb : 0); d++)
                    for (k = 0; k < sizeof places / sizeof places[0]; k++) {
                        unsigned char seq[4];
                        size_t m = 0, tail;
                        seq[m++] = edge_bytes[a];
                        if (b < nb)
                            seq[m++] = edge_bytes[b];
                        if (b < nb && c < nb)
                            seq[m++] = edge_bytes[c];
                        if (b < nb && c < nb && d < nb)
                            seq[m++] = edge_bytes[d];
                        /* Chinese up to the place (cut at a character), the
                         * bytes, then Chinese again or the end */
                        at = places[k] - places[k] % 3;
                        memcpy(buf, chinese, at);
                        memset(buf + at, 'x', places[k] - at);
                        at = places[k];
                        memcpy(buf + at, seq, m);
                        n = at + m;
                        for (tail = 0; tail < 2; tail++) {
                            size_t len = n + (tail ? 36 : 0);
                            if (tail)
                                memcpy(buf + n, chinese, 36);
                            assert_int_equal(ls_utf8_valid_prefix((const char *)buf, len),
                                             utf8_reference_prefix(buf, len));
                            checked++;
                        }
                    }
    assert_true(checked > 100000);
}

/* The VmFlags of the mapping of this process that holds address 'at'
 * (/proc/self/smaps) into 'flags'; 0 when none holds it. */
static int vm_flags_at(const void *at, char *flags, size_t size)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int inside = 0, found = 0;

    assert_non_null(f);
    while (!found && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
            inside = (uintptr_t)at >= lo && (uintptr_t)at < hi;
        else if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            size_t n = strlen(line + 8) < size ? strlen(line + 8) : size - 1;
            memcpy(flags, line + 8, n);
            flags[n] = '\0';
            found = 1;
        }
    }
    fclose(f);
    return found;
}

/* A block of LS_HUGE_MIN bytes or more from ls_malloc is marked for huge
 * pages ("hg") over the whole 2 MB pages inside it, and nothing outside
 * it; a smaller block, or a grown one, is not. Skipped where the kernel
 * has no transparent huge pages. */
static void test_huge_hint(void **state)
{
    const uintptr_t two_mb = (uintptr_t)2 << 20;
    char flags[256];
    char *big, *small;
    uintptr_t inside;

    (void)state;
    if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) != 0)
        skip();
    big = ls_malloc(LS_HUGE_MIN * 2);
    small = ls_malloc(LS_HUGE_MIN / 2);
    assert_non_null(big);
    assert_non_null(small);
    inside = ((uintptr_t)big + two_mb - 1) & ~(two_mb - 1);
    assert_true(vm_flags_at((void *)inside, flags, sizeof flags));
    assert_non_null(strstr(flags, " hg"));
    /* the block's first bytes share their 2 MB page with what comes before */
    if ((uintptr_t)big & (two_mb - 1)) {
        assert_true(vm_flags_at(big, flags, sizeof flags));
        assert_null(strstr(flags, " hg"));
    }
    assert_true(vm_flags_at(small + LS_HUGE_MIN / 4, flags, sizeof flags));
    assert_null(strstr(flags, " hg"));
    ls_free(big);
    ls_free(small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_table),    cmocka_unit_test(test_no_marks),
        cmocka_unit_test(test_many_marks),    cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_gb18030_offsets), cmocka_unit_test(test_gb18030_growth),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_limit),         cmocka_unit_test(test_release),
        cmocka_unit_test(test_alloc_failure), cmocka_unit_test(test_utf8_valid_prefix),
        cmocka_unit_test(test_pieces),        cmocka_unit_test(test_pieces_alloc_failure),
        cmocka_unit_test(test_huge_hint),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
