/*
 * sheet_zip.h — a member of an OOXML archive (an XLSX workbook, a DOCX
 * document: docx_read.c) read as a stream of XML nodes
 * (libzip inflates it a few KB at a time into libxml2's xmlTextReader),
 * within the limits that keep a small file from taking gigabytes: what
 * the members inflate to, alone and in all, and against their compressed
 * size; no DOCTYPE (so no entity); the shape of the XML (sheet_zip.c).
 */
#ifndef LS_STORE_SHEET_ZIP_H
#define LS_STORE_SHEET_ZIP_H

#include "xml_api.h"
#include "zip_api.h"

#include "luoshi.h"

#define LS_ZIP_MAX_MEMBER ((zip_uint64_t)64 << 20) /* inflated bytes of one member */
#define LS_ZIP_MAX_TOTAL ((zip_uint64_t)128 << 20) /* of all the members read */
#define LS_ZIP_MAX_RATIO 100                       /* inflated / compressed size ... */
#define LS_ZIP_RATIO_GRACE ((zip_uint64_t)1 << 20) /* ... once past this many bytes */
#define LS_XML_MAX_DEPTH 64                        /* elements open at once */
#define LS_XML_MAX_ATTRS 64                        /* attributes of one element */
#define LS_XML_MAX_OPEN_ATTRS 128 /* attributes of the open elements (namespaces in scope) */
#define LS_XML_MAX_TAG (64 << 10) /* bytes of one tag */
#define LS_XML_MAX_RUN (1 << 20)  /* bytes of one run of text, comment or CDATA */

/* The archive being read. */
typedef struct {
    zip_t *z;
    const char *name;   /* the file, for errors */
    const char *kind;   /* "document" for DOCX; NULL: "workbook" (in errors) */
    zip_uint64_t size;  /* the archive's size in bytes */
    zip_uint64_t total; /* bytes inflated from its members so far */
} ls_archive;

/* The shape of a member's XML seen so far, byte by byte, before libxml2
 * sees it (sheet_zip.c). */
typedef struct {
    int state;
    char quote;
    int slash, tail;
    size_t run;
    unsigned attrs, depth, open_attrs;
    unsigned char stack[LS_XML_MAX_DEPTH];
} ls_xml_guard;

/* One member being read. */
typedef struct {
    ls_archive *ar;
    const char *what; /* "the worksheet", "xl/styles.xml": the member in errors */
    zip_file_t *f;
    zip_uint64_t inflated, packed;
    xmlTextReaderPtr xml;
    /* the current node, after ls_member_next */
    int type;         /* XML_READER_TYPE_ELEMENT, _END_ELEMENT, _TEXT … */
    int depth;        /* the root element is 0 */
    int empty;        /* an element with no content: <c r="A1"/> */
    const char *name; /* an element's local name (any namespace), else "" */
    ls_xml_guard guard;
    int damaged;  /* not well-formed XML, or libzip could not inflate it */
    ls_status st; /* a limit passed while reading (the message in 'err') */
    ls_error *err;
} ls_member;

/* Opens archive member 'path' (called 'what' in errors) for reading its
 * nodes with ls_member_next. '*found' is 0 when there is no such member
 * (LS_OK, nothing to close). LS_ENOMEM, or LS_OK with 'p->damaged' set
 * when libzip cannot open it; close 'p' either way. */
ls_status ls_member_open(ls_archive *ar, const char *path, const char *what, ls_member *p,
                         int *found, ls_error *err);
/* The next node: 1, or 0 at the end or when reading stopped (a limit, a
 * damaged member: ls_member_close says which). */
int ls_member_next(ls_member *p);
/* Ends reading 'p': a limit passed (LS_EINVAL, its message in 'err'), or
 * LS_OK with '*damaged' set (if not NULL) when the member was damaged. */
ls_status ls_member_close(ls_member *p, int *damaged);

/* True when the current node of 'p' is the start (or the end) of an
 * element named 'name'; <c r="A1"/> is both. */
int ls_member_start(const ls_member *p, const char *name);
int ls_member_end(const ls_member *p, const char *name);
/* The attributes 'names' (up to 16, ending with NULL; local names in any
 * namespace, or in namespace 'ns' if given: r:id) of the current element
 * into 'values', 'size' bytes for each (cut to fit, "" when absent). Bit k
 * of the result is set when names[k] is there. */
unsigned ls_member_attrs(const ls_member *p, const char *ns, const char *const *names, char *values,
                         size_t size);
/* The text of the current node when it is text (or CDATA, or white
 * space), else NULL. */
const char *ls_member_text(const ls_member *p);

#endif
