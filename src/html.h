/*
 * html.h — the article text of a report page saved from a government website.
 *
 * A 政府工作报告 page (www.gov.cn, a province's or a city's site) holds the
 * report among menus, breadcrumbs, share buttons, related links, a footer
 * and scripts. ls_html_extract parses it with libxml2's HTML parser, finds
 * the element that holds the article and turns it into plain text, one
 * paragraph a line, for the input stage to decode like any text file:
 *
 *     <h1>2023年大同市政府工作报告</h1>         2023年大同市政府工作报告
 *     <div class="TRS_Editor">            →   在市十六届人大三次会议上
 *       <p>在市十六届人大三次会议上</p>          ...
 *       <p>...。<strong>做大数字产业。</strong>    ...。**做大数字产业。**...
 *
 * Offsets in what follows refer to this text, not to the page.
 */
#ifndef LS_HTML_H
#define LS_HTML_H

#include <stddef.h>

#include "luoshi.h"

/* True when the 'len' bytes at 'bytes' look like an HTML document: after an
 * optional UTF-8 BOM, whitespace, comments (<!-- saved from url=... -->) and
 * an <?xml ...?> declaration, they start with <!DOCTYPE html, <html, <head or
 * <body, or with some tag and hold a <meta, <title, <div or <p tag within
 * their first 1 KB. A text report never starts with '<', so text is never
 * taken for HTML. Reads at most 1 KB. */
int ls_html_detect(const char *bytes, size_t len);

/* Extracts the article text of the HTML page 'bytes' ('len' bytes) into a
 * new NUL-terminated UTF-8 string '*text' of '*text_len' bytes, which the
 * caller frees with ls_free(). 'encoding' names the encoding of the page
 * ("UTF-8" when the caller has decoded it already), or is NULL to honour
 * the page's <meta charset> or http-equiv content type; without either,
 * valid UTF-8 is read as UTF-8 and anything else as GB18030, and the labels
 * gb2312, gbk and x-gbk mean GB18030 as browsers take them.
 *
 * The text has one paragraph a line, each ended by '\n', with no empty
 * lines: block elements (p, div, h1-h6, li, tr, table cells, ...) and <br>
 * end lines, whitespace inside a line is collapsed (a line break between two
 * ideographs vanishes, as a browser shows it), entities are decoded, and a
 * <strong> or <b> that opens a paragraph or a sentence is written
 * **like this**, the Markdown bold the outline stage reads. The page's <h1>
 * (or title element, or <title>) comes first when it precedes the article.
 *
 * Fails with LS_EINVAL "no article text found in HTML page" when no element
 * holds text, LS_ELIMIT for pages over 2 GiB, LS_ENOMEM; '*text' is then
 * NULL. Time and memory are linear in 'len' however deep the nesting. */
ls_status ls_html_extract(const char *bytes, size_t len, const char *encoding, char **text,
                          size_t *text_len, ls_error *err);

#endif
