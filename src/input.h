/*
 * input.h — bytes to UTF-8 text, and the folded copy the scanners read.
 *
 * ls_input_decode detects the encoding (UTF-8 with or without BOM, UTF-16
 * with BOM, GB18030/GBK), validates it, and produces two strings:
 *
 *   text  the UTF-8 text as read (for UTF-8 input: the bytes of the file,
 *         BOM included), the string every public offset points into;
 *   norm  the text the scanners read: full-width ASCII folded to ASCII
 *         (１．６％ → 1.6%) except the Chinese comma '，' (folded, it would
 *         join 1/10，438 into one number), U+3000 to a space, CR to LF, the
 *         BOM and Markdown bold markers `**` removed.
 *
 * Folding shortens the text, so a sparse map records the points where the
 * difference between the two changes; ls_input_text_offset() turns an
 * offset into 'norm' back into one into 'text'.
 */
#ifndef LS_INPUT_H
#define LS_INPUT_H

#include <stddef.h>

#include "luoshi.h"

/* One point where norm and text offsets start to differ by a new amount:
 * for norm offsets n >= 'norm', text offset = 'text' + (n - 'norm'). */
typedef struct {
    size_t norm;
    size_t text;
} ls_offset_mark;

typedef struct {
    char *text;        /* NUL-terminated UTF-8, 'text_len' bytes */
    size_t text_len;
    char *norm;        /* NUL-terminated folded UTF-8, 'norm_len' bytes */
    size_t norm_len;
    ls_offset_mark *marks; /* ascending by 'norm'; may be NULL when none */
    size_t mark_count;
    ls_encoding enc;
    int borrowed;      /* 'text' is the caller's bytes (ls_input_decode_in_place) */
    int has_bold;      /* the fold dropped a ** (bold marker) from 'text' */
} ls_input;

/* Decodes 'len' bytes at 'bytes' into 'in' (which the caller releases with
 * ls_input_release, also after a failure). Errors: LS_EUTF8 with the offset
 * of the first byte that is neither UTF-8 nor GB18030, LS_EBINARY for a NUL
 * byte or a control character that no text file holds, LS_ENOMEM. */
ls_status ls_input_decode(const char *bytes, size_t len, ls_input *in, ls_error *err);

/* As ls_input_decode, but text that is UTF-8 already is read where it is,
 * not copied: 'in->text' is then 'bytes', which must end with a NUL at
 * 'bytes[len]' and stay unchanged until ls_input_release (any other text,
 * or bytes without that NUL, is copied as ls_input_decode does). */
ls_status ls_input_decode_in_place(const char *bytes, size_t len, ls_input *in, ls_error *err);

/* As ls_input_decode, a text of UTF-8 cut into 'pieces' pieces at line
 * starts (at most 16) decoded on threads, whatever its length (the two
 * functions above do so for a long text, a piece a core): tests check that
 * every cut gives what one pass gives, errors included. */
ls_status ls_input_decode_pieces(const char *bytes, size_t len, size_t pieces, ls_input *in,
                                 ls_error *err);

/* The offset of the first byte of 's' ('len' bytes) that does not start a
 * valid UTF-8 character (overlongs, surrogates and code points over
 * U+10FFFF are invalid), or 'len' when all of it is valid. */
size_t ls_utf8_valid_prefix(const char *s, size_t len);
/* A prefix of the 'len' bytes at 's' that is surely valid UTF-8 and ends
 * where a character begins (utf8_simd.c): the exact check starts there.
 * 0 where the processor has no SSSE3. */
size_t ls_utf8_simd_prefix(const unsigned char *s, size_t len);

/* The offset in 'in->text' of offset 'norm_pos' of 'in->norm'. */
size_t ls_input_text_offset(const ls_input *in, size_t norm_pos);

/* As ls_input_text_offset, for a caller that asks about increasing
 * offsets: '*cursor' (start it at 0) keeps its place among the marks, so
 * a pass over the text costs one walk over the marks instead of a search
 * per offset. A smaller offset than the last one is still answered. */
size_t ls_input_text_offset_seq(const ls_input *in, size_t norm_pos, size_t *cursor);

/* The offset in 'in->norm' of offset 'text_pos' of 'in->text'; a byte that
 * was dropped or folded maps to the norm offset where it went. */
size_t ls_input_norm_offset(const ls_input *in, size_t text_pos);

/* Frees what 'in' holds; safe on a zeroed or half-filled ls_input. */
void ls_input_release(ls_input *in);

#endif
