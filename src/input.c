/*
 * input.c — bytes to UTF-8 text, and the folded copy the scanners read.
 *
 * Detects the encoding (UTF-16 by its BOM, else UTF-8, else GB18030), turns
 * the bytes into UTF-8 'text', rejects binary data, then builds 'norm' and
 * its offset map in one pass over 'text' (a long UTF-8 text: in pieces cut
 * at line starts, on threads, joined into what one pass gives). It finds
 * no headings or numbers
 * (parts.c and lex.re do). Invariant: ls_input_text_offset() maps every
 * character boundary of 'norm' to one of 'text', and norm_len to text_len.
 */
#include "input.h"

#include <assert.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "error.h"
#include "ordered.h" /* ls_run_each, ls_threads_for */
#include "prefilter.h"

/* The largest input accepted: 4 GiB - 1 bytes, so offsets fit in 32 bits. */
#define INPUT_MAX ((size_t)0xFFFFFFFFu)

/* Room for the first marks; the array then doubles. */
#define MARKS_FIRST 64

/* Full-width ASCII, U+FF01 '！' to U+FF5E '～', folds to '!' .. '~'. */
#define WIDE_FIRST 0xFF01
#define WIDE_LAST 0xFF5E
#define WIDE_COUNT (WIDE_LAST - WIDE_FIRST + 1)

/* Room for a decomposition; only a single ASCII code point is used. */
#define DECOMP_MAX 4

#define IDEOGRAPHIC_SPACE 0x3000
#define FULLWIDTH_COMMA 0xFF0C
#define BYTE_ORDER_MARK 0xFEFF

/* Bytes where the fold loop stops copying (ORDER FOLD: fold_at handles each):
 * C0 controls but TAB LF VT FF (binary check; CR becomes LF), '*' (bold
 * markers), 0xE3 (lead byte of U+3000) and 0xEF (of U+FEFF, U+FF01..U+FF5E). */
static const unsigned char stop_byte[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, /* 0x20: '*' */
    [0xE3] = 1,
    [0xEF] = 1,
};

/* The fold pass: the input being filled, the room in its mark array, the
 * ASCII fold of each full-width character (0: none), the caller's error. */
typedef struct {
    ls_input *in;
    size_t mark_cap;
    unsigned char wide[WIDE_COUNT];
    ls_error *err;
} folder;

/* The 1-based line of offset 'off' in 's': one more than the LFs before it. */
static size_t line_at(const char *s, size_t off)
{
    size_t line = 1;
    const char *p = s, *end = s + off;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

/* Whether the 'avail' bytes at 's' start with a 3-byte UTF-8 character
 * whose lead byte needs no range check: E1..EC or EE..EF can be neither
 * overlong (E0) nor a surrogate (ED). Every BMP ideograph is one. */
static int is_plain_3byte(const unsigned char *s, size_t avail)
{
    return avail >= 3 && s[0] >= 0xE1 && s[0] != 0xED && s[0] <= 0xEF && (s[1] & 0xC0) == 0x80 &&
           (s[2] & 0xC0) == 0x80;
}

/* Bytes p[0], p[1], p[2] as the low 24 bits of a number, p[0] lowest; p[3]
 * must be readable. A little-endian machine does it in one load. */
static inline uint32_t load3(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t w;

    memcpy(&w, p, 4);
    return w & 0x00FFFFFFu;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
#endif
}

/* The offset of the first byte of 's' ('len' bytes) that does not start a
 * valid UTF-8 character, or 'len' when all is valid. utf8proc_iterate
 * rejects overlongs, surrogates and code points over U+10FFFF; ASCII and
 * plain 3-byte characters skip the call, as they are most of a report.
 * The part that SIMD finds valid (ls_utf8_simd_prefix) is not read again. */
static size_t utf8_check(const unsigned char *s, size_t len)
{
    size_t i = ls_utf8_simd_prefix(s, len), avail;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n;

    while (i < len) {
        /* eight ASCII bytes at a time, where the text is ASCII */
        while (i + 8 <= len) {
            unsigned long long w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        /* runs of plain 3-byte characters (Chinese): the lead and both
         * continuation bytes tested at once; E0 (overlongs) and ED
         * (surrogates) go to the full check below */
        while (i + 4 <= len) {
            uint32_t w = load3(s + i);
            if ((w & 0x00C0C0F0u) != 0x008080E0u || s[i] == 0xE0 || s[i] == 0xED)
                break;
            i += 3;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80)
            continue;
        if (is_plain_3byte(s + i, len - i)) {
            i += 3;
            continue;
        }
        avail = len - i < 4 ? len - i : 4;
        n = utf8proc_iterate(s + i, (utf8proc_ssize_t)avail, &cp);
        if (n < 0)
            break;
        i += (size_t)n;
    }
    return i;
}

size_t ls_utf8_valid_prefix(const char *s, size_t len)
{
    return utf8_check((const unsigned char *)s, len);
}

/* The offset of the first C0 control in 's' ('len' bytes) that no text
 * file holds (NUL, ESC, ...: all but TAB LF VT FF CR), or 'len'. */
static size_t find_control(const unsigned char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] < 0x20 && stop_byte[s[i]] && s[i] != '\r')
            break;
    return i;
}

/* Fills 'err' for the control byte at 'off' in 's'; returns LS_EBINARY. */
static ls_status binary_error(ls_error *err, const char *s, size_t off)
{
    size_t line = line_at(s, off);
    unsigned char c = (unsigned char)s[off];
    ls_status st;

    if (c == 0)
        st = ls_error_set(err, LS_EBINARY, off, line, "NUL byte at byte %zu: binary file?", off);
    else
        st = ls_error_set(err, LS_EBINARY, off, line,
                          "control character U+%04X at byte %zu: binary file?", (unsigned)c, off);
    return st;
}

/* Fills 'err' for bytes that are not UTF-8 from offset 'bad' on, adding
 * 'why' to the message. A control byte before 'bad' is reported instead, as
 * LS_EBINARY: a file with both is more likely binary than mis-encoded. */
static ls_status not_utf8_error(ls_error *err, const char *bytes, size_t bad, const char *why)
{
    size_t ctl = find_control((const unsigned char *)bytes, bad), line;
    ls_status st;

    if (ctl < bad) {
        st = binary_error(err, bytes, ctl);
    } else {
        line = line_at(bytes, bad);
        st = ls_error_set(err, LS_EUTF8, bad, line, "invalid UTF-8 at byte %zu (line %zu)%s", bad,
                          line, why);
    }
    return st;
}

/* Makes 'in->text' 'cap' bytes large, keeping its contents; sets '*room'.
 * Fails with LS_ENOMEM ('in->text' unchanged). */
static ls_status resize_text(ls_input *in, size_t cap, size_t *room, ls_error *err)
{
    char *p = ls_realloc(in->text, cap);
    ls_status st = LS_OK;

    if (p) {
        in->text = p;
        *room = cap;
    } else {
        st = ls_error_nomem(err);
    }
    return st;
}

/* Runs 'cd' over the 'len' bytes at 'bytes' into a new NUL-terminated
 * 'in->text'. Returns LS_OK; LS_EUTF8 with the offset of the first bad or
 * truncated character in '*bad' ('err' untouched, 'in->text' holding what
 * came before it); or LS_ENOMEM. */
static ls_status run_iconv(iconv_t cd, ls_input *in, const char *bytes, size_t len, size_t *bad,
                           ls_error *err)
{
    char *src = (char *)bytes; /* iconv() takes char **, but only reads */
    char *out;
    size_t src_left = len, out_left, cap = 0, rc;
    ls_status st;

    /* UTF-16 and most GB18030 grow by at most half as UTF-8; a few 2-byte
     * GB18030 codes (FE 51: U+20087) double, and make the buffer grow */
    LS_CHECK(resize_text(in, len <= SIZE_MAX / 3 ? len + len / 2 + 8 : SIZE_MAX, &cap, err));
    for (;;) {
        out = in->text + in->text_len;
        out_left = cap - 1 - in->text_len;
        rc = iconv(cd, &src, &src_left, &out, &out_left);
        in->text_len = (size_t)(out - in->text);
        if (rc != (size_t)-1)
            break;
        if (errno != E2BIG) {
            *bad = len - src_left;
            st = LS_EUTF8; /* no message: the caller names the encoding */
            goto done;
        }
        if (cap > SIZE_MAX / 2)
            LS_CHECK(ls_error_nomem(err));
        LS_CHECK(resize_text(in, cap * 2, &cap, err));
    }
done:
    if (in->text)
        in->text[in->text_len] = '\0';
    return st;
}

/* Converts the 'len' bytes at 'bytes' from encoding 'from' to UTF-8 in a
 * new 'in->text', as run_iconv() does. Fails also with LS_EINVAL when the
 * C library has no such converter. */
static ls_status convert(ls_input *in, const char *from, const char *bytes, size_t len,
                         size_t *bad, ls_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    ls_status st;

    if (cd == (iconv_t)-1) {
        if (errno == ENOMEM)
            st = ls_error_nomem(err);
        else
            st = ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no converter from %s to UTF-8",
                              from);
        goto done;
    }
    st = run_iconv(cd, in, bytes, len, bad, err);
    iconv_close(cd);
done:
    return st;
}

/* Decodes UTF-16 ('in->enc' says which order) after the 2-byte BOM at
 * 'bytes'. Odd lengths and lone surrogates fail with LS_EUTF8 at their
 * file offset. */
static ls_status decode_utf16(ls_input *in, const char *bytes, size_t len, ls_error *err)
{
    const char *from = in->enc == LS_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE";
    size_t bad = 0, line;
    ls_status st = convert(in, from, bytes + 2, len - 2, &bad, err);

    if (st == LS_EUTF8) {
        line = line_at(in->text, in->text_len);
        st = ls_error_set(err, LS_EUTF8, bad + 2, line, "invalid UTF-16 at byte %zu (line %zu)",
                          bad + 2, line);
    }
    return st;
}

#define GB_LEAD 8

/* Decodes GB18030 (a superset of GBK and GB2312). When that fails too, the
 * error names the place of the encoding that read clearly further (by
 * GB_LEAD bytes, four characters): a GBK file with one bad byte deep
 * inside stops being UTF-8 at its first Chinese character ('utf8_bad')
 * but GB18030 only at the bad byte, and that is the byte to show. */
static ls_status decode_gb18030(ls_input *in, const char *bytes, size_t len, size_t utf8_bad,
                                ls_error *err)
{
    size_t bad = 0, line;
    ls_status st = convert(in, "GB18030", bytes, len, &bad, err);

    if (st != LS_EUTF8)
        return st;
    if (bad < utf8_bad + GB_LEAD || find_control((const unsigned char *)bytes, bad) < bad)
        return not_utf8_error(err, bytes, utf8_bad, ", and not GB18030 either");
    line = line_at(bytes, bad);
    return ls_error_set(err, LS_EUTF8, bad, line,
                        "invalid GB18030 at byte %zu (line %zu), and not UTF-8 either", bad,
                        line);
}

/* Copies the 'len' UTF-8 bytes at 'bytes' into a new NUL-terminated
 * 'in->text'. Fails with LS_ENOMEM. */
static ls_status copy_text(ls_input *in, const char *bytes, size_t len, ls_error *err)
{
    ls_status st = LS_OK;

    in->text = ls_malloc(len + 1);
    if (!in->text) {
        st = ls_error_nomem(err);
        goto done;
    }
    if (len)
        memcpy(in->text, bytes, len);
    in->text[len] = '\0';
    in->text_len = len;
done:
    return st;
}

/* 'in->text' for the 'len' bytes of UTF-8 at 'bytes': those bytes
 * themselves when 'in_place' and they end with a NUL, else a copy. */
static ls_status utf8_text(ls_input *in, const char *bytes, size_t len, int in_place,
                           ls_error *err)
{
    if (!in_place || bytes[len] != '\0')
        return copy_text(in, bytes, len, err);
    in->text = (char *)bytes; /* never written: 'borrowed' keeps it from ls_free */
    in->text_len = len;
    in->borrowed = 1;
    return LS_OK;
}

/* Detects the encoding of the 'len' bytes at 'bytes' into 'in->enc' and
 * fills 'in->text' ('in_place': with 'bytes' themselves when they are UTF-8
 * and NUL-terminated). A BOM decides; without one, valid UTF-8 is UTF-8 and
 * anything else must be GB18030. */
static ls_status decode_text(ls_input *in, const char *bytes, size_t len, int in_place,
                             ls_error *err)
{
    const unsigned char *b = (const unsigned char *)bytes;
    size_t bad = len;
    ls_status st;

    /* FF FE and FE FF are neither UTF-8 nor GB18030, so the test comes first */
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        in->enc = b[0] == 0xFF ? LS_ENC_UTF16LE : LS_ENC_UTF16BE;
        st = decode_utf16(in, bytes, len, err);
        goto done;
    }
    bad = utf8_check(b, len);
    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        /* a UTF-8 BOM rules out GB18030 */
        in->enc = LS_ENC_UTF8_BOM;
        st = bad == len ? utf8_text(in, bytes, len, in_place, err)
                        : not_utf8_error(err, bytes, bad, "");
    } else if (bad == len) {
        in->enc = LS_ENC_UTF8;
        st = utf8_text(in, bytes, len, in_place, err);
    } else {
        in->enc = LS_ENC_GB18030;
        st = decode_gb18030(in, bytes, len, bad, err);
    }
done:
    return st;
}

/* Records that from norm offset 'norm' on, text offset = 'text' + (n - 'norm').
 * A mark at the same norm offset as the last one replaces it, so marks stay
 * strictly ascending. Fails with LS_ENOMEM. */
static ls_status put_mark(folder *f, size_t norm, size_t text)
{
    ls_input *in = f->in;
    ls_offset_mark *p;
    ls_status st = LS_OK;

    /* "１**" shifts twice at one norm offset: keep only the last shift */
    if (in->mark_count && in->marks[in->mark_count - 1].norm == norm) {
        in->marks[in->mark_count - 1].text = text;
        goto done;
    }
    p = ls_grow(in->marks, &f->mark_cap, in->mark_count, sizeof *p, MARKS_FIRST);
    if (!p) {
        st = ls_error_nomem(f->err);
        goto done;
    }
    in->marks = p;
    in->marks[in->mark_count].norm = norm;
    in->marks[in->mark_count].text = text;
    in->mark_count++;
done:
    return st;
}

/* Writes the 'out_len' bytes at 'out' to norm in place of the 'width' text
 * bytes at '*pos', advances '*pos', and marks the shift if there is one. */
static ls_status substitute(folder *f, size_t *pos, size_t width, const char *out,
                            size_t out_len)
{
    ls_input *in = f->in;
    ls_status st = LS_OK;

    memcpy(in->norm + in->norm_len, out, out_len);
    in->norm_len += out_len;
    *pos += width;
    if (width != out_len)
        st = put_mark(f, in->norm_len, *pos);
    return st;
}

/* Folds the 3-byte character at '*pos' (lead byte 0xE3 or 0xEF): drops the
 * BOM, turns U+3000 into ' ' and full-width ASCII into ASCII ('１' → '1');
 * copies any other character. */
static ls_status fold_wide(folder *f, size_t *pos)
{
    const char *s = f->in->text + *pos;
    const unsigned char *u = (const unsigned char *)s;
    utf8proc_int32_t cp = -1;
    char ascii = 0;
    ls_status st;

    /* 'text' is valid UTF-8, but a lead byte must not read past the end */
    if (f->in->text_len - *pos >= 3)
        cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (cp >= WIDE_FIRST && cp <= WIDE_LAST)
        ascii = (char)f->wide[cp - WIDE_FIRST];
    if (cp < 0)
        st = substitute(f, pos, 1, s, 1);
    else if (cp == BYTE_ORDER_MARK && *pos == 0 && f->in->enc == LS_ENC_UTF8_BOM)
        st = substitute(f, pos, 3, "", 0);
    else if (cp == IDEOGRAPHIC_SPACE)
        st = substitute(f, pos, 3, " ", 1);
    else if (ascii)
        st = substitute(f, pos, 3, &ascii, 1);
    else
        st = substitute(f, pos, 3, s, 3);
    return st;
}

/* Handles the stop byte at '*pos' (ORDER FOLD: stop_byte lists them):
 * drops "**", turns CR into LF, rejects other controls with LS_EBINARY. */
static ls_status fold_at(folder *f, size_t *pos)
{
    const char *s = f->in->text + *pos;
    unsigned char c = (unsigned char)*s;
    ls_status st;

    if (c == '*' && f->in->text_len - *pos >= 2 && s[1] == '*') {
        f->in->has_bold = 1;
        st = substitute(f, pos, 2, "", 0);
    }
    else if (c == '*')
        st = substitute(f, pos, 1, "*", 1);
    else if (c == '\r')
        st = substitute(f, pos, 1, "\n", 1);
    else if (c < 0x20)
        st = binary_error(f->err, f->in->text, *pos);
    else
        st = fold_wide(f, pos);
    return st;
}

/* Fills 'wide' with the ASCII character each of U+FF01..U+FF5E decomposes
 * to under Unicode compatibility mapping, or 0 where it is not one. */
static void fill_wide(unsigned char *wide)
{
    utf8proc_int32_t cp, dst[DECOMP_MAX];
    utf8proc_ssize_t n;
    int boundclass = 0;

    for (cp = WIDE_FIRST; cp <= WIDE_LAST; cp++) {
        n = utf8proc_decompose_char(cp, dst, DECOMP_MAX, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
                                    &boundclass);
        wide[cp - WIDE_FIRST] = n == 1 && dst[0] > 0 && dst[0] < 0x80 ? (unsigned char)dst[0] : 0;
    }
    /* the Chinese comma stays: folded, 1/10，438 would read as 1/10,438 */
    wide[FULLWIDTH_COMMA - WIDE_FIRST] = 0;
}

/* Whether the stop byte at 'i' of 's' needs fold_at: a lead byte E3 or EF
 * does only when it starts a character that folds (U+3000, the BOM at the
 * start, a full-width form with an ASCII fold); 、。，《》 and the like are
 * copied with the run. 's' is NUL-terminated, so s[i + 1] and, when that
 * is not NUL, s[i + 2] can be read. */
static int must_stop(const folder *f, const unsigned char *s, size_t i)
{
    unsigned cp;

    if (s[i] == 0xE3)
        return s[i + 1] == 0x80 && s[i + 2] == 0x80;
    if (s[i] != 0xEF)
        return 1;
    if (s[i + 1] == 0xBB)
        return i == 0 && s[i + 2] == 0xBF;
    if (s[i + 1] != 0xBC && s[i + 1] != 0xBD)
        return 0;
    cp = 0xF000u | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    return cp >= WIDE_FIRST && cp <= WIDE_LAST && f->wide[cp - WIDE_FIRST] != 0;
}

/* Folds text [from, to) onto the end of 'norm' (and its marks), and
 * rejects control characters with LS_EBINARY. 'from' is 0 or a line's
 * start. Fails also with LS_ENOMEM. */
static ls_status fold_range(folder *f, size_t from, size_t to)
{
    ls_input *in = f->in;
    const unsigned char *s = (const unsigned char *)in->text;
    size_t i = from, start;
    ls_status st = LS_OK;

    while (i < to) {
        /* most bytes fold to themselves: copy them a run at a time */
        start = i;
        for (;; i++) {
            i = ls_prefilter_fold(in->text, i, to); /* the stop bytes, sixteen at a time */
            if (i >= to || must_stop(f, s, i))
                break;
        }
        memcpy(in->norm + in->norm_len, s + start, i - start);
        in->norm_len += i - start;
        if (i < to)
            LS_CHECK(fold_at(f, &i));
    }
done:
    return st;
}

/* Whether 'in->norm' is UTF-8. It is when 'in->text' was as it was
 * folded; a text read in place (the caller's bytes: a mapped file another
 * program writes) may have changed since its check, and the stages must
 * not read a folded copy that is not UTF-8. */
static int folded_is_utf8(const ls_input *in)
{
    return utf8_check((const unsigned char *)in->norm, in->norm_len) == in->norm_len;
}

/* Builds 'in->norm' and 'in->marks' from 'in->text' in one pass, and
 * rejects control characters with LS_EBINARY. Fails also with LS_ENOMEM. */
static ls_status fold_text(ls_input *in, ls_error *err)
{
    folder f = {in, 0, {0}, err};
    ls_status st = LS_OK;

    in->norm = ls_malloc(in->text_len + 1); /* folding never lengthens */
    if (!in->norm) {
        st = ls_error_nomem(err);
        goto done;
    }
    fill_wide(f.wide);
    st = fold_range(&f, 0, in->text_len);
    if (st == LS_OK && in->borrowed && !folded_is_utf8(in))
        st = ls_error_set(err, LS_EUTF8, LS_NO_OFFSET, 0,
                          "the text changed while it was read (its bytes are no longer UTF-8)");
done:
    if (in->norm)
        in->norm[in->norm_len] = '\0'; /* on every way out, a failed fold too */
    return st;
}

/* A long UTF-8 text is decoded in pieces on threads: each piece of at
 * least DECODE_PIECE_MIN bytes, cut at a line's start, is copied (unless
 * read in place), checked and folded by a thread of its own into the
 * document's 'norm' at its own offset, with marks of its own; the pieces
 * are then moved together and their marks joined. Folding knows nothing
 * across a line's end, so the text, marks and flags are those of one pass.
 * A piece that is not UTF-8 or fails sends the whole input back to the
 * one-pass decoding, which finds the first error as always. */
#define DECODE_PIECE_MIN (1u << 20)
#define DECODE_PIECES_MAX 16

typedef struct {
    const char *bytes;      /* the input */
    size_t from, to;        /* its bytes this piece decodes */
    ls_input part;          /* text = the document's; norm = its norm + 'from' */
    folder f;
    ls_error err;
    ls_status st;
    int bad;                /* not UTF-8 */
} decode_piece;

static void *decode_piece_run(void *arg)
{
    decode_piece *p = arg;
    size_t n = p->to - p->from;

    if (p->part.text != p->bytes)
        memcpy(p->part.text + p->from, p->bytes + p->from, n);
    if (utf8_check((const unsigned char *)p->part.text + p->from, n) != n) {
        p->bad = 1;
        return NULL;
    }
    p->st = fold_range(&p->f, p->from, p->to);
    /* bytes read where they are may change after their check: the folded
     * copy, which the stages read, is checked too (the one pass says why) */
    if (p->st == LS_OK && p->part.text == p->bytes && !folded_is_utf8(&p->part))
        p->bad = 1;
    return NULL;
}

/* Appends the marks of 'p' (at norm offsets from 'base' on) to 'in', as
 * put_mark would have made them in one pass. */
static ls_status join_marks(folder *f, const decode_piece *p, size_t base)
{
    size_t i;

    for (i = 0; i < p->part.mark_count; i++)
        if (put_mark(f, base + p->part.marks[i].norm, p->part.marks[i].text) != LS_OK)
            return LS_ENOMEM;
    return LS_OK;
}

/* Decodes the 'len' bytes at 'bytes' in 'pieces' pieces on threads when they
 * are UTF-8 (with or without a BOM) and nothing fails: LS_OK, 'in' filled.
 * Else returns LS_EUTF8 with 'in' released and zeroed: decode it in one
 * pass. */
static ls_status decode_in_pieces(const char *bytes, size_t len, int in_place, size_t pieces,
                                  ls_input *in)
{
    decode_piece p[DECODE_PIECES_MAX];
    unsigned char wide[WIDE_COUNT];
    folder f = {in, 0, {0}, NULL};
    size_t n = 0, i, from = 0, base = 0;
    ls_status st = LS_OK;
    const unsigned char *b = (const unsigned char *)bytes;

    if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        in->enc = LS_ENC_UTF8_BOM;
    else
        in->enc = LS_ENC_UTF8;
    if (in_place && bytes[len] == '\0') {
        in->text = (char *)bytes;
        in->borrowed = 1;
    } else if (!(in->text = ls_malloc(len + 1))) {
        return LS_EUTF8;
    } else {
        in->text[len] = '\0';
    }
    in->text_len = len;
    in->norm = ls_malloc(len + 1);
    if (!in->norm)
        goto fail;
    fill_wide(wide);
    /* pieces of about equal length, each from a line's start */
    for (i = 0; i < pieces && from < len; i++) {
        const char *nl = i + 1 == pieces ? NULL
                         : memchr(bytes + len / pieces * (i + 1), '\n', len - len / pieces * (i + 1));
        size_t to = i + 1 == pieces ? len : nl ? (size_t)(nl - bytes) + 1 : len;
        if (to <= from)
            continue;
        memset(&p[n], 0, sizeof p[n]);
        p[n].bytes = bytes;
        p[n].from = from;
        p[n].to = to;
        p[n].part = *in;
        p[n].part.norm = in->norm + from;
        p[n].f.in = &p[n].part;
        p[n].f.err = &p[n].err;
        memcpy(p[n].f.wide, wide, sizeof wide);
        n++;
        from = to;
    }
    ls_run_each(p, n, sizeof p[0], decode_piece_run);
    /* the pieces moved together, in order: each moves down over bytes the
     * pieces before it have left */
    for (i = 0; i < n && st == LS_OK; i++) {
        if (p[i].bad || p[i].st != LS_OK) {
            st = LS_EUTF8;
            break;
        }
        if (p[i].from != base)
            memmove(in->norm + base, in->norm + p[i].from, p[i].part.norm_len);
        if (join_marks(&f, &p[i], base) != LS_OK)
            st = LS_EUTF8;
        base += p[i].part.norm_len;
        in->has_bold |= p[i].part.has_bold;
    }
    for (i = 0; i < n; i++)
        ls_free(p[i].part.marks);
    if (st != LS_OK)
        goto fail;
    in->norm_len = base;
    in->norm[base] = '\0';
    return LS_OK;
fail:
    ls_input_release(in);
    memset(in, 0, sizeof *in);
    return LS_EUTF8;
}

/* ls_input_decode and ls_input_decode_in_place, in 'pieces' pieces when
 * the text is UTF-8 (0: as many as its length and the cores allow). 'in'
 * need not be initialized: it is overwritten, not freed, and left zeroed
 * after a failure. */
static ls_status decode(const char *bytes, size_t len, int in_place, size_t pieces,
                        ls_input *in, ls_error *err)
{
    ls_status st;

    assert(in);
    assert(bytes || len == 0);
    memset(in, 0, sizeof *in);
    if (len > INPUT_MAX) {
        st = ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, 0,
                          "input of %zu bytes is over the limit of %zu bytes", len, INPUT_MAX);
        goto done;
    }
    /* a long text that starts as UTF-8 (no UTF-16 BOM) in pieces on threads */
    if (pieces == 0)
        pieces = ls_threads_for(len, DECODE_PIECE_MIN, DECODE_PIECES_MAX);
    if (pieces > DECODE_PIECES_MAX)
        pieces = DECODE_PIECES_MAX;
    if (pieces > 1 && len >= 2 &&
        !((unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) &&
        !((unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF) &&
        decode_in_pieces(bytes, len, in_place, pieces, in) == LS_OK)
        return LS_OK;
    st = decode_text(in, bytes, len, in_place, err);
    if (st)
        goto done;
    st = fold_text(in, err);
done:
    if (st)
        ls_input_release(in);
    return st;
}

/* The number of marks at or before 'norm_pos' among marks [lo, hi) (all
 * marks before 'lo' are at or before it). */
static size_t marks_upto(const ls_input *in, size_t norm_pos, size_t lo, size_t hi)
{
    size_t mid;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (in->marks[mid].norm <= norm_pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The text offset of 'norm_pos' given the count 'n' of marks at or before
 * it: the last of them applies; before the first, nothing was folded. */
static size_t through_mark(const ls_input *in, size_t norm_pos, size_t n)
{
    const ls_offset_mark *m;

    if (n == 0)
        return norm_pos;
    m = &in->marks[n - 1];
    return m->text + (norm_pos - m->norm);
}

size_t ls_input_text_offset(const ls_input *in, size_t norm_pos)
{
    assert(in);
    assert(norm_pos <= in->norm_len);
    return through_mark(in, norm_pos, marks_upto(in, norm_pos, 0, in->mark_count));
}

size_t ls_input_text_offset_seq(const ls_input *in, size_t norm_pos, size_t *cursor)
{
    size_t i = *cursor, k;

    if (i > in->mark_count || (i > 0 && in->marks[i - 1].norm > norm_pos)) {
        /* a step back (rare): search all marks */
        i = marks_upto(in, norm_pos, 0, in->mark_count);
    } else {
        /* a few marks ahead are walked; past them, the rest is searched */
        for (k = 0; k < 8 && i < in->mark_count && in->marks[i].norm <= norm_pos; k++)
            i++;
        if (k == 8)
            i = marks_upto(in, norm_pos, i, in->mark_count);
    }
    *cursor = i;
    return through_mark(in, norm_pos, i);
}

ls_status ls_input_decode(const char *bytes, size_t len, ls_input *in, ls_error *err)
{
    return decode(bytes, len, 0, 0, in, err);
}

ls_status ls_input_decode_in_place(const char *bytes, size_t len, ls_input *in, ls_error *err)
{
    return decode(bytes, len, 1, 0, in, err);
}

ls_status ls_input_decode_pieces(const char *bytes, size_t len, size_t pieces, ls_input *in,
                                 ls_error *err)
{
    return decode(bytes, len, 0, pieces ? pieces : 1, in, err);
}

void ls_input_release(ls_input *in)
{
    if (in) {
        if (!in->borrowed)
            ls_free(in->text);
        ls_free(in->norm);
        ls_free(in->marks);
        memset(in, 0, sizeof *in);
    }
}

size_t ls_input_norm_offset(const ls_input *in, size_t text_pos)
{
    size_t lo = 0, hi, mid, norm = text_pos;
    const ls_offset_mark *m;

    assert(in);
    assert(text_pos <= in->text_len);
    /* the marks ascend in 'text' too: find the last one at or before */
    hi = in->mark_count;
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (in->marks[mid].text <= text_pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0) {
        m = &in->marks[lo - 1];
        norm = m->norm + (text_pos - m->text);
        /* inside bytes that were dropped or folded: clamp to the next mark */
        if (lo < in->mark_count && norm > in->marks[lo].norm)
            norm = in->marks[lo].norm;
    } else if (in->mark_count > 0 && norm > in->marks[0].norm) {
        norm = in->marks[0].norm;
    }
    return norm > in->norm_len ? in->norm_len : norm;
}
