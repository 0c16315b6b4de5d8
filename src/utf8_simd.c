/*
 * utf8_simd.c — how much of a text is surely valid UTF-8, thirty-two bytes
 * at a time with AVX2 or sixteen with SSSE3 where the processor has it
 * (chosen at each call; LS_UTF8_NO_AVX2 builds without the wide path).
 *
 * The test is the lookup method of Keiser and Lemire ("Validating UTF-8 in
 * less than one instruction per byte", Software: Practice and Experience,
 * 2021): every pair of adjacent bytes is classed by three table lookups
 * (the high and low half of the first byte, the high half of the second)
 * whose AND is nonzero exactly where the pair cannot occur in UTF-8 (too
 * short, too long, overlong, surrogate, past U+10FFFF, a continuation too
 * many), and the bytes two and three after a 3- and 4-byte lead must be
 * continuations. It gives no position: it stops at the first block with an
 * error and hands back where the last character that began before that
 * block begins, so that the exact check (input.c's utf8_check, with its
 * message and offset) starts there. It never says more is valid than is.
 */
#include "input.h"

#include <stddef.h>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__)) &&  \
    !defined(LS_PREFILTER_SCALAR)
#define LS_UTF8_SSSE3 1
#include <tmmintrin.h>
#endif

/* Where the character that holds the byte before 'at' begins (so that
 * none of the text before the result is unchecked), or 'at' when the
 * byte before is ASCII. */
static size_t char_start_before(const unsigned char *s, size_t at)
{
    size_t p = at, k;

    for (k = 0; k < 3 && p > 0 && (s[p - 1] & 0xC0) == 0x80; k++)
        p--;
    if (p > 0 && s[p - 1] >= 0xC0)
        p--;
    return p;
}

#if defined(LS_UTF8_SSSE3)

/* The classes of a pair of bytes (bits of the tables below). */
enum {
    TOO_SHORT = 1 << 0,  /* a lead or ASCII, then a lead or ASCII where a continuation is due */
    TOO_LONG = 1 << 1,   /* ASCII, then a continuation */
    OVERLONG_3 = 1 << 2, /* E0 80..9F */
    TOO_LARGE = 1 << 3,  /* F4 90.. and above: past U+10FFFF */
    SURROGATE = 1 << 4,  /* ED A0..BF */
    OVERLONG_2 = 1 << 5, /* C0, C1 */
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6, /* F0 80..8F */
    TWO_CONTS = 1 << 7,  /* a continuation after a continuation (right in 3- and 4-byte ones) */
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
};

#define B(x) ((char)(x))

/* The three tables of the lookups: the high and low half of a pair's
 * first byte, the high half of its second (sixteen classes each). */
#define FIRST_HIGH                                                                              \
    B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG),  \
        B(TOO_LONG), B(TWO_CONTS), B(TWO_CONTS), B(TWO_CONTS), B(TWO_CONTS),                    \
        B(TOO_SHORT | OVERLONG_2), B(TOO_SHORT), B(TOO_SHORT | OVERLONG_3 | SURROGATE),         \
        B(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4)
#define FIRST_LOW                                                                               \
    B(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4), B(CARRY | OVERLONG_2), B(CARRY), B(CARRY), \
        B(CARRY | TOO_LARGE), B(CARRY | TOO_LARGE | TOO_LARGE_1000),                            \
        B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),           \
        B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),           \
        B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),           \
        B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE), \
        B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000)
#define SECOND_HIGH                                                                             \
    B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT),         \
        B(TOO_SHORT), B(TOO_SHORT),                                                             \
        B(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),        \
        B(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),                          \
        B(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),                           \
        B(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE), B(TOO_SHORT), B(TOO_SHORT), \
        B(TOO_SHORT), B(TOO_SHORT)

/* Ones where a block holds a byte that cannot stand where it stands. */
__attribute__((target("ssse3"))) static __m128i block_errors(__m128i in, __m128i prev_in)
{
    const __m128i low4 = _mm_set1_epi8(0x0F);
    const __m128i first_high = _mm_setr_epi8(FIRST_HIGH);
    const __m128i first_low = _mm_setr_epi8(FIRST_LOW);
    const __m128i second_high = _mm_setr_epi8(SECOND_HIGH);
    __m128i prev1 = _mm_alignr_epi8(in, prev_in, 15);
    __m128i prev2 = _mm_alignr_epi8(in, prev_in, 14);
    __m128i prev3 = _mm_alignr_epi8(in, prev_in, 13);
    __m128i cls = _mm_and_si128(
        _mm_and_si128(
            _mm_shuffle_epi8(first_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), low4)),
            _mm_shuffle_epi8(first_low, _mm_and_si128(prev1, low4))),
        _mm_shuffle_epi8(second_high, _mm_and_si128(_mm_srli_epi16(in, 4), low4)));
    /* the second and third byte after E0..EF and F0..FF leads: their high
     * bit is set only there, and must match TWO_CONTS of 'cls' */
    __m128i due = _mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8(B(0xE0 - 0x80))),
                               _mm_subs_epu8(prev3, _mm_set1_epi8(B(0xF0 - 0x80))));

    return _mm_xor_si128(_mm_and_si128(due, _mm_set1_epi8(B(0x80))), cls);
}

#if !defined(LS_UTF8_NO_AVX2)
#define LS_UTF8_AVX2 1
#include <immintrin.h>

/* block_errors on thirty-two bytes (AVX2): the tables in both 128-bit
 * halves (PSHUFB looks up within a half), and the bytes before each
 * position taken across the halves: the high half of 'prev_in' and the
 * low half of 'in' put side by side first. */
__attribute__((target("avx2"))) static __m256i block_errors_wide(__m256i in, __m256i prev_in)
{
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    const __m256i first_high = _mm256_setr_epi8(FIRST_HIGH, FIRST_HIGH);
    const __m256i first_low = _mm256_setr_epi8(FIRST_LOW, FIRST_LOW);
    const __m256i second_high = _mm256_setr_epi8(SECOND_HIGH, SECOND_HIGH);
    __m256i before = _mm256_permute2x128_si256(prev_in, in, 0x21);
    __m256i prev1 = _mm256_alignr_epi8(in, before, 15);
    __m256i prev2 = _mm256_alignr_epi8(in, before, 14);
    __m256i prev3 = _mm256_alignr_epi8(in, before, 13);
    __m256i cls = _mm256_and_si256(
        _mm256_and_si256(
            _mm256_shuffle_epi8(first_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low4)),
            _mm256_shuffle_epi8(first_low, _mm256_and_si256(prev1, low4))),
        _mm256_shuffle_epi8(second_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), low4)));
    __m256i due = _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8(B(0xE0 - 0x80))),
                                  _mm256_subs_epu8(prev3, _mm256_set1_epi8(B(0xF0 - 0x80))));

    return _mm256_xor_si256(_mm256_and_si256(due, _mm256_set1_epi8(B(0x80))), cls);
}

__attribute__((target("avx2"))) static size_t valid_prefix_avx2(const unsigned char *s,
                                                                 size_t len)
{
    const __m256i zero = _mm256_setzero_si256();
    __m256i prev = zero;
    size_t at;

    for (at = 0; at + 32 <= len; at += 32) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(s + at));
        __m256i errors = block_errors_wide(in, prev);
        if (!_mm256_testz_si256(errors, errors))
            break;
        prev = in;
    }
    return char_start_before(s, at);
}
#endif

__attribute__((target("ssse3"))) static size_t valid_prefix_ssse3(const unsigned char *s,
                                                                   size_t len)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i prev = zero;
    size_t at;

    for (at = 0; at + 16 <= len; at += 16) {
        __m128i in = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(block_errors(in, prev), zero)) != 0xFFFF)
            break;
        prev = in;
    }
    return char_start_before(s, at);
}

#endif

size_t ls_utf8_simd_prefix(const unsigned char *s, size_t len)
{
#if defined(LS_UTF8_AVX2)
    if (__builtin_cpu_supports("avx2"))
        return valid_prefix_avx2(s, len);
#endif
#if defined(LS_UTF8_SSSE3)
    if (__builtin_cpu_supports("ssse3"))
        return valid_prefix_ssse3(s, len);
#endif
    (void)s;
    (void)len;
    return 0;
}
