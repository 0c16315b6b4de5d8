/*
 * evidence.c — 佐证材料: files a unit sends with a progress report or a
 * 办结 request, kept in the store beside the row they back (table evidence,
 * migration 006: the bytes as a BLOB / bytea, the name, the type read from
 * the bytes, the size, the SHA-256, who and when).
 *
 * Every file is hostile until its first bytes say what it is: a PDF, an
 * image (PNG, JPEG, GIF, WebP), an Office file (OOXML: DOCX, XLSX, PPTX;
 * OLE2: DOC, XLS, PPT, WPS, ET, DPS), or a ZIP archive, of at most
 * LS_EVIDENCE_MAX bytes; and its name must end as its type does (a.pdf that
 * holds a PNG is refused). Nothing here opens or renders a file. Who may
 * read a file is the front end's question (ls_ledger_unit_owns answers it);
 * files are never changed or deleted.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "loop.h"
#include "store.h"

#define SHA256_HEX_SIZE (2 * crypto_hash_sha256_BYTES + 1)

/* ORDER EVIDENCE TYPES (docs/ledger.md lists them): a kind of file, the
 * MIME type sent on download, and the name endings it may carry. */
typedef struct {
    const char *what; /* in messages */
    const char *type;
    const char *ext[4];
} kind;

enum {
    K_PDF,
    K_PNG,
    K_JPEG,
    K_GIF,
    K_WEBP,
    K_DOCX,
    K_XLSX,
    K_PPTX,
    K_ZIP,
    K_DOC,
    K_XLS,
    K_PPT,
    K_NONE
};

static const kind kinds[] = {
    {"a PDF document", "application/pdf", {".pdf"}},
    {"a PNG image", "image/png", {".png"}},
    {"a JPEG image", "image/jpeg", {".jpg", ".jpeg"}},
    {"a GIF image", "image/gif", {".gif"}},
    {"a WebP image", "image/webp", {".webp"}},
    {"a Word document",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     {".docx"}},
    {"an Excel workbook",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     {".xlsx"}},
    {"a PowerPoint deck",
     "application/vnd.openxmlformats-officedocument.presentationml.presentation",
     {".pptx"}},
    {"a ZIP archive", "application/zip", {".zip"}},
    {"a Word 97 document", "application/msword", {".doc", ".wps"}},
    {"an Excel 97 workbook", "application/vnd.ms-excel", {".xls", ".et"}},
    {"a PowerPoint 97 deck", "application/vnd.ms-powerpoint", {".ppt", ".dps"}},
};

static int starts(const char *b, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(b, magic, m) == 0;
}

/* True when 'needle' occurs in the first 'n' bytes of 'b'. */
static int holds(const char *b, size_t n, const char *needle)
{
    size_t m = strlen(needle), i;

    for (i = 0; m <= n && i <= n - m; i++)
        if (b[i] == needle[0] && memcmp(b + i, needle, m) == 0)
            return 1;
    return 0;
}

/* True when 'name' ends with 'ext', ASCII letters in either case. */
static int ends_with(const char *name, const char *ext)
{
    size_t n = strlen(name), m = strlen(ext), i;

    if (n < m)
        return 0;
    for (i = 0; i < m; i++) {
        char c = name[n - m + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != ext[i])
            return 0;
    }
    return 1;
}

static int named_as(const char *name, int k)
{
    size_t i;

    for (i = 0; i < 4 && kinds[k].ext[i]; i++)
        if (ends_with(name, kinds[k].ext[i]))
            return 1;
    return 0;
}

/* The kind of a ZIP archive: an OOXML file names its main part in the
 * archive's file names (stored uncompressed in its headers). */
static int zip_kind(const char *b, size_t n, const char *name)
{
    if (holds(b, n, "[Content_Types].xml") || named_as(name, K_DOCX) || named_as(name, K_XLSX) ||
        named_as(name, K_PPTX)) {
        if (holds(b, n, "word/"))
            return K_DOCX;
        if (holds(b, n, "xl/"))
            return K_XLSX;
        if (holds(b, n, "ppt/"))
            return K_PPTX;
    }
    return K_ZIP;
}

/* The kind of an OLE2 compound file (DOC, XLS, PPT and WPS's own), told
 * by its name: their streams are named in UTF-16 deep inside. */
static int ole_kind(const char *name)
{
    if (named_as(name, K_XLS))
        return K_XLS;
    if (named_as(name, K_PPT))
        return K_PPT;
    return K_DOC;
}

/* The kind of the bytes, or K_NONE. */
static int sniff(const char *b, size_t n, const char *name)
{
    if (starts(b, n, "%PDF-", 5))
        return K_PDF;
    if (starts(b, n, "\x89PNG\r\n\x1a\n", 8))
        return K_PNG;
    if (starts(b, n, "\xff\xd8\xff", 3))
        return K_JPEG;
    if (starts(b, n, "GIF87a", 6) || starts(b, n, "GIF89a", 6))
        return K_GIF;
    if (starts(b, n, "RIFF", 4) && n >= 12 && memcmp(b + 8, "WEBP", 4) == 0)
        return K_WEBP;
    if (starts(b, n, "PK\x03\x04", 4) || starts(b, n, "PK\x05\x06", 4))
        return zip_kind(b, n, name);
    if (starts(b, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
        return ole_kind(name);
    return K_NONE;
}

const char *ls_evidence_type(const char *bytes, size_t len, const char *name, ls_error *err)
{
    int k;

    if (!name || !*name)
        name = "upload";
    if (len == 0) {
        ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "%s: the file is empty", name);
        return NULL;
    }
    if (len > LS_EVIDENCE_MAX) {
        ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, 0,
                     "%s: %zu bytes, past the limit of %u MB for a file of evidence", name, len,
                     LS_EVIDENCE_MAX >> 20);
        return NULL;
    }
    k = sniff(bytes, len, name);
    if (k == K_NONE) {
        ls_error_set(err, LS_EINVAL, 0, 0,
                     "%s: not a file kept as evidence (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, "
                     "PPTX, DOC, XLS, PPT, WPS, ET, ZIP): its first bytes are none of these",
                     name);
        return NULL;
    }
    if (!named_as(name, k)) {
        ls_error_set(err, LS_EINVAL, 0, 0, "%s: the name does not end as %s does (%s)", name,
                     kinds[k].what, kinds[k].ext[0]);
        return NULL;
    }
    return kinds[k].type;
}

const char *ls_evidence_mime(const char *type)
{
    size_t i;

    for (i = 0; type && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(type, kinds[i].type) == 0)
            return kinds[i].type;
    return "application/octet-stream";
}

ls_status ls_ledger_evidence_keep(ls_store *store, long long item, long long progress,
                                  const char *unit, const ls_evidence_file *file, long long *id,
                                  ls_error *err)
{
    const char *type = ls_evidence_type(file->bytes, file->len, file->name, err);
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[SHA256_HEX_SIZE], now[LS_NOW_SIZE], summary[300];
    long long unit_id = 0, got = 0;
    int removed = 0;
    ls_status st;

    if (id)
        *id = 0; /* the new file's id once it is kept and logged */
    if (!type)
        LS_CHECK(err ? err->code : LS_EINVAL);
    LS_CHECK(ls_store_item_state(store, item, &removed, err));
    if (removed)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", item));
    if (unit) {
        int owns = 0;
        LS_CHECK(ls_store_unit_id(store, unit, &unit_id, err));
        LS_CHECK(ls_ledger_unit_owns(store, item, unit, &owns, err));
        if (!owns)
            LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                                  "unit '%s' is neither lead nor co unit of item %lld", unit,
                                  item));
    }
    crypto_hash_sha256(digest, (const unsigned char *)file->bytes, file->len);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    ls_store_now(now);
    st = ls_db_query_id(store->db,
                        "INSERT INTO evidence (item_id, progress_id, unit_id, name, type, size, "
                        "sha256, data, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        "?, ?) RETURNING id",
                        (ls_db_value[10]){LS_PI(item), progress ? LS_PI(progress) : LS_PN,
                                          unit_id ? LS_PI(unit_id) : LS_PN, LS_PT(file->name),
                                          LS_PT(type), LS_PI(file->len), LS_PT(hex),
                                          LS_PB(file->bytes, file->len), LS_PT(now),
                                          LS_PT(store->actor)},
                        10, &got, err);
    LS_CHECK(st);
    snprintf(summary, sizeof summary, "%.200s (%zu bytes, sha256 %.12s…)", file->name, file->len,
             hex);
    LS_CHECK(
        ls_store_log(store, "evidence", "evidence", got, item, "evidence", NULL, summary, err));
    if (id)
        *id = got;
done:
    return st;
}

ls_status ls_ledger_evidence_add(ls_store *store, long long item, const char *unit,
                                 const ls_evidence_file *file, long long *id, ls_error *err)
{
    ls_status st;

    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_ledger_evidence_keep(store, item, 0, unit, file, id, err));
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_ledger_unit_owns(ls_store *store, long long item, const char *unit, int *owns,
                              ls_error *err)
{
    long long found = 0;
    ls_status st = ls_db_query_id(
        store->db,
        "SELECT 1 FROM items i JOIN units u ON u.id = i.lead_unit_id WHERE i.id = ? AND u.name = ? "
        "UNION SELECT 1 FROM item_co_units c JOIN units u ON u.id = c.unit_id WHERE c.item_id = ? "
        "AND u.name = ?",
        (ls_db_value[4]){LS_PI(item), LS_PT(unit ? unit : ""), LS_PI(item),
                         LS_PT(unit ? unit : "")},
        4, &found, err);

    *owns = st == LS_OK && found != 0;
    return st;
}

#define EVIDENCE_COLUMNS                                                                           \
    "e.id, e.item_id, e.progress_id, e.name, e.type, e.size, e.sha256, u.name, e.created_at, "     \
    "e.created_by"

/* The records of 'rows' (EVIDENCE_COLUMNS) into a new list 'out'. */
static ls_status evidence_records(const ls_db_rows *rows, ls_evidence_list *out, ls_error *err)
{
    void *at = NULL;
    size_t i;
    ls_status st;

    LS_CHECK(ls_store_list_new(rows->nrows, sizeof *out->at, &at, &out->mem, err));
    out->at = at;
    for (i = 0; i < rows->nrows; i++) {
        ls_evidence *e = &out->at[i];
        e->id = ls_db_int(rows, i, 0);
        e->item = ls_db_int(rows, i, 1);
        e->progress = ls_db_int(rows, i, 2);
        e->name = ls_mem_str(out->mem, ls_db_text(rows, i, 3));
        e->type = ls_mem_str(out->mem, ls_db_text(rows, i, 4));
        e->size = ls_db_int(rows, i, 5);
        e->sha256 = ls_mem_str(out->mem, ls_db_text(rows, i, 6));
        e->unit = ls_mem_str(out->mem, ls_db_text(rows, i, 7));
        e->at = ls_mem_str(out->mem, ls_db_text(rows, i, 8));
        e->by = ls_mem_str(out->mem, ls_db_text(rows, i, 9));
    }
    out->n = rows->nrows;
done:
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}

ls_status ls_ledger_evidence_list(ls_store *store, long long item, ls_evidence_list *out,
                                  ls_error *err)
{
    ls_db_rows rows = {0};
    ls_status st;

    memset(out, 0, sizeof *out);
    LS_CHECK(ls_store_item_state(store, item, NULL, err));
    LS_CHECK(ls_db_query(store->db,
                         "SELECT " EVIDENCE_COLUMNS " FROM evidence e LEFT JOIN units u ON u.id = "
                         "e.unit_id WHERE e.item_id = ? ORDER BY e.id",
                         (ls_db_value[1]){LS_PI(item)}, 1, &rows, err));
    LS_CHECK(evidence_records(&rows, out, err));
done:
    ls_db_rows_free(&rows);
    return st;
}

ls_status ls_ledger_evidence_get(ls_store *store, long long id, ls_evidence_list *out, char **data,
                                 size_t *len, ls_error *err)
{
    ls_db_rows rows = {0};
    const char *bytes;
    ls_status st;

    memset(out, 0, sizeof *out);
    *data = NULL;
    *len = 0;
    LS_CHECK(ls_db_query(store->db,
                         "SELECT " EVIDENCE_COLUMNS ", e.data FROM evidence e LEFT JOIN units u ON "
                         "u.id = e.unit_id WHERE e.id = ?",
                         (ls_db_value[1]){LS_PI(id)}, 1, &rows, err));
    if (rows.nrows == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no evidence file %lld", id));
    LS_CHECK(evidence_records(&rows, out, err));
    bytes = ls_db_blob(&rows, 0, 10, len);
    *data = ls_malloc(*len ? *len : 1);
    if (!*data)
        LS_CHECK(ls_error_nomem(err));
    memcpy(*data, bytes ? bytes : "", *len);
done:
    if (st != LS_OK) {
        ls_mem_free(out->mem);
        memset(out, 0, sizeof *out);
        *len = 0;
    }
    ls_db_rows_free(&rows);
    return st;
}
