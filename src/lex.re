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
#include "prefilter.h"

/*!include:re2c "units.re" */

/* ORDER NUMERALS: a character added to cn_num (or a rule that starts a
 * numeral otherwise) goes into prefilter.c too, or the scanner is never
 * entered there; tests/test_prefilter.c and fuzz/fuzz_parse.c list them. */
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

size_t ls_lex_next(const char *text, size_t len, size_t pos, ls_token *tok)
{
    const unsigned char *start, *YYCURSOR, *YYMARKER;

    for (;;) {
        /* the scanner is entered only where a numeral begins (prefilter.c):
         * every other character of a report is skipped sixteen bytes at a
         * time; at 'len' it meets the NUL that ends the text */
        pos = ls_prefilter_numeral(text, pos, len);
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
