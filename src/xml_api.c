/*
 * xml_api.c — loads libxml2 for xml_api.h (lazylib.h) and initializes its
 * parser once, under the loader's lock, so that threads reading pages at
 * once never race to do it. LS_XML_SONAME, the library's file name on the
 * build machine (libxml2.so.2), is set by CMakeLists.txt. Also the quiet
 * error handlers every reader sets around a parse.
 */
#include "xml_api.h"

#ifndef LS_XML_SONAME
#define LS_XML_SONAME "libxml2.so.2"
#endif

static void init_parser(void);

LS_LAZY_LIBRARY(LS_XML_FUNCTIONS, ls_xml_api, ls_xml, ls_xml_load, LS_EIO,
                "reading an HTML page, a DOCX or an XLSX needs libxml2 (Debian: libxml2)",
                LS_XML_SONAME, "libxml2.so", init_parser)

static void init_parser(void)
{
    ls_xml.xmlInitParser();
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

#if LIBXML_VERSION >= 21200
static void quiet_structured(void *ctx, const xmlError *error)
#else
static void quiet_structured(void *ctx, xmlErrorPtr error)
#endif
{
    (void)ctx;
    (void)error;
}

void ls_xml_quiet(ls_xml_handlers *saved)
{
    saved->generic = *ls_xml.__xmlGenericError();
    saved->generic_ctx = *ls_xml.__xmlGenericErrorContext();
    saved->structured = *ls_xml.__xmlStructuredError();
    saved->structured_ctx = *ls_xml.__xmlStructuredErrorContext();
    ls_xml.xmlSetGenericErrorFunc(NULL, quiet_generic);
    ls_xml.xmlSetStructuredErrorFunc(NULL, quiet_structured);
}

void ls_xml_restore(const ls_xml_handlers *saved)
{
    ls_xml.xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
    ls_xml.xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
}
