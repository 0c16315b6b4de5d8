/*
 * sheet_zip.c — a member of an XLSX archive as a stream of XML nodes, and
 * the limits on it. libzip inflates the member a few KB at a time into
 * libxml2's xmlTextReader (no tree, no whole member in memory, no network,
 * no entity substitution); each chunk is counted (what zip_fread returns,
 * not what the header claims) against the inflated size of the member and
 * of the archive and against its compressed size, and passes a guard that
 * reads the XML's shape before libxml2 does: a DOCTYPE (the only way to
 * declare an entity) is refused, as are a NUL byte (UTF-16), nesting,
 * attributes, tags and runs of text larger than a workbook ever has, which
 * keeps libxml2's own work and memory per node small. Members are read as
 * UTF-8 whatever they declare. What the nodes mean is sheet_xlsx.c's.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "sheet_zip.h"

/* ---- the guard: the shape of the XML, byte by byte ---- */

enum { G_TEXT, G_LT, G_BANG, G_COMMENT, G_CDATA, G_PI, G_END, G_TAG, G_QUOTE };
enum { G_OK, G_DOCTYPE, G_NUL, G_DEEP, G_ATTRS, G_OPEN_ATTRS, G_LONG_TAG, G_LONG_RUN };

/* Where a tag ends: a start tag pushes its attributes (unless it is empty,
 * <c r="A1"/>), an end tag pops them. */
static int guard_tag_end(ls_xml_guard *g, int end_tag)
{
    if (end_tag) {
        if (g->depth > 0)
            g->open_attrs -= g->stack[--g->depth];
        return G_OK;
    }
    if (g->slash)
        return G_OK;
    if (g->depth >= LS_XML_MAX_DEPTH)
        return G_DEEP;
    g->stack[g->depth++] = (unsigned char)g->attrs;
    g->open_attrs += g->attrs;
    return g->open_attrs > LS_XML_MAX_OPEN_ATTRS ? G_OPEN_ATTRS : G_OK;
}

/* One byte 'c' inside a start or end tag: quotes, attributes (one per
 * '=' outside quotes), whether the last mark was '/', and its end. */
static int guard_in_tag(ls_xml_guard *g, char c)
{
    if (g->state == G_QUOTE) {
        if (c == g->quote)
            g->state = G_TAG;
        return G_OK;
    }
    if (c == '>') {
        int end_tag = g->state == G_END;
        g->state = G_TEXT;
        g->run = 0;
        return guard_tag_end(g, end_tag);
    }
    if (g->state == G_END)
        return G_OK;
    if (c == '"' || c == '\'') {
        g->state = G_QUOTE;
        g->quote = c;
    } else if (c == '=' && ++g->attrs > LS_XML_MAX_ATTRS) {
        return G_ATTRS;
    }
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        g->slash = c == '/';
    return G_OK;
}

/* One byte 'c' of a comment, CDATA section or processing instruction:
 * 'tail' counts how much of its end (-->, ]]>, ?>) has been seen. */
static void guard_in_skip(ls_xml_guard *g, char c)
{
    char mark = g->state == G_COMMENT ? '-' : g->state == G_CDATA ? ']' : '?';
    int need = g->state == G_PI ? 1 : 2;

    if (c == '>' && g->tail >= need) {
        g->state = G_TEXT;
        g->run = 0;
    } else {
        g->tail = c == mark ? g->tail + 1 : 0;
    }
}

/* The byte after '<' or "<!": what kind of markup begins. */
static int guard_markup(ls_xml_guard *g, char c)
{
    if (g->state == G_BANG) {
        /* <!-- a comment, <![CDATA[ a section; anything else (<!DOCTYPE,
         * <!ENTITY) declares what a workbook never needs */
        if (c != '-' && c != '[')
            return G_DOCTYPE;
        g->state = c == '-' ? G_COMMENT : G_CDATA;
    } else if (c == '!') {
        g->state = G_BANG;
    } else {
        g->state = c == '?' ? G_PI : c == '/' ? G_END : G_TAG;
        g->attrs = 0;
        g->slash = 0;
    }
    g->tail = 0;
    return G_OK;
}

/* How many bytes of the 'n' at 's' the guard can pass at once: text up to
 * the next '<', a quoted value up to its quote (0 elsewhere). */
static size_t guard_skip(const ls_xml_guard *g, const char *s, size_t n)
{
    const char *stop;

    if (g->state != G_TEXT && g->state != G_QUOTE)
        return 0;
    stop = memchr(s, g->state == G_TEXT ? '<' : g->quote, n);
    return stop ? (size_t)(stop - s) : n;
}

/* Passes 'n' bytes of XML through guard 'g'; G_OK or what is wrong. */
static int guard_scan(ls_xml_guard *g, const char *s, size_t n)
{
    size_t i, k;
    int bad = G_OK;

    /* the guard reads bytes as libxml2 reads UTF-8 (the declared encoding is
     * ignored); UTF-16 would hide a "<!" from it, and has a NUL in every
     * ASCII character: no UTF-8 XML has one */
    if (memchr(s, '\0', n))
        return G_NUL;
    for (i = 0; i < n && bad == G_OK; i++) {
        /* most bytes are text or values: over them with memchr */
        k = guard_skip(g, s + i, n - i);
        g->run += k;
        i += k;
        if (i < n) {
            g->run++;
            switch (g->state) {
            case G_TEXT:
                g->state = G_LT; /* s[i] is '<' */
                g->run = 1;
                break;
            case G_LT:
            case G_BANG: bad = guard_markup(g, s[i]); break;
            case G_COMMENT:
            case G_CDATA:
            case G_PI: guard_in_skip(g, s[i]); break;
            default: bad = guard_in_tag(g, s[i]);
            }
        }
        if (bad == G_OK && g->run > ((g->state >= G_PI) ? LS_XML_MAX_TAG : LS_XML_MAX_RUN))
            bad = g->state >= G_PI ? G_LONG_TAG : G_LONG_RUN;
    }
    return bad;
}

/* ---- the member ---- */

/* The error for guard finding 'bad' in part 'p'. */
static ls_status guard_error(ls_member *p, int bad)
{
    const char *file = p->ar->name, *what = p->what;

    switch (bad) {
    case G_DOCTYPE:
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s declares a DOCTYPE (no DTD or entity is allowed in a "
                            "%s)",
                            file, what, p->ar->kind ? p->ar->kind : "workbook");
    case G_NUL:
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s is not UTF-8 text (a NUL byte)", file, what);
    case G_DEEP:
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s nests elements deeper than %d (the limit)", file, what,
                            LS_XML_MAX_DEPTH);
    case G_ATTRS:
    case G_OPEN_ATTRS:
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s has more than %d attributes on %s (the limit)", file, what,
                            bad == G_ATTRS ? LS_XML_MAX_ATTRS : LS_XML_MAX_OPEN_ATTRS,
                            bad == G_ATTRS ? "an element" : "the elements open at once");
    case G_LONG_TAG:
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s has a tag longer than %d KB (the limit)", file, what,
                            LS_XML_MAX_TAG >> 10);
    default:
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s has a text or comment longer than %d MB (the limit)", file,
                            what, LS_XML_MAX_RUN >> 20);
    }
}

/* Checks the 'n' bytes just inflated from part 'p' against the limits;
 * LS_OK or LS_EINVAL naming the limit passed. */
static ls_status part_check(ls_member *p, const char *buf, size_t n)
{
    int bad;

    p->inflated += n;
    p->ar->total += n;
    if (p->inflated > LS_ZIP_MAX_MEMBER)
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s inflates past %u MB (the limit)", p->ar->name, p->what,
                            (unsigned)(LS_ZIP_MAX_MEMBER >> 20));
    if (p->ar->total > LS_ZIP_MAX_TOTAL)
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: the %s inflates past %u MB in all (the limit)", p->ar->name,
                            p->ar->kind ? p->ar->kind : "workbook",
                            (unsigned)(LS_ZIP_MAX_TOTAL >> 20));
    /* a zip bomb: far more text than real workbooks pack in so few bytes */
    if (p->inflated > LS_ZIP_RATIO_GRACE && p->inflated / LS_ZIP_MAX_RATIO > p->packed)
        return ls_error_set(p->err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "%s: %s inflates to more than %d times its compressed size (the "
                            "limit)",
                            p->ar->name, p->what, LS_ZIP_MAX_RATIO);
    bad = guard_scan(&p->guard, buf, n);
    return bad == G_OK ? LS_OK : guard_error(p, bad);
}

/* libxml2's input: the next chunk of the member, or -1 to stop. */
static int part_read(void *ctx, char *buf, int len)
{
    ls_member *p = ctx;
    zip_int64_t got;

    if (p->st != LS_OK || p->damaged || len <= 0)
        return -1;
    got = ls_zip.zip_fread(p->f, buf, (zip_uint64_t)len);
    if (got < 0) {
        p->damaged = 1; /* a bad CRC, a broken deflate stream */
        return -1;
    }
    p->st = part_check(p, buf, (size_t)got);
    return p->st == LS_OK ? (int)got : -1;
}

/* libxml2's errors: nothing printed; a fatal one means a damaged member
 * (a namespace error is not fatal, as in a whole-document parse). */
static void part_error(void *ctx, xmlErrorPtr e)
{
    ls_member *p = ctx;

    if (e && e->level == XML_ERR_FATAL)
        p->damaged = 1;
}

ls_status ls_member_open(ls_archive *ar, const char *path, const char *what, ls_member *p,
                         int *found, ls_error *err)
{
    zip_stat_t st;
    ls_status loaded;

    memset(p, 0, sizeof *p);
    p->ar = ar;
    p->what = what;
    p->err = err;
    *found = 0;
    /* libxml2 is opened the first time a member is read */
    if ((loaded = ls_xml_load(err)) != LS_OK)
        return loaded;
    *found = ls_zip.zip_stat(ar->z, path, 0, &st) == 0;
    if (!*found)
        return LS_OK;
    /* the compressed size bounds the ratio; a header cannot claim more
     * bytes than the archive has */
    p->packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : ar->size;
    if (p->packed > ar->size)
        p->packed = ar->size;
    p->f = ls_zip.zip_fopen(ar->z, path, 0);
    if (!p->f) {
        p->damaged = 1;
        return LS_OK;
    }
    /* UTF-8 whatever the member declares (Excel and the others write it),
     * so that libxml2 reads the bytes the guard reads */
    p->xml = ls_xml.xmlReaderForIO(part_read, NULL, p, NULL, "UTF-8",
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_IGNORE_ENC);
    if (!p->xml)
        return p->st != LS_OK ? p->st : ls_error_nomem(err);
    ls_xml.xmlTextReaderSetStructuredErrorHandler(p->xml, part_error, p);
    return LS_OK;
}

int ls_member_next(ls_member *p)
{
    if (!p->xml || p->st != LS_OK || p->damaged)
        return 0;
    switch (ls_xml.xmlTextReaderRead(p->xml)) {
    case 1:
        /* what every caller asks of a node, once */
        p->type = ls_xml.xmlTextReaderNodeType(p->xml);
        p->depth = ls_xml.xmlTextReaderDepth(p->xml);
        p->empty = p->type == XML_READER_TYPE_ELEMENT && ls_xml.xmlTextReaderIsEmptyElement(p->xml) == 1;
        p->name = p->type == XML_READER_TYPE_ELEMENT || p->type == XML_READER_TYPE_END_ELEMENT
                      ? (const char *)ls_xml.xmlTextReaderConstLocalName(p->xml)
                      : NULL;
        if (!p->name)
            p->name = "";
        return p->damaged ? 0 : 1;
    case 0: return 0;
    default:
        if (p->st == LS_OK)
            p->damaged = 1; /* not well-formed, or cut short */
        return 0;
    }
}

ls_status ls_member_close(ls_member *p, int *damaged)
{
    ls_status st = p->st;

    if (p->xml)
        ls_xml.xmlFreeTextReader(p->xml);
    if (p->f)
        ls_zip.zip_fclose(p->f);
    if (damaged && st == LS_OK && p->damaged)
        *damaged = 1;
    p->xml = NULL;
    p->f = NULL;
    return st;
}

/* ---- the nodes ---- */

int ls_member_start(const ls_member *p, const char *name)
{
    return p->type == XML_READER_TYPE_ELEMENT && strcmp(p->name, name) == 0;
}

int ls_member_end(const ls_member *p, const char *name)
{
    return (p->type == XML_READER_TYPE_END_ELEMENT ||
            (p->type == XML_READER_TYPE_ELEMENT && p->empty)) &&
           strcmp(p->name, name) == 0;
}

/* Copies 'v' into 'out' of 'size' bytes, cut on a byte. */
static void copy_value(char *out, size_t size, const char *v)
{
    size_t n = v ? strlen(v) : 0;

    if (n >= size)
        n = size - 1;
    memcpy(out, v ? v : "", n);
    out[n] = '\0';
}

unsigned ls_member_attrs(const ls_member *p, const char *ns, const char *const *names, char *values,
                         size_t size)
{
    size_t k;
    unsigned found = 0;

    for (k = 0; names[k]; k++)
        values[k * size] = '\0';
    /* one walk over the attributes, as they come, without copies */
    if (ls_xml.xmlTextReaderMoveToFirstAttribute(p->xml) != 1)
        return 0;
    do {
        const char *local = (const char *)ls_xml.xmlTextReaderConstLocalName(p->xml);
        const char *uri = (const char *)ls_xml.xmlTextReaderConstNamespaceUri(p->xml);
        /* xmlns:r="…" is no attribute; without 'ns', any namespace will do
         * (as xmlGetProp has it), the first one found */
        if (!local || ls_xml.xmlTextReaderIsNamespaceDecl(p->xml) == 1 ||
            (ns && (!uri || strcmp(uri, ns) != 0)))
            continue;
        for (k = 0; names[k]; k++)
            if (!(found & 1u << k) && strcmp(local, names[k]) == 0) {
                copy_value(values + k * size, size, (const char *)ls_xml.xmlTextReaderConstValue(p->xml));
                found |= 1u << k;
            }
    } while (ls_xml.xmlTextReaderMoveToNextAttribute(p->xml) == 1);
    ls_xml.xmlTextReaderMoveToElement(p->xml);
    return found;
}

const char *ls_member_text(const ls_member *p)
{
    switch (p->type) {
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        return (const char *)ls_xml.xmlTextReaderConstValue(p->xml);
    default: return NULL;
    }
}
