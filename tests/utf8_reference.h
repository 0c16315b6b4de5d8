/*
 * utf8_reference.h — the slow reference of ls_utf8_valid_prefix, shared by
 * test_input.c and fuzz/fuzz_parse.c: the first offset of the 'len' bytes
 * at 's' that does not begin a valid UTF-8 character, character by
 * character with utf8proc (which rejects overlongs, surrogates and code
 * points past U+10FFFF). Tests only; the library's check is input.c's.
 */
#ifndef LS_TESTS_UTF8_REFERENCE_H
#define LS_TESTS_UTF8_REFERENCE_H

#include <stddef.h>
#include <utf8proc.h>

static inline size_t utf8_reference_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    utf8proc_int32_t cp;

    while (i < len) {
        utf8proc_ssize_t n =
            utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

#endif
