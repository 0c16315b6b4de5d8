/*
 * prefilter.c — the scans that find where a numeral or a sentence mark can
 * begin, sixteen bytes at a time with SSE2 where the compiler has it.
 *
 * A numeral begins with an ASCII digit or with one of eighteen Chinese
 * characters, each three bytes of UTF-8; most characters of a report share
 * the lead byte (E4..E9) of one of them, so the test looks at all three
 * bytes of every position of a block at once and is exact: a position it
 * gives is a numeral start, and none before it in the range is. It reads
 * only the 'len' bytes it is given; the last bytes, fewer than a block,
 * are tested one by one (and all of them without SSE2, or when built with
 * LS_PREFILTER_SCALAR, as test_prefilter_scalar is). Numerals are found
 * with SSSE3's nibble lookups where the CPU has it (chosen at run time; the
 * SSE2 comparisons otherwise, and when built with LS_PREFILTER_NO_SSSE3, as
 * test_prefilter_sse2 is). JSON's escapes (a test of one byte, mostly over
 * short strings) go eight bytes at a time in a 64-bit word before the byte
 * loop (little-endian machines). What a numeral is worth is lex.re's and
 * numbers.c's to say; this file only finds where to ask.
 */
#include "prefilter.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && !defined(LS_PREFILTER_SCALAR)
#define LS_PREFILTER_SSE2 1
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

/* Positions tested per step, and the bytes a step reads past its first
 * position: the two that finish a Chinese character at the last one. */
#define BLOCK 16
#define LOOKAHEAD 2

/* True when the three bytes at 'p' are a Chinese numeral character
 * (ORDER NUMERALS: cn_num and 半 in lex.re, numeral_mask below). */
static int is_chinese_numeral(const unsigned char *p)
{
    switch (((unsigned long)p[0] << 16) | ((unsigned long)p[1] << 8) | p[2]) {
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
    case 0xE58D8A: /* 半 */ return 1;
    default: return 0;
    }
}

int ls_prefilter_is_numeral(const char *s, size_t pos, size_t len)
{
    const unsigned char *p = (const unsigned char *)s + pos;

    if (pos >= len)
        return 0;
    if (p[0] < 0x80)
        return p[0] >= '0' && p[0] <= '9';
    return p[0] >= 0xE3 && p[0] <= 0xE9 && len - pos >= 3 && is_chinese_numeral(p);
}

/* True when a sentence mark begins at 'pos': ; ! ? \n or 。 (E3 80 82). */
static int is_mark(const unsigned char *s, size_t pos, size_t len)
{
    unsigned char ch = s[pos];

    if (ch == ';' || ch == '!' || ch == '?' || ch == '\n')
        return 1;
    return ch == 0xE3 && len - pos >= 3 && s[pos + 1] == 0x80 && s[pos + 2] == 0x82;
}

/* True when the fold of input.c must look at 'pos': a control character
 * other than TAB LF VT FF, '*', U+3000 (E3 80 80) or a byte EF (the BOM
 * and the full-width forms). */
static int is_fold_byte(const unsigned char *s, size_t pos, size_t len)
{
    unsigned char ch = s[pos];

    if (ch < 0x20)
        return ch < 9 || ch > 12;
    if (ch == '*' || ch == 0xEF)
        return 1;
    return ch == 0xE3 && len - pos >= 3 && s[pos + 1] == 0x80 && s[pos + 2] == 0x80;
}

/* True when what clause_end in tasks.c looks for begins at 'pos': ; ! ?
 * \n, “ ” (E2 80 9C, 9D), 。 (E3 80 82) or 是 (E6 98 AF). */
static int is_clause_byte(const unsigned char *s, size_t pos, size_t len)
{
    unsigned char ch = s[pos];

    if (ch == ';' || ch == '!' || ch == '?' || ch == '\n')
        return 1;
    if (len - pos < 3 || ch < 0xE2)
        return 0;
    if (ch == 0xE2)
        return s[pos + 1] == 0x80 && (s[pos + 2] == 0x9C || s[pos + 2] == 0x9D);
    if (ch == 0xE3)
        return s[pos + 1] == 0x80 && s[pos + 2] == 0x82;
    return ch == 0xE6 && s[pos + 1] == 0x98 && s[pos + 2] == 0xAF;
}

/* True when an ASCII digit is at 'pos'. */
static int is_digit(const unsigned char *s, size_t pos, size_t len)
{
    (void)len;
    return s[pos] >= '0' && s[pos] <= '9';
}

/* True when a JSON string escapes 'ch': " \ and the control characters. */
static int is_json_special(const unsigned char *s, size_t pos, size_t len)
{
    (void)len;
    return s[pos] < 0x20 || s[pos] == '"' || s[pos] == '\\';
}

/* The offset of the lowest set bit of 'mask', which is not 0. */
static unsigned lowest_bit(unsigned mask)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctz(mask);
#else
    unsigned n = 0;

    while (!(mask & 1u)) {
        mask >>= 1;
        n++;
    }
    return n;
#endif
}

#if defined(LS_PREFILTER_SSE2)

/* Sixteen copies of the byte 'b'. */
static __m128i splat(unsigned char b)
{
    return _mm_set1_epi8((char)b);
}

#define EQ(v, b) _mm_cmpeq_epi8((v), splat(b))
#define AND(x, y) _mm_and_si128((x), (y))
#define OR(x, y) _mm_or_si128((x), (y))

/* One bit per position of the block at 'p' where a numeral begins; reads
 * BLOCK + LOOKAHEAD bytes. Lanes hold the first ('a'), second ('b') and
 * third ('c') byte of the character each position would start. */
static unsigned numeral_mask(const unsigned char *p)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    /* bytes of 0x80 and more are negative: no digit */
    __m128i digit = AND(_mm_cmpgt_epi8(a, splat('0' - 1)), _mm_cmplt_epi8(a, splat('9' + 1)));
    __m128i c83 = EQ(c, 0x83), c87 = EQ(c, 0x87), c9b = EQ(c, 0x9B);
    /* E4: 一两三七万 (B8 80 A4 89 83 87), 九 (B9 9D), 二五亿 (BA 8C 94 BF) */
    __m128i b8 = AND(EQ(b, 0xB8), OR(OR(OR(EQ(c, 0x80), EQ(c, 0xA4)), OR(EQ(c, 0x89), c83)), c87));
    __m128i b9 = AND(EQ(b, 0xB9), EQ(c, 0x9D));
    __m128i ba = AND(EQ(b, 0xBA), OR(OR(EQ(c, 0x8C), EQ(c, 0x94)), EQ(c, 0xBF)));
    __m128i e4 = AND(EQ(a, 0xE4), OR(OR(b8, b9), ba));
    /* E5: 六八 (85 AD AB), 十千半 (8D 81 83 8A), 四 (9B 9B) */
    __m128i b85 = AND(EQ(b, 0x85), OR(EQ(c, 0xAD), EQ(c, 0xAB)));
    __m128i b8d = AND(EQ(b, 0x8D), OR(OR(EQ(c, 0x81), c83), EQ(c, 0x8A)));
    __m128i e5 = AND(EQ(a, 0xE5), OR(OR(b85, b8d), AND(EQ(b, 0x9B), c9b)));
    /* E3 80 87 〇, E7 99 BE 百, E9 9B B6 零 */
    __m128i e3 = AND(AND(EQ(a, 0xE3), EQ(b, 0x80)), c87);
    __m128i e7 = AND(AND(EQ(a, 0xE7), EQ(b, 0x99)), EQ(c, 0xBE));
    __m128i e9 = AND(AND(EQ(a, 0xE9), EQ(b, 0x9B)), EQ(c, 0xB6));

    return (unsigned)_mm_movemask_epi8(OR(OR(OR(digit, e4), OR(e5, e3)), OR(e7, e9)));
}

/* One bit per position of the block at 'p' where a sentence mark begins
 * (is_mark); reads BLOCK + LOOKAHEAD bytes. */
static unsigned mark_mask(const unsigned char *p)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    __m128i ascii = OR(OR(EQ(a, ';'), EQ(a, '!')), OR(EQ(a, '?'), EQ(a, '\n')));
    __m128i stop = AND(AND(EQ(a, 0xE3), EQ(b, 0x80)), EQ(c, 0x82));

    return (unsigned)_mm_movemask_epi8(OR(ascii, stop));
}

/* One bit per position of the block at 'p' where the fold of input.c
 * must look (is_fold_byte); reads BLOCK + LOOKAHEAD bytes. */
static unsigned fold_mask(const unsigned char *p)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    /* a control: a byte at most 0x1F, but not TAB LF VT FF (9..12) */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(a, splat(0x1F)), a);
    __m128i a9 = _mm_sub_epi8(a, splat(9));
    __m128i kept = _mm_cmpeq_epi8(_mm_min_epu8(a9, splat(3)), a9);
    __m128i space = AND(AND(EQ(a, 0xE3), EQ(b, 0x80)), EQ(c, 0x80));

    return (unsigned)_mm_movemask_epi8(
        OR(OR(_mm_andnot_si128(kept, control), EQ(a, '*')), OR(space, EQ(a, 0xEF))));
}

/* One bit per position of the block at 'p' where a clause can end or
 * turn (is_clause_byte); reads BLOCK + LOOKAHEAD bytes. */
static unsigned clause_mask(const unsigned char *p)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    __m128i ascii = OR(OR(EQ(a, ';'), EQ(a, '!')), OR(EQ(a, '?'), EQ(a, '\n')));
    __m128i quote = AND(AND(EQ(a, 0xE2), EQ(b, 0x80)), OR(EQ(c, 0x9C), EQ(c, 0x9D)));
    __m128i stop = AND(AND(EQ(a, 0xE3), EQ(b, 0x80)), EQ(c, 0x82));
    __m128i shi = AND(AND(EQ(a, 0xE6), EQ(b, 0x98)), EQ(c, 0xAF));

    return (unsigned)_mm_movemask_epi8(OR(OR(ascii, quote), OR(stop, shi)));
}

/* One bit per ASCII digit of the block at 'p' (is_digit). */
static unsigned digit_mask(const unsigned char *p)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* bytes of 0x80 and more are negative: no digit */
    return (unsigned)_mm_movemask_epi8(
        AND(_mm_cmpgt_epi8(a, splat('0' - 1)), _mm_cmplt_epi8(a, splat('9' + 1))));
}

/* One bit per byte of the block at 'p' that a JSON string escapes
 * (is_json_special); reads BLOCK bytes. */
static unsigned json_mask(const unsigned char *p)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* below 0x20, unsigned: the byte is its minimum with 0x1F */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(a, splat(0x1F)), a);

    return (unsigned)_mm_movemask_epi8(OR(control, OR(EQ(a, '"'), EQ(a, '\\'))));
}

#undef EQ
#undef AND
#undef OR

#endif

/* The first offset at or after 'pos' of the 'len' bytes at 's' where
 * 'test' holds, or 'len': whole blocks through 'mask' (SSE2) while their
 * lookahead stays inside the text, the rest one position at a time. Every
 * scan of this file is this loop with its own test and mask. */
typedef int (*position_test)(const unsigned char *s, size_t pos, size_t len);
typedef unsigned (*block_mask)(const unsigned char *p);

static inline size_t scan(const char *s, size_t pos, size_t len, position_test test,
                          block_mask mask)
{
    const unsigned char *u = (const unsigned char *)s;

    if (pos >= len)
        return len;
    if (mask)
        for (; len - pos >= BLOCK + LOOKAHEAD; pos += BLOCK) {
            unsigned bits = mask(u + pos);
            if (bits)
                return pos + lowest_bit(bits);
        }
    for (; pos < len; pos++)
        if (test(u, pos, len))
            return pos;
    return len;
}

#if defined(LS_PREFILTER_SSE2)
#define MASK(f) (f)
#else
#define MASK(f) NULL
#endif

/* The SWAR step of scan_bytes: eight bytes in a 64-bit word, little-endian
 * only (the first byte in the low bits). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LS_PREFILTER_SWAR 1
#endif

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* The high bit of each byte of 'x' that is zero; exact up to the lowest
 * such byte (a borrow can flag bytes above it, never below). */
static inline uint64_t zero_bytes(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* The high bit of each byte of 'x' that a JSON string escapes: below 0x20,
 * '"' or '\\'; exact up to the lowest such byte. */
static inline uint64_t json_word(uint64_t x)
{
    return ((x - 0x20 * ONES) & ~x & HIGHS) | zero_bytes(x ^ ('"' * ONES)) |
           zero_bytes(x ^ ('\\' * ONES));
}

/* A scan for a test of one byte: SIMD blocks of BLOCK bytes ('mask', no
 * lookahead), then eight bytes at a time ('word': only its lowest flagged
 * byte need be exact), then byte by byte. Most JSON strings are shorter
 * than a block: the word step spares them the byte loop. */
static inline size_t scan_bytes(const char *s, size_t pos, size_t len, position_test test,
                                block_mask mask, uint64_t (*word)(uint64_t))
{
    const unsigned char *u = (const unsigned char *)s;

    if (pos >= len)
        return len;
    if (mask)
        for (; len - pos >= BLOCK; pos += BLOCK) {
            unsigned bits = mask(u + pos);
            if (bits)
                return pos + lowest_bit(bits);
        }
#if defined(LS_PREFILTER_SWAR)
    for (; len - pos >= 8; pos += 8) {
        uint64_t x, bits;
        memcpy(&x, u + pos, 8);
        if ((bits = word(x)) != 0)
            return pos + (size_t)__builtin_ctzll(bits) / 8;
    }
#else
    (void)word;
#endif
    for (; pos < len; pos++)
        if (test(u, pos, len))
            return pos;
    return len;
}

static int is_numeral(const unsigned char *s, size_t pos, size_t len)
{
    return ls_prefilter_is_numeral((const char *)s, pos, len);
}

#if defined(LS_PREFILTER_SSE2) && (defined(__GNUC__) || defined(__clang__)) &&                 \
    !defined(LS_PREFILTER_NO_SSSE3)
#define LS_PREFILTER_SSSE3 1

/* With SSSE3 (chosen at run time): the three bytes of each position are
 * classed by nibble lookups (PSHUFB) instead of some forty comparisons. A
 * byte's class is LO[its low nibble] & HI[its high nibble]: bits 0-3 set
 * when it can end a Chinese numeral (third bytes 80 81 83 87 89 8A 8C, 94
 * 9B 9D, A4 AB AD, B6 BE BF: one bit per high nibble 8, 9, A, B), bits 4-7
 * when it can be its second byte (80 85 8D, 99 9B, B8 B9 BA). A position
 * whose lead is E3..E9 and whose next two bytes can be a numeral's is a
 * candidate; each candidate is then checked exactly (is_chinese_numeral),
 * so the mask is the one numeral_mask gives. ORDER NUMERALS: a new numeral
 * character goes into these tables too (NUMERAL_LO, NUMERAL_HI: the SSSE3
 * and the AVX2 mask read them; test_prefilter checks them). */
#define NUMERAL_LO                                                                              \
    0x11, 0x01, 0x00, 0x01, 0x06, 0x10, 0x08, 0x01, (char)0x80, (char)0xA1, (char)0x81, 0x26,    \
        0x01, 0x16, 0x08, 0x08
#define NUMERAL_HI 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x22, 0x44, (char)0x88, 0, 0, 0, 0

/* 'found' (the digits of a block) with the bit of each candidate of
 * 'cand' that is a Chinese numeral, checked exactly, at 'p' + its bit. */
static inline unsigned confirmed(unsigned found, unsigned cand, const unsigned char *p)
{
    while (cand) {
        unsigned i = lowest_bit(cand);
        if (is_chinese_numeral(p + i))
            found |= 1u << i;
        cand &= cand - 1;
    }
    return found;
}

__attribute__((target("ssse3"))) static inline unsigned numeral_mask_ssse3(const unsigned char *p)
{
    const __m128i lo_table = _mm_setr_epi8(NUMERAL_LO);
    const __m128i hi_table = _mm_setr_epi8(NUMERAL_HI);
    const __m128i nibble = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(a, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(a, _mm_set1_epi8('9' + 1)));
    __m128i lead = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(a, _mm_set1_epi8((char)0xE3)), a),
                                 _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8((char)0xE9)), a));
    __m128i class_b = _mm_and_si128(
        _mm_shuffle_epi8(lo_table, _mm_and_si128(b, nibble)),
        _mm_shuffle_epi8(hi_table, _mm_and_si128(_mm_srli_epi16(b, 4), nibble)));
    __m128i class_c = _mm_and_si128(
        _mm_shuffle_epi8(lo_table, _mm_and_si128(c, nibble)),
        _mm_shuffle_epi8(hi_table, _mm_and_si128(_mm_srli_epi16(c, 4), nibble)));
    __m128i no_b = _mm_cmpeq_epi8(_mm_and_si128(class_b, _mm_set1_epi8((char)0xF0)), zero);
    __m128i no_c = _mm_cmpeq_epi8(_mm_and_si128(class_c, nibble), zero);

    return confirmed((unsigned)_mm_movemask_epi8(digit),
                     (unsigned)_mm_movemask_epi8(_mm_andnot_si128(_mm_or_si128(no_b, no_c), lead)),
                     p);
}

/* scan() with the SSSE3 mask, compiled for SSSE3 so that both inline. */
__attribute__((target("ssse3"))) static size_t numeral_scan_ssse3(const char *s, size_t pos,
                                                                  size_t len)
{
    return scan(s, pos, len, is_numeral, numeral_mask_ssse3);
}
#endif

#if defined(LS_PREFILTER_SSSE3) && !defined(LS_PREFILTER_NO_AVX2)
#define LS_PREFILTER_AVX2 1
#include <immintrin.h>

/* With AVX2 (chosen at run time): the same tests on thirty-two positions
 * a step, for the scans that run over most of a text (numerals, sentence
 * marks, the fold's stops, clause ends) and over the long strings of a
 * JSON document (escapes); a span shorter than a wide block
 * goes on through the sixteen-byte masks above, then byte by byte. Each
 * wide mask is its narrow one with 256-bit registers (PSHUFB looks up
 * within each 128-bit half: the nibble tables are in both halves), so a
 * wide mask is the two narrow masks of its halves side by side
 * (test_prefilter checks every scan against the byte-by-byte test, and
 * test_prefilter_ssse3 is built without this path). */
#define WIDE 32

#define AVX2 __attribute__((target("avx2")))
#define LOAD256(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define EQ256(v, b) _mm256_cmpeq_epi8((v), _mm256_set1_epi8((char)(b)))

AVX2 static inline unsigned numeral_wide(const unsigned char *p)
{
    const __m256i lo_table = _mm256_setr_epi8(NUMERAL_LO, NUMERAL_LO);
    const __m256i hi_table = _mm256_setr_epi8(NUMERAL_HI, NUMERAL_HI);
    const __m256i nibble = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
    __m256i a = LOAD256(p), b = LOAD256(p + 1), c = LOAD256(p + 2);
    __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(a, _mm256_set1_epi8('0' - 1)),
                                     _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), a));
    __m256i lead =
        _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_max_epu8(a, _mm256_set1_epi8((char)0xE3)), a),
                         _mm256_cmpeq_epi8(_mm256_min_epu8(a, _mm256_set1_epi8((char)0xE9)), a));
    __m256i class_b = _mm256_and_si256(
        _mm256_shuffle_epi8(lo_table, _mm256_and_si256(b, nibble)),
        _mm256_shuffle_epi8(hi_table, _mm256_and_si256(_mm256_srli_epi16(b, 4), nibble)));
    __m256i class_c = _mm256_and_si256(
        _mm256_shuffle_epi8(lo_table, _mm256_and_si256(c, nibble)),
        _mm256_shuffle_epi8(hi_table, _mm256_and_si256(_mm256_srli_epi16(c, 4), nibble)));
    __m256i no_b =
        _mm256_cmpeq_epi8(_mm256_and_si256(class_b, _mm256_set1_epi8((char)0xF0)), zero);
    __m256i no_c = _mm256_cmpeq_epi8(_mm256_and_si256(class_c, nibble), zero);

    return confirmed(
        (unsigned)_mm256_movemask_epi8(digit),
        (unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(_mm256_or_si256(no_b, no_c), lead)), p);
}

/* mark_mask, wide. */
AVX2 static inline unsigned mark_wide(const unsigned char *p)
{
    __m256i a = LOAD256(p), b = LOAD256(p + 1), c = LOAD256(p + 2);
    __m256i ascii = _mm256_or_si256(_mm256_or_si256(EQ256(a, ';'), EQ256(a, '!')),
                                    _mm256_or_si256(EQ256(a, '?'), EQ256(a, '\n')));
    __m256i stop = _mm256_and_si256(_mm256_and_si256(EQ256(a, 0xE3), EQ256(b, 0x80)),
                                    EQ256(c, 0x82));

    return (unsigned)_mm256_movemask_epi8(_mm256_or_si256(ascii, stop));
}

/* fold_mask, wide. */
AVX2 static inline unsigned fold_wide(const unsigned char *p)
{
    __m256i a = LOAD256(p), b = LOAD256(p + 1), c = LOAD256(p + 2);
    __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(a, _mm256_set1_epi8(0x1F)), a);
    __m256i a9 = _mm256_sub_epi8(a, _mm256_set1_epi8(9));
    __m256i kept = _mm256_cmpeq_epi8(_mm256_min_epu8(a9, _mm256_set1_epi8(3)), a9);
    __m256i space = _mm256_and_si256(_mm256_and_si256(EQ256(a, 0xE3), EQ256(b, 0x80)),
                                     EQ256(c, 0x80));

    return (unsigned)_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_or_si256(_mm256_andnot_si256(kept, control), EQ256(a, '*')),
                        _mm256_or_si256(space, EQ256(a, 0xEF))));
}

/* clause_mask, wide. */
AVX2 static inline unsigned clause_wide(const unsigned char *p)
{
    __m256i a = LOAD256(p), b = LOAD256(p + 1), c = LOAD256(p + 2);
    __m256i ascii = _mm256_or_si256(_mm256_or_si256(EQ256(a, ';'), EQ256(a, '!')),
                                    _mm256_or_si256(EQ256(a, '?'), EQ256(a, '\n')));
    __m256i e2_80 = _mm256_and_si256(EQ256(a, 0xE2), EQ256(b, 0x80));
    __m256i quote = _mm256_and_si256(e2_80, _mm256_or_si256(EQ256(c, 0x9C), EQ256(c, 0x9D)));
    __m256i stop = _mm256_and_si256(_mm256_and_si256(EQ256(a, 0xE3), EQ256(b, 0x80)),
                                    EQ256(c, 0x82));
    __m256i shi = _mm256_and_si256(_mm256_and_si256(EQ256(a, 0xE6), EQ256(b, 0x98)),
                                   EQ256(c, 0xAF));

    return (unsigned)_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_or_si256(ascii, quote), _mm256_or_si256(stop, shi)));
}

/* Wide blocks from 'pos' while they and the 'lookahead' bytes after them
 * stay inside the text: the first offset 'mask' gives, or where the wide
 * blocks end ('*done' 0). */
AVX2 static inline size_t wide_blocks(const char *s, size_t pos, size_t len, block_mask mask,
                                      size_t lookahead, int *done)
{
    const unsigned char *u = (const unsigned char *)s;

    *done = 0;
    for (; pos < len && len - pos >= WIDE + lookahead; pos += WIDE) {
        unsigned bits = mask(u + pos);
        if (bits) {
            *done = 1;
            return pos + lowest_bit(bits);
        }
    }
    return pos;
}

/* A scan through 'wide' blocks, then scan() with the narrow 'mask' (each
 * instantiated by the compiler for AVX2, with its masks inline). */
#define WIDE_SCAN(name, test, wide, narrow)                                                     \
    AVX2 static size_t name(const char *s, size_t pos, size_t len)                             \
    {                                                                                           \
        int done;                                                                               \
        pos = wide_blocks(s, pos, len, wide, LOOKAHEAD, &done);                                 \
        return done ? pos : scan(s, pos, len, test, narrow);                                    \
    }

WIDE_SCAN(numeral_scan_avx2, is_numeral, numeral_wide, numeral_mask_ssse3)
WIDE_SCAN(mark_scan_avx2, is_mark, mark_wide, mark_mask)
WIDE_SCAN(fold_scan_avx2, is_fold_byte, fold_wide, fold_mask)
WIDE_SCAN(clause_scan_avx2, is_clause_byte, clause_wide, clause_mask)

#undef WIDE_SCAN

/* json_mask, wide (no lookahead: a test of one byte). */
AVX2 static inline unsigned json_wide(const unsigned char *p)
{
    __m256i a = LOAD256(p);
    __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(a, _mm256_set1_epi8(0x1F)), a);

    return (unsigned)_mm256_movemask_epi8(
        _mm256_or_si256(control, _mm256_or_si256(EQ256(a, '"'), EQ256(a, '\\'))));
}

/* scan_bytes through wide blocks first: the long strings of a document
 * (a task's sentence); a short one goes straight to scan_bytes. */
AVX2 static size_t json_scan_avx2(const char *s, size_t pos, size_t len)
{
    int done;

    pos = wide_blocks(s, pos, len, json_wide, 0, &done);
    return done ? pos : scan_bytes(s, pos, len, is_json_special, json_mask, json_word);
}

#undef EQ256
#undef LOAD256

/* Whether the wide scans run here (asked once; the answer is cached by
 * the compiler's runtime). */
#define HAS_AVX2() __builtin_cpu_supports("avx2")
#endif

size_t ls_prefilter_numeral(const char *s, size_t pos, size_t len)
{
#if defined(LS_PREFILTER_AVX2)
    if (pos < len && HAS_AVX2())
        return numeral_scan_avx2(s, pos, len);
#endif
#if defined(LS_PREFILTER_SSSE3)
    if (pos < len && __builtin_cpu_supports("ssse3"))
        return numeral_scan_ssse3(s, pos, len);
#endif
    return scan(s, pos, len, is_numeral, MASK(numeral_mask));
}

size_t ls_prefilter_mark(const char *s, size_t pos, size_t len)
{
#if defined(LS_PREFILTER_AVX2)
    if (pos < len && HAS_AVX2())
        return mark_scan_avx2(s, pos, len);
#endif
    return scan(s, pos, len, is_mark, MASK(mark_mask));
}

size_t ls_prefilter_json_special(const char *s, size_t pos, size_t len)
{
#if defined(LS_PREFILTER_AVX2)
    if (pos < len && len - pos >= WIDE && HAS_AVX2())
        return json_scan_avx2(s, pos, len);
#endif
    return scan_bytes(s, pos, len, is_json_special, MASK(json_mask), json_word);
}

size_t ls_prefilter_clause(const char *s, size_t pos, size_t len)
{
#if defined(LS_PREFILTER_AVX2)
    if (pos < len && HAS_AVX2())
        return clause_scan_avx2(s, pos, len);
#endif
    return scan(s, pos, len, is_clause_byte, MASK(clause_mask));
}

size_t ls_prefilter_fold(const char *s, size_t pos, size_t len)
{
#if defined(LS_PREFILTER_AVX2)
    if (pos < len && HAS_AVX2())
        return fold_scan_avx2(s, pos, len);
#endif
    return scan(s, pos, len, is_fold_byte, MASK(fold_mask));
}

size_t ls_prefilter_digit(const char *s, size_t pos, size_t len)
{
    return scan(s, pos, len, is_digit, MASK(digit_mask));
}
