/*
 * lines.c — line breaks that break a sentence of a web page.
 *
 * A page saved as text keeps the line breaks its markup put around a bold
 * phrase, a quote or a subscript (今年经济社会发展的\n主要预期目标\n是：…,
 * 做到“\n两个维护\n”). Such a break joins its lines: the outline reads
 * them as one line (its pieces are no headings) and the task stage as one
 * clause. Breaks between paragraphs are left as they are.
 *
 * Invariant: only the bytes next to the break are read (LOOK_BACK before
 * it, PIECE_MAX after), so a pass over every break of a text is linear.
 */
#include "lines.h"

#include "text.h"

#define PIECE_MAX 4 /* characters of a subscript standing on its own line */

/* Marks that end a sentence or introduce what follows: a line ending with
 * one is whole. */
static const ls_word line_ends[] = {LS_W("。"), LS_W("!"),  LS_W("?"),  LS_W(";"),
                                    LS_W(":"),  LS_W("；"), LS_W("："), LS_W_END};
/* Marks and words that open a line that goes on with the sentence before. */
static const ls_word continuations[] = {
    LS_W("”"), LS_W("’"),  LS_W("》"), LS_W(")"),  LS_W(","),   LS_W("，"),  LS_W("、"), LS_W("。"),
    LS_W(";"), LS_W("；"), LS_W(":"),  LS_W("："), LS_W("是:"), LS_W("为:"), LS_W_END};
/* Marks (and 的) that end a line whose sentence goes on on the next. */
static const ls_word openings[] = {LS_W("“"), LS_W("‘"),  LS_W("《"),
                                   LS_W("("), LS_W("的"), LS_W_END};

#define LOOK_BACK 16 /* bytes read back from a line break: a mark, 的, a short piece */

/* The start of the line that ends at 'end' (exclusive), or a point
 * LOOK_BACK bytes before 'end' on a character boundary when the line is
 * longer: only its last characters are read. '*whole' tells which. */
static size_t line_start(const char *s, size_t end, int *whole)
{
    size_t a = end;

    while (a > 0 && s[a - 1] != '\n' && end - a < LOOK_BACK)
        a--;
    *whole = a == 0 || s[a - 1] == '\n';
    while (!*whole && a < end && ((unsigned char)s[a] & 0xC0) == 0x80)
        a++;
    return a;
}

/* The end of the line that starts at 'a', or a point past PIECE_MAX bytes
 * of it when it is longer (a subscript is shorter). */
static size_t line_end(const char *s, size_t len, size_t a)
{
    size_t e = a;

    while (e < len && s[e] != '\n' && e - a <= PIECE_MAX)
        e++;
    return e;
}

/* True when [a, b) is a short run of ASCII letters, digits and '.': a
 * subscript or the letters it follows (PM 2.5, CO 2). */
static int ascii_piece(const char *s, size_t a, size_t b)
{
    size_t i;

    if (b == a || b - a > PIECE_MAX)
        return 0;
    for (i = a; i < b; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= 'a' && s[i] <= 'z') || s[i] == '.'))
            return 0;
    return 1;
}

int ls_line_joins_next(const char *s, size_t len, size_t nl)
{
    int whole;
    size_t a = line_start(s, nl, &whole), b = nl, next = nl + 1, next_end;

    while (b > a && s[b - 1] == ' ')
        b--;
    /* a blank line, a paragraph's end or the end of the text break */
    if (b == a || next >= len || s[next] == '\n' || s[next] == ' ' ||
        ls_text_ends_with_any(s, a, b, line_ends))
        return 0;
    /* 》》点击图片进入专题《《: marks doubled around a link open nothing */
    if ((ls_text_ends_with_any(s, a, b, openings) && !ls_text_ends_with(s, a, b, "《《")) ||
        ls_text_starts_with_any(s, next, len, continuations))
        return 1;
    next_end = line_end(s, len, next);
    /* a subscript alone on its line, or the line before one */
    return ascii_piece(s, next, next_end) ||
           (whole && ascii_piece(s, a, b) && a > 0 && ls_text_is_han(s, next, len));
}
