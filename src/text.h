/*
 * text.h — small helpers for looking around an offset in UTF-8 text.
 *
 * Used by the classifiers that read the words before and after a number.
 * All take the text, an offset, and a bound, and never read outside it.
 */
#ifndef LS_TEXT_H
#define LS_TEXT_H

#include <stddef.h>
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

/* True when the text before 'pos' (not before 'floor') ends with 'word'. */
static inline int ls_text_ends_with(const char *s, size_t floor, size_t pos, const char *word)
{
    size_t n = strlen(word);

    return pos >= floor + n && memcmp(s + pos - n, word, n) == 0;
}

/* True when the text at 'pos' (before 'len') starts with 'word'. */
static inline int ls_text_starts_with(const char *s, size_t pos, size_t len, const char *word)
{
    size_t n = strlen(word);

    return pos + n <= len && memcmp(s + pos, word, n) == 0;
}

/* Length of the longest word of 'words' (NULL-terminated list) that the
 * text before 'pos' ends with, or 0. */
static inline size_t ls_text_ends_with_any(const char *s, size_t floor, size_t pos,
                                           const char *const *words)
{
    size_t best = 0;

    for (; *words; words++) {
        size_t n = strlen(*words);
        if (n > best && ls_text_ends_with(s, floor, pos, *words))
            best = n;
    }
    return best;
}

/* Length of the longest word of 'words' that the text at 'pos' starts with. */
static inline size_t ls_text_starts_with_any(const char *s, size_t pos, size_t len,
                                             const char *const *words)
{
    size_t best = 0;

    for (; *words; words++) {
        size_t n = strlen(*words);
        if (n > best && ls_text_starts_with(s, pos, len, *words))
            best = n;
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

/* The number of UTF-8 characters in [a, b). */
static inline size_t ls_text_chars(const char *s, size_t a, size_t b)
{
    size_t n = 0;

    for (; a < b; a++)
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
