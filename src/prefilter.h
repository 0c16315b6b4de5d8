/*
 * prefilter.h — where a numeral or a sentence mark can begin, found fast.
 *
 * Most of a report is neither a figure nor punctuation, so the extractor
 * asks these scans for the next candidate and runs the re2c scanner and the
 * sentence bookkeeping only there, as a regex engine's literal prefilter
 * does. Each scan says exactly what the byte-by-byte test it replaces said:
 * it decides nothing about what a numeral is worth (lex.re, numbers.c).
 * The JSON writer asks the same kind of scan for the bytes it escapes.
 */
#ifndef LS_PREFILTER_H
#define LS_PREFILTER_H

#include <stddef.h>

/* True when a numeral can begin at 'pos' of the 'len' bytes at 's': an
 * ASCII digit or one of the Chinese numeral characters 〇零一二两三四五六七
 * 八九十百千万亿 and 半 (ORDER NUMERALS: the cn_num rule of lex.re). */
int ls_prefilter_is_numeral(const char *s, size_t pos, size_t len);

/* The first offset at or after 'pos' where ls_prefilter_is_numeral is
 * true, or 'len' when there is none. Full-width digits (１) are not
 * numerals here: the folded text the scanners read has them as ASCII. */
size_t ls_prefilter_numeral(const char *s, size_t pos, size_t len);

/* The first offset at or after 'pos' holding a byte that can begin a
 * sentence mark: ';' '!' '?' '\n' (the folded ；！？) or 0xE3, the lead of
 * 。 (ORDER MARKS: advance_sentence in extract.c); 'len' when none. */
size_t ls_prefilter_mark(const char *s, size_t pos, size_t len);

/* The first offset at or after 'pos' holding an ASCII digit, or 'len'. */
size_t ls_prefilter_digit(const char *s, size_t pos, size_t len);

/* The first offset at or after 'pos' where the fold of input.c must look:
 * a control character but TAB LF VT FF, '*', U+3000 (E3 80 80), or a byte
 * EF (the BOM, the full-width forms); 'len' when none. */
size_t ls_prefilter_fold(const char *s, size_t pos, size_t len);

/* The first offset at or after 'pos' where the clause walk of tasks.c
 * must look: ';' '!' '?' '\n', a quotation mark “ or ”, 。, or 是 (the
 * second character of a list item, 二是); 'len' when none. */
size_t ls_prefilter_clause(const char *s, size_t pos, size_t len);

/* The first offset at or after 'pos' holding a byte that a JSON string
 * escapes: '"', '\\' or a control character below 0x20; 'len' when none
 * (the JSON writer copies the bytes before it whole). */
size_t ls_prefilter_json_special(const char *s, size_t pos, size_t len);

#endif
