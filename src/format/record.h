/*
 * record.h — how a typed record of the ledger (an ls_unit, an ls_item …)
 * is written in the formats the front ends print: a descriptor lists its
 * fields in their order, each with its name, type and place in the struct,
 * and one writer per format walks it (record.c): JSON (through jsonw.h,
 * compact for the API and jsonl, indented for --format json) and the text
 * of a CSV or table cell. The descriptors themselves sit beside the
 * records they describe (records.c); a front end never looks a field up
 * by name to print it.
 *
 *     static const ls_rec_field unit_fields[] = {
 *         LS_F_INT(ls_unit, "id", id), LS_F_TEXT(ls_unit, "name", name), LS_F_END};
 *     const ls_rec_desc ls_unit_desc = {sizeof(ls_unit), unit_fields};
 */
#ifndef LS_FORMAT_RECORD_H
#define LS_FORMAT_RECORD_H

#include <stddef.h>

#include "buf.h"
#include "jsonw.h"

typedef enum {
    LS_REC_INT,          /* long long */
    LS_REC_INT_OR_NULL,  /* long long; null unless the int at 'aux' is set */
    LS_REC_REAL,         /* double, written as a real (16.0) */
    LS_REC_REAL_OR_NULL, /* double; null unless the int at 'aux' is set */
    LS_REC_NUM,          /* double, an integer when it is one (16), else a real */
    LS_REC_TEXT,         /* const char *; NULL is null */
    LS_REC_BOOL,         /* int: true or false */
    LS_REC_ENUM,         /* int, written as the text 'name' gives it (NULL: null) */
    LS_REC_TEXTS,        /* const char *const *, the size_t count at 'aux': ["a","b"] */
    LS_REC_OBJECT,       /* const void *, a record of 'sub'; NULL is null */
    LS_REC_EMBED,        /* a record of 'sub' inside this one, at 'off' */
    LS_REC_ARRAY         /* const void *, the size_t count at 'aux', records of 'sub' */
} ls_rec_type;

struct ls_rec_desc;

typedef struct {
    const char *key;               /* NULL ends a list of fields */
    ls_rec_type type;
    size_t off;                    /* the value, from the start of the record */
    size_t aux;                    /* *_OR_NULL: its flag; TEXTS, ARRAY: its count */
    const struct ls_rec_desc *sub; /* OBJECT, ARRAY: what each element is */
    const char *(*name)(int);      /* ENUM: the text of a value */
    size_t present;                /* 0: always written; else 1 + the offset of an int
                                      that must be set for the key to be written at all */
} ls_rec_field;

typedef struct ls_rec_desc {
    size_t size;                 /* bytes of one record, for arrays of them */
    const ls_rec_field *fields;
} ls_rec_desc;

#define LS_F_(key, type, T, m, aux, sub, name) {key, type, offsetof(T, m), aux, sub, name, 0}
#define LS_F_INT(T, key, m) LS_F_(key, LS_REC_INT, T, m, 0, NULL, NULL)
#define LS_F_INTN(T, key, m, has) LS_F_(key, LS_REC_INT_OR_NULL, T, m, offsetof(T, has), NULL, NULL)
#define LS_F_REAL(T, key, m) LS_F_(key, LS_REC_REAL, T, m, 0, NULL, NULL)
#define LS_F_REALN(T, key, m, has) LS_F_(key, LS_REC_REAL_OR_NULL, T, m, offsetof(T, has), NULL, NULL)
#define LS_F_NUM(T, key, m) LS_F_(key, LS_REC_NUM, T, m, 0, NULL, NULL)
#define LS_F_TEXT(T, key, m) LS_F_(key, LS_REC_TEXT, T, m, 0, NULL, NULL)
#define LS_F_BOOL(T, key, m) LS_F_(key, LS_REC_BOOL, T, m, 0, NULL, NULL)
#define LS_F_ENUM(T, key, m, name) LS_F_(key, LS_REC_ENUM, T, m, 0, NULL, name)
#define LS_F_TEXTS(T, key, m, n) LS_F_(key, LS_REC_TEXTS, T, m, offsetof(T, n), NULL, NULL)
#define LS_F_OBJECT(T, key, m, sub) LS_F_(key, LS_REC_OBJECT, T, m, 0, sub, NULL)
#define LS_F_EMBED(T, key, m, sub) LS_F_(key, LS_REC_EMBED, T, m, 0, sub, NULL)
#define LS_F_ARRAY(T, key, m, n, sub) LS_F_(key, LS_REC_ARRAY, T, m, offsetof(T, n), sub, NULL)
#define LS_F_END {NULL, LS_REC_INT, 0, 0, NULL, NULL, 0}
/* A field written only when the int 'flag' of the record is set (its key
 * is absent otherwise, not null): LS_F_IF(LS_F_TEXT(T, "sentence", s), T, has_s). */
#define LS_F_IF(T, flag, key, type, m, aux, sub) {key, type, offsetof(T, m), aux, sub, NULL, offsetof(T, flag) + 1}
#define LS_F_TEXT_IF(T, key, m, flag) LS_F_IF(T, flag, key, LS_REC_TEXT, m, 0, NULL)
#define LS_F_REAL_IF(T, key, m, flag) LS_F_IF(T, flag, key, LS_REC_REAL, m, 0, NULL)
#define LS_F_OBJECT_IF(T, key, m, sub, flag) LS_F_IF(T, flag, key, LS_REC_OBJECT, m, 0, sub)

/* Writes 'rec' (a record of 'd') as a JSON object. */
void ls_rec_json(ls_jw *w, const ls_rec_desc *d, const void *rec);

/* Writes the 'n' records of 'd' at 'at' as a JSON array. */
void ls_rec_json_array(ls_jw *w, const ls_rec_desc *d, const void *at, size_t n);

/* The field called 'key' of 'd', or NULL. */
const ls_rec_field *ls_rec_find(const ls_rec_desc *d, const char *key);

/* Appends to 'b' the text of field 'f' of 'rec' as a CSV or table cell
 * shows it: "" for null, integers as %lld, reals as %.12g, texts joined
 * by "、", an object or a list of objects as compact JSON. Returns 1
 * when the cell is a number (CSV writes it as it is), else 0. */
int ls_rec_cell(ls_buf *b, const ls_rec_field *f, const void *rec);

#endif
