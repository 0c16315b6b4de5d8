/*
 * pdf_streams.c — what a PDF's compressed streams inflate to, measured
 * before poppler reads them. poppler keeps memory small while it reads a
 * page, but it reads every byte a content stream inflates to: 200 KB of
 * deflated blanks are 200 MB that take it ten seconds, and a 16 MB
 * upload could take it an hour. So each stream whose dictionary names
 * /FlateDecode is inflated here with zlib (into a small buffer that is
 * thrown away, at hundreds of MB a second) and the total is held to
 * LS_PDF_MAX_INFLATED. Images and embedded fonts are left out: poppler
 * does not lex them to read text, and a report's charts and fonts may be
 * large. A stream zlib cannot
 * inflate (encrypted, damaged) counts what it gave; poppler says the rest.
 * It does not parse the PDF: the keyword `stream` and the text before it
 * are all it looks at.
 */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "alloc.h"
#include "error.h"
#include "pdf_read.h"

#define CHUNK ((size_t)64 << 10)
#define DICT_WINDOW 4096 /* bytes before `stream` where its dictionary is */

/* The offset in 's' ('n' bytes) of the first 'w' ('k' bytes) at or after
 * 'from', or 'n' when there is none. */
static size_t find(const char *s, size_t n, size_t from, const char *w, size_t k)
{
    const char *p;

    while (from + k <= n && (p = memchr(s + from, w[0], n - from - k + 1)) != NULL) {
        if (memcmp(p, w, k) == 0)
            return (size_t)(p - s);
        from = (size_t)(p - s) + 1;
    }
    return n;
}

/* True when the dictionary of the stream starting at 'at' (the text
 * between the last `obj` before it and it, and after 'floor', where the
 * previous stream ended: so no byte is looked at twice) names
 * /FlateDecode and is not an image's or a font's. */
static int is_flate(const char *s, size_t floor, size_t at)
{
    size_t from = at > DICT_WINDOW ? at - DICT_WINDOW : 0, k, dict;

    if (from < floor)
        from = floor;
    dict = from;
    /* the last "obj" in the window starts the object */
    for (k = from; (k = find(s, at, k, "obj", 3)) < at; k++)
        dict = k;
    if (find(s, at, dict, "/FlateDecode", 12) == at)
        return 0;
    /* images and embedded fonts: poppler does not lex them as it lexes a
     * page's content */
    return find(s, at, dict, "/Image", 6) == at && find(s, at, dict, "/Length1", 8) == at &&
           find(s, at, dict, "Type1C", 6) == at && find(s, at, dict, "Type0C", 6) == at &&
           find(s, at, dict, "/OpenType", 9) == at;
}

/* Inflates the zlib stream at 's' ('n' bytes) into 'out', adding what it
 * gives to '*total'; stops past 'max'. Returns the bytes of input read. */
static size_t inflate_count(const char *s, size_t n, unsigned char *out, size_t *total, size_t max)
{
    z_stream z;
    int rc = Z_OK;

    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return 0;
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
    while (rc == Z_OK && *total <= max) {
        z.next_out = out;
        z.avail_out = (uInt)CHUNK;
        rc = inflate(&z, Z_NO_FLUSH);
        *total += CHUNK - z.avail_out;
        if (rc == Z_BUF_ERROR || (rc == Z_OK && z.avail_out == CHUNK))
            break; /* no progress: the input ended */
    }
    n = (size_t)z.total_in;
    inflateEnd(&z);
    return n;
}

ls_status ls_pdf_check_streams(const char *name, const char *bytes, size_t len, ls_error *err)
{
    unsigned char *out = ls_malloc(CHUNK);
    size_t at = 0, floor = 0, total = 0, d;

    if (!out)
        return ls_error_nomem(err);
    while ((at = find(bytes, len, at, "stream", 6)) < len) {
        d = at + 6;
        /* "endstream" ends one; the data starts after the end of line */
        if (at >= 3 && memcmp(bytes + at - 3, "end", 3) == 0) {
            at = floor = d;
            continue;
        }
        if (d < len && bytes[d] == '\r')
            d++;
        if (d >= len || bytes[d] != '\n' || !is_flate(bytes, floor, at)) {
            at = floor = d;
            continue;
        }
        d++;
        at = floor = d + inflate_count(bytes + d, len - d, out, &total, LS_PDF_MAX_INFLATED);
        if (total > LS_PDF_MAX_INFLATED)
            break;
    }
    ls_free(out);
    if (total > LS_PDF_MAX_INFLATED)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: the PDF's compressed streams inflate past %zu MB (the limit): "
                            "a decompression bomb?",
                            name, LS_PDF_MAX_INFLATED >> 20);
    return LS_OK;
}
