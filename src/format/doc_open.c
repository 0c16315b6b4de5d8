/*
 * doc_open.c — a report in any of the forms governments publish it: the
 * formats that need libraries of their own (a Word document: docx_read.c;
 * a PDF: pdf_read.c) are turned into text here, and the text goes to the
 * reading stages as any text file does (ls_doc_new: text, GB18030, an HTML
 * page). The format is told by the first bytes, not by the file's name:
 *
 *   PK\3\4 …            a zip archive: a DOCX (or an error naming what it is)
 *   %PDF- (first 1 KB)  a PDF
 *   D0 CF 11 E0 …       an OLE file: an encrypted DOCX or a Word 97-2003 .doc
 *   anything else       text or an HTML page (ls_doc_new)
 *
 * Offsets of the document then point into the extracted text
 * (ls_doc_converts tells which bytes are turned into text). It is in
 * luoshi_format, not in libluoshi, because it needs libzip and poppler.
 */
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "docx_read.h"
#include "error.h"
#include "html.h"
#include "pdf_read.h"

/* True when 'bytes' begin as an OLE compound file (Word 97-2003, or the
 * wrapper Office puts around an encrypted DOCX). */
static int is_ole(const char *bytes, size_t len)
{
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

    return len >= 8 && memcmp(bytes, ole, 8) == 0;
}

/* True when the OLE file holds a stream named "EncryptedPackage" (in
 * UTF-16LE, as the directory names it): an encrypted OOXML document. */
static int is_encrypted_package(const char *bytes, size_t len)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    size_t n = sizeof name - 1, i;

    for (i = 0; i + n <= len; i++)
        if (bytes[i] == 'E' && memcmp(bytes + i, name, n) == 0)
            return 1;
    return 0;
}

/* The document of text 'b' extracted as 'format', or the status of the
 * extraction. */
static ls_status from_text(ls_status st, ls_buf *b, const char *format, ls_doc **out,
                           ls_error *err)
{
    LS_CHECK(st);
    LS_CHECK(ls_doc_new_extracted(b->data, b->len, format, out, err));
done:
    ls_buf_release(b);
    return st;
}

int ls_doc_converts(const char *bytes, size_t len)
{
    return ls_docx_detect(bytes, len) || ls_pdf_detect(bytes, len) || is_ole(bytes, len) ||
           ls_html_detect(bytes, len);
}

/* ls_doc_read and ls_doc_read_in_place. */
static ls_status read_doc(const char *name, const char *bytes, size_t len, int in_place,
                          ls_doc **out, ls_error *err)
{
    ls_buf text;

    *out = NULL;
    if (!name)
        name = "the file";
    if (ls_docx_detect(bytes, len))
        return from_text(ls_docx_report_text(name, bytes, len, &text, err), &text, "docx", out,
                         err);
    if (ls_pdf_detect(bytes, len))
        return from_text(ls_pdf_text(name, bytes, len, &text, err), &text, "pdf", out, err);
    if (is_ole(bytes, len))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            is_encrypted_package(bytes, len)
                                ? "%s: an encrypted Word document: remove the password (save it "
                                  "without one) and import it again"
                                : "%s: a Word 97-2003 document (.doc) or another Office file: "
                                  "save it as .docx and import it again",
                            name);
    return in_place ? ls_doc_new_in_place(bytes, len, out, err) : ls_doc_new(bytes, len, out, err);
}

ls_status ls_doc_read(const char *name, const char *bytes, size_t len, ls_doc **out, ls_error *err)
{
    return read_doc(name, bytes, len, 0, out, err);
}

ls_status ls_doc_read_in_place(const char *name, const char *bytes, size_t len, ls_doc **out,
                               ls_error *err)
{
    return read_doc(name, bytes, len, 1, out, err);
}
