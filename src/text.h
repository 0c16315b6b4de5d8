/*
 * text.h — small helpers for looking around an offset in UTF-8 text.
 *
 * Used by the classifiers that read the words before and after a number.
 * All take the text, an offset, and a bound, and never read outside it.
 */
#ifndef LS_TEXT_H
#define LS_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The offset of the character before 'pos' (0 stays 0). */
static inline size_t ls_text_prev(const char *s, size_t pos)
{
    if (pos == 0)
        return 0;
    pos--;
    while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

/* The offset just past the character at 'pos'. */
static inline size_t ls_text_next(const char *s, size_t pos, size_t len)
{
    if (pos >= len)
        return len;
    pos++;
    while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
        pos++;
    return pos;
}

/* A word of a list, with its length known at compile time: word lists
 * are tables of LS_W("…") ended by LS_W_END, scanned on every figure, so
 * neither strlen nor a call to memcmp is spent on words whose edge byte
 * already differs. */
typedef struct {
    const char *s;
    size_t n;
} ls_word;

#define LS_W(literal) {(literal), sizeof(literal) - 1}
#define LS_W_END {NULL, 0}

/* True when the 'n' bytes at 'a' equal those at 'b' (short words). */
static inline int ls_text_same(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* True when the text before 'pos' (not before 'floor') ends with 'word'. */
static inline int ls_text_ends_with(const char *s, size_t floor, size_t pos, const char *word)
{
    size_t n = strlen(word);

    return pos >= floor + n && ls_text_same(s + pos - n, word, n);
}

/* True when the text at 'pos' (before 'len') starts with 'word'. */
static inline int ls_text_starts_with(const char *s, size_t pos, size_t len, const char *word)
{
    size_t n;

    if (pos >= len || s[pos] != word[0])
        return 0;
    n = strlen(word);
    return pos + n <= len && ls_text_same(s + pos, word, n);
}

/* Length of the longest word of 'words' that the text before 'pos' (not
 * before 'floor') ends with, or 0. */
static inline size_t ls_text_ends_with_any(const char *s, size_t floor, size_t pos,
                                           const ls_word *words)
{
    size_t best = 0;
    char last;

    if (pos <= floor)
        return 0;
    /* the last byte first: of a Chinese word it is a continuation byte, which
     * tells most words apart at once */
    last = s[pos - 1];
    for (; words->s; words++) {
        size_t n = words->n;
        if (words->s[n - 1] == last && n > best && pos >= floor + n &&
            ls_text_same(s + pos - n, words->s, n))
            best = n;
    }
    return best;
}

/* Length of the longest word of 'words' that the text at 'pos' starts with. */
static inline size_t ls_text_starts_with_any(const char *s, size_t pos, size_t len,
                                             const ls_word *words)
{
    size_t best = 0;

    if (pos >= len)
        return 0;
    /* the first and the last byte first: the last byte of a Chinese word
     * is a continuation byte, which tells words apart as its lead cannot */
    for (; words->s; words++) {
        size_t n = words->n;
        if (n > best && s[pos] == words->s[0] && pos + n <= len &&
            s[pos + n - 1] == words->s[n - 1] && ls_text_same(s + pos, words->s, n))
            best = n;
    }
    return best;
}

/* A filter on where a word of a list can start, for scans that try every
 * position of a text: one bit per first byte of the one-byte words, one
 * per hash of the first two bytes of two-byte words, and one per hash of
 * the first three bytes of the longer ones (a Chinese character). A
 * position it rejects starts no word of the list; one it passes may (then
 * compare). Built on the stack by the scan from its lists: no global state. */
typedef struct {
    unsigned char one[32];
    unsigned char two[32];
    unsigned char three[128];
} ls_word_filter;

static inline unsigned ls_word_filter_hash2(const char *p)
{
    return ((unsigned char)p[0] * 31u + (unsigned char)p[1]) & 255u;
}

static inline unsigned ls_word_filter_hash3(const char *p)
{
    return (((unsigned char)p[0] * 31u + (unsigned char)p[1]) * 31u + (unsigned char)p[2]) &
           1023u;
}

/* Adds the words of 'words' to 'f' (which starts zeroed). */
static inline void ls_word_filter_add(ls_word_filter *f, const ls_word *words)
{
    unsigned k;

    for (; words->s; words++) {
        if (words->n == 1) {
            k = (unsigned char)words->s[0];
            f->one[k >> 3] |= (unsigned char)(1u << (k & 7));
        } else if (words->n == 2) {
            k = ls_word_filter_hash2(words->s);
            f->two[k >> 3] |= (unsigned char)(1u << (k & 7));
        } else {
            k = ls_word_filter_hash3(words->s);
            f->three[k >> 3] |= (unsigned char)(1u << (k & 7));
        }
    }
}

/* False when no word of the filter's lists starts at 'p', a position in a
 * NUL-terminated text (bytes are read only up to its NUL). */
static inline int ls_word_filter_may(const ls_word_filter *f, const char *p)
{
    unsigned c = (unsigned char)p[0], k;

    if (f->one[c >> 3] >> (c & 7) & 1)
        return 1;
    if (!p[1])
        return 0;
    k = ls_word_filter_hash2(p);
    if (f->two[k >> 3] >> (k & 7) & 1)
        return 1;
    if (!p[2])
        return 0;
    k = ls_word_filter_hash3(p);
    return f->three[k >> 3] >> (k & 7) & 1;
}

/* Adds to 'f' the last character of each word of 'words' as a word of its
 * own, for ls_word_filter_may_end. A word that does not end with a
 * character of three bytes (a Chinese one) makes 'f' let every position
 * through. */
static inline void ls_word_filter_add_ends(ls_word_filter *f, const ls_word *words)
{
    for (; words->s; words++) {
        ls_word last[2] = {{words->s + words->n - 3, 3}, LS_W_END};
        if (words->n < 3 || ((unsigned char)last[0].s[0] & 0xF0) != 0xE0) {
            memset(f, 0xFF, sizeof *f);
            return;
        }
        ls_word_filter_add(f, last);
    }
}

/* False when no word added to 'f' by ls_word_filter_add_ends can end at
 * 'pos' of the NUL-terminated 's' (the text from 'floor' on): the three
 * bytes before 'pos' are the last character of none. */
static inline int ls_word_filter_may_end(const ls_word_filter *f, const char *s, size_t floor,
                                         size_t pos)
{
    return pos < floor + 3 || ls_word_filter_may(f, s + pos - 3);
}

/* The offset of the first word of 'words' in [a, b) of the NUL-terminated
 * 's' (a character's start), or b. Words begin a character: only the
 * starts of characters are tried, and in a span long enough to pay for it
 * a filter of the words' first bytes (ls_word_filter) passes over most. */
#define LS_TEXT_FIND_FILTER_MIN 24 /* bytes of a span worth a filter (measured: 12–96) */
static inline size_t ls_text_find_any(const char *s, size_t a, size_t b, const ls_word *words)
{
    ls_word_filter f;

    if (b - a < LS_TEXT_FIND_FILTER_MIN) {
        for (; a < b; a = ls_text_next(s, a, b))
            if (ls_text_starts_with_any(s, a, b, words))
                return a;
        return b;
    }
    memset(&f, 0, sizeof f);
    ls_word_filter_add(&f, words);
    for (; a < b; a = ls_text_next(s, a, b))
        if (ls_word_filter_may(&f, s + a) && ls_text_starts_with_any(s, a, b, words))
            return a;
    return b;
}

/* A list of words of three bytes or more (each begins with a Chinese
 * character) indexed by the hash of its first three bytes, for a scan that
 * asks at every character which word of a long list starts there: it
 * compares only the words of that character's bucket, where
 * ls_text_starts_with_any compares them all. Up to LS_WORD_INDEX_MAX words;
 * built on the stack by the scan, no global state. */
#define LS_WORD_INDEX_MAX 255
typedef struct {
    const ls_word *words;
    unsigned long long thirds;           /* bit (b & 63) set for each third byte b of a word */
    unsigned char head[1024];            /* per hash: 1 + the first word, or 0 */
    unsigned char next[LS_WORD_INDEX_MAX]; /* per word: 1 + the next of its bucket, or 0 */
} ls_word_index;

/* Indexes 'words' (terminated by LS_W_END) into 'x'; 0 when a word is
 * shorter than three bytes or there are too many. */
static inline int ls_word_index_build(ls_word_index *x, const ls_word *words)
{
    size_t n = 0, i;

    memset(x, 0, sizeof *x);
    x->words = words;
    while (words[n].s)
        if (words[n++].n < 3 || n > LS_WORD_INDEX_MAX)
            return 0;
    /* from the last word, so that each bucket lists its words in order */
    for (i = n; i-- > 0;) {
        unsigned k = ls_word_filter_hash3(words[i].s);
        x->next[i] = x->head[k];
        x->head[k] = (unsigned char)(i + 1);
        x->thirds |= 1ull << ((unsigned char)words[i].s[2] & 63);
    }
    return 1;
}

/* ls_text_starts_with_any(s, pos, len, x->words) through the index: the
 * length of the longest word of the list that the text at 'pos' starts
 * with ('s' NUL-terminated). */
static inline size_t ls_word_index_starts(const ls_word_index *x, const char *s, size_t pos,
                                          size_t len)
{
    size_t best = 0;
    unsigned i;

    if (pos + 3 > len)
        return 0;
    /* most characters end with a byte that ends no word's first character */
    if (!(x->thirds >> ((unsigned char)s[pos + 2] & 63) & 1))
        return 0;
    for (i = x->head[ls_word_filter_hash3(s + pos)]; i; i = x->next[i - 1]) {
        const ls_word *w = &x->words[i - 1];
        if (w->n > best && pos + w->n <= len && ls_text_same(s + pos, w->s, w->n))
            best = w->n;
    }
    return best;
}

/* Indexes 'words' into 'x' by their last character, for
 * ls_word_index_ends; 0 when a word does not end with a character of three
 * bytes (a Chinese one) or there are too many. */
static inline int ls_word_index_build_ends(ls_word_index *x, const ls_word *words)
{
    size_t n = 0, i;

    memset(x, 0, sizeof *x);
    x->words = words;
    for (; words[n].s; n++)
        if (n >= LS_WORD_INDEX_MAX || words[n].n < 3 ||
            ((unsigned char)words[n].s[words[n].n - 3] & 0xF0) != 0xE0)
            return 0;
    for (i = n; i-- > 0;) {
        const char *last = words[i].s + words[i].n - 3;
        unsigned k = ls_word_filter_hash3(last);
        x->next[i] = x->head[k];
        x->head[k] = (unsigned char)(i + 1);
        x->thirds |= 1ull << ((unsigned char)last[2] & 63);
    }
    return 1;
}

/* ls_text_ends_with_any(s, floor, pos, x->words) through an index of
 * ls_word_index_build_ends: only the words that end with the character
 * before 'pos' are compared. */
static inline size_t ls_word_index_ends(const ls_word_index *x, const char *s, size_t floor,
                                        size_t pos)
{
    size_t best = 0;
    unsigned i;

    if (pos < floor + 3 || !(x->thirds >> ((unsigned char)s[pos - 1] & 63) & 1))
        return 0;
    for (i = x->head[ls_word_filter_hash3(s + pos - 3)]; i; i = x->next[i - 1]) {
        const ls_word *w = &x->words[i - 1];
        if (w->n > best && pos >= floor + w->n && ls_text_same(s + pos - w->n, w->s, w->n))
            best = w->n;
    }
    return best;
}

/* 'pos' moved back over ASCII spaces (not before 'floor'): 增长 12.5%. */
static inline size_t ls_text_back_spaces(const char *s, size_t floor, size_t pos)
{
    while (pos > floor && s[pos - 1] == ' ')
        pos--;
    return pos;
}

/* 'pos' moved forward over at most two ASCII spaces: 20 万辆. */
static inline size_t ls_text_skip_spaces(const char *s, size_t pos)
{
    if (s[pos] == ' ')
        pos++;
    if (s[pos] == ' ')
        pos++;
    return pos;
}

/* The number of UTF-8 continuation bytes (10xxxxxx) among the eight bytes
 * at 'p', counted in one 64-bit word: bit 7 set and bit 6 clear. */
static inline size_t ls_text_continuations8(const char *p)
{
    uint64_t x, cont;

    memcpy(&x, p, 8);
    cont = x & ~(x << 1) & 0x8080808080808080ull;
    /* one bit per byte, at bit 7: gather them into the top byte */
    return (size_t)(((cont >> 7) * 0x0101010101010101ull) >> 56);
}

/* The number of UTF-8 characters in [a, b). */
static inline size_t ls_text_chars(const char *s, size_t a, size_t b)
{
    size_t n = 0;

    for (; a < b && b - a >= 8; a += 8)
        n += 8 - ls_text_continuations8(s + a);
    for (; a < b; a++)
        if (((unsigned char)s[a] & 0xC0) != 0x80)
            n++;
    return n;
}

/* The number of UTF-8 characters in [a, b), counted no further than
 * 'cap' + 1: enough to compare it with 'cap' (a heading is short; the
 * paragraph it would open need not be counted to the end). */
static inline size_t ls_text_chars_max(const char *s, size_t a, size_t b, size_t cap)
{
    size_t n = 0;

    /* a character is at most four bytes (three more of one cut at 'a'):
     * a span of 4 * cap + 8 bytes holds more than 'cap' (a paragraph) */
    if (b > a && b - a >= 8 && (b - a - 8) / 4 >= cap)
        return cap + 1;
    /* eight bytes at a time while even eight more characters keep n <= cap:
     * the byte loop would take all eight too */
    for (; a < b && b - a >= 8 && n + 8 <= cap; a += 8)
        n += 8 - ls_text_continuations8(s + a);
    for (; a < b && n <= cap; a++)
        if (((unsigned char)s[a] & 0xC0) != 0x80)
            n++;
    return n;
}

/* True when the byte at 'pos' begins a CJK ideograph (U+3400..U+9FFF). */
static inline int ls_text_is_han(const char *s, size_t pos, size_t len)
{
    const unsigned char *p = (const unsigned char *)s + pos;

    if (pos + 3 > len)
        return 0;
    return (p[0] >= 0xE3 && p[0] <= 0xE9) && !(p[0] == 0xE3 && p[1] < 0x90);
}

#endif
