/*
 * pdf_read.h — the text layer of a report published as PDF, read with
 * Debian's poppler library (poppler-glib), one paragraph a line: the
 * lines poppler lays out are joined back into paragraphs by where they
 * stand on the page (pdf_read.c). A scanned report (images, no text
 * layer) is an error, not an empty report: it needs OCR, which luoshi
 * does not do. What the text means is the reading stages' business.
 */
#ifndef LS_FORMAT_PDF_READ_H
#define LS_FORMAT_PDF_READ_H

#include <stddef.h>

#include "buf.h"
#include "luoshi.h"

#define LS_PDF_MAX_BYTES ((size_t)256 << 20) /* a PDF file */
#define LS_PDF_MAX_PAGES 5000
#define LS_PDF_MAX_TEXT ((size_t)64 << 20) /* bytes of text from all pages */
#define LS_PDF_MAX_INFLATED ((size_t)64 << 20) /* its Flate streams, images and fonts aside */

/* True when the 'len' bytes at 'bytes' hold "%PDF-" within their first
 * 1 KB (where readers look for it). */
int ls_pdf_detect(const char *bytes, size_t len);

/* The text of PDF file 'bytes' ('len' bytes; 'name' names it in errors)
 * into 'text', which the call initialises and the caller releases with
 * ls_buf_release: one paragraph a line, ended by '\n', pages in order; a
 * line that runs to the right edge of the text and is followed by one
 * that is not indented continues the same paragraph; page numbers alone
 * on a line (— 3 —, 3, 第3页) are left out. Fails with LS_EINVAL naming the
 * file: encrypted (a password is needed), damaged or not a PDF, no text
 * layer (a scan), over LS_PDF_MAX_PAGES pages, streams that inflate past
 * LS_PDF_MAX_INFLATED (ls_pdf_check_streams); LS_ELIMIT over
 * LS_PDF_MAX_BYTES or LS_PDF_MAX_TEXT; LS_ENOMEM; 'text' is then empty.
 * Calls are serialised (one PDF at a time in a process). */
ls_status ls_pdf_text(const char *name, const char *bytes, size_t len, ls_buf *text,
                      ls_error *err);

/* LS_OK when the streams of PDF 'bytes' that name /FlateDecode (images
 * and fonts aside) inflate to at most LS_PDF_MAX_INFLATED bytes in all, else
 * LS_EINVAL naming file 'name' and the limit (a decompression bomb that
 * would keep poppler busy for minutes); LS_ENOMEM (pdf_streams.c). A
 * guard, not a parser: a stream it cannot inflate counts what it gave. */
ls_status ls_pdf_check_streams(const char *name, const char *bytes, size_t len, ls_error *err);

#endif
