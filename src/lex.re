/*
 * lex.re — re2c rules for the pieces of a quantity: numerals, scale words,
 * units and measure words, comparators after a number, range and product
 * signs. lex.c is generated from this file by re2c (see CMakeLists.txt).
 *
 * Scan liberally: each rule only says how many bytes look like a piece;
 * numbers.c decides what a run is worth and extract.c what it means.
 * Every scanner reads the folded text (input.h), which is NUL-terminated
 * and holds no NUL byte, so a NUL is the end of input.
 */
#include "lex.h"

/*!include:re2c "units.re" */

/*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;
    re2c:flags:utf-8 = 1;

    arabic  = [0-9]+ ("," [0-9]{3})* ("." [0-9]+)?;
    cn_num  = ("〇" | "零" | "一" | "二" | "两" | "三" | "四" | "五" | "六" | "七" | "八" | "九"
              | "十" | "百" | "千" | "万" | "亿")+;
    scale   = "十" | "百" | "千" | "万" | "亿" | "十万" | "百万" | "千万" | "万亿" | "百亿" | "千亿";
    any     = [\x01-\U0010FFFF];
*/

/* Whether a numeral can begin at 'p': an ASCII digit, one of the Chinese
 * numeral characters of cn_num and 半 (ORDER NUMERALS: the rules above), or
 * the NUL that ends the text. Most characters of a report are neither, and
 * this test is cheaper than entering the scanner at each of them. */
static int can_start_numeral(const unsigned char *p)
{
    if (p[0] < 0x80)
        return (p[0] >= '0' && p[0] <= '9') || p[0] == 0;
    /* a quick no for most characters: the second bytes each lead byte E3..E9
     * can have in a numeral, as bits of (second byte - 0x80) */
    static const unsigned long long second[7] = {
        1ULL << 0x00,                                  /* E3: 〇 */
        (1ULL << 0x38) | (1ULL << 0x39) | (1ULL << 0x3A), /* E4: 一两三七万 九 二五亿 */
        (1ULL << 0x05) | (1ULL << 0x0D) | (1ULL << 0x1B), /* E5: 六八 十千半 四 */
        0,                                             /* E6 */
        1ULL << 0x19,                                  /* E7: 百 */
        0,                                             /* E8 */
        1ULL << 0x1B,                                  /* E9: 零 */
    };

    if (p[0] < 0xE3 || p[0] > 0xE9 || (p[1] & 0xC0) != 0x80 ||
        !(second[p[0] - 0xE3] >> (p[1] - 0x80) & 1))
        return 0;
    /* a lead byte E3..E9 starts a 3-byte character: two more bytes follow */
    switch (((unsigned)p[0] << 16) | ((unsigned)p[1] << 8) | p[2]) {
    case 0xE38087: /* 〇 */
    case 0xE99BB6: /* 零 */
    case 0xE4B880: /* 一 */
    case 0xE4BA8C: /* 二 */
    case 0xE4B8A4: /* 两 */
    case 0xE4B889: /* 三 */
    case 0xE59B9B: /* 四 */
    case 0xE4BA94: /* 五 */
    case 0xE585AD: /* 六 */
    case 0xE4B883: /* 七 */
    case 0xE585AB: /* 八 */
    case 0xE4B99D: /* 九 */
    case 0xE58D81: /* 十 */
    case 0xE799BE: /* 百 */
    case 0xE58D83: /* 千 */
    case 0xE4B887: /* 万 */
    case 0xE4BABF: /* 亿 */
    case 0xE58D8A: /* 半 */
        return 1;
    default:
        return 0;
    }
}

/* The length of the character at 'p': its lead byte's count, cut short at
 * a byte that does not continue it (as the scanner's default rule steps). */
static size_t char_length(const unsigned char *p)
{
    size_t n = p[0] < 0xC0 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4, i;

    for (i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return i;
    return n;
}

size_t ls_lex_next(const char *text, size_t pos, ls_token *tok)
{
    const unsigned char *start, *YYCURSOR, *YYMARKER;

    for (;;) {
        while (!can_start_numeral((const unsigned char *)text + pos))
            pos += char_length((const unsigned char *)text + pos);
        start = YYCURSOR = (const unsigned char *)text + pos;
        /*!re2c
            arabic { tok->type = LS_TOK_ARABIC; goto found; }
            cn_num { tok->type = LS_TOK_CHINESE; goto found; }
            "半"    { tok->type = LS_TOK_CHINESE; goto found; }
            [\x00] { return (size_t)-1; }
            any    { pos += (size_t)(YYCURSOR - start); continue; }
            *      { pos += 1; continue; }
        */
    }
found:
    tok->start = pos;
    tok->end = pos + (size_t)(YYCURSOR - start);
    return tok->start;
}

int ls_lex_numeral_at(const char *text, size_t pos, ls_token *tok)
{
    const unsigned char *start = (const unsigned char *)text + pos;
    const unsigned char *YYCURSOR = start, *YYMARKER;

    /*!re2c
        arabic { tok->type = LS_TOK_ARABIC; goto found; }
        cn_num { tok->type = LS_TOK_CHINESE; goto found; }
        "半"    { tok->type = LS_TOK_CHINESE; goto found; }
        *      { return 0; }
    */
found:
    tok->start = pos;
    tok->end = pos + (size_t)(YYCURSOR - start);
    return 1;
}

size_t ls_lex_piece(const char *text, size_t pos, ls_piece *piece)
{
    const unsigned char *start = (const unsigned char *)text + pos;
    const unsigned char *YYCURSOR = start, *YYMARKER;

    /*!re2c
        not_unit_word           { *piece = LS_PIECE_NONE; return 0; }
        unit_word               { *piece = LS_PIECE_UNIT; goto done; }
        scale                   { *piece = LS_PIECE_SCALE; goto done; }
        "余" | "多"              { *piece = LS_PIECE_MORE; goto done; }
        "以上" | "及以上"        { *piece = LS_PIECE_GE; goto done; }
        "以内" | "以下" | "之内" | "及以下"
                                { *piece = LS_PIECE_LE; goto done; }
        "左右" | "上下"           { *piece = LS_PIECE_APPROX; goto done; }
        "—" | "–" | "-" | "~" | "至" | "到" | "—" "—" | "-" "-"
                                { *piece = LS_PIECE_RANGE; goto done; }
        "×" | "*" | "x" | "X"   { *piece = LS_PIECE_TIMES; goto done; }
        "分之"                   { *piece = LS_PIECE_FRACTION; goto done; }
        "/"                     { *piece = LS_PIECE_SLASH; goto done; }
        "."                     { *piece = LS_PIECE_DOT; goto done; }
        [a-zA-Z]                { *piece = LS_PIECE_LATIN; goto done; }
        [\x00]                  { *piece = LS_PIECE_NONE; return 0; }
        any                     { *piece = LS_PIECE_NONE; return 0; }
        *                       { *piece = LS_PIECE_NONE; return 0; }
    */
done:
    return (size_t)(YYCURSOR - start);
}
