/*
 * records.c — the descriptors of records.h. The order of the fields is the
 * order of the keys in the JSON that the API and `--format json` have
 * always written (tests/snapshots hold it): change it only with them.
 */
#include "records.h"

static const ls_rec_field unit_fields[] = {
    LS_F_INT(ls_unit, "id", id), LS_F_TEXT(ls_unit, "name", name),
    LS_F_INT(ls_unit, "lead", lead), LS_F_INT(ls_unit, "co", co), LS_F_END};
const ls_rec_desc ls_unit_desc = {sizeof(ls_unit), unit_fields};

#define USER_FIELDS                                                                          \
    LS_F_INT(ls_user, "id", id), LS_F_TEXT(ls_user, "name", name),                           \
        LS_F_TEXT(ls_user, "role", role), LS_F_TEXT(ls_user, "unit", unit)
static const ls_rec_field user_fields[] = {USER_FIELDS,
                                           LS_F_TEXT(ls_user, "disabled_at", disabled_at),
                                           LS_F_END};
static const ls_rec_field session_user_fields[] = {USER_FIELDS, LS_F_TEXT(ls_user, "csrf", csrf),
                                                   LS_F_END};
static const ls_rec_field token_user_fields[] = {USER_FIELDS, LS_F_END};
const ls_rec_desc ls_user_desc = {sizeof(ls_user), user_fields};
const ls_rec_desc ls_session_user_desc = {sizeof(ls_user), session_user_fields};
const ls_rec_desc ls_token_user_desc = {sizeof(ls_user), token_user_fields};

#define REPORT_HEAD                                                                          \
    LS_F_INT(ls_report, "id", id), LS_F_TEXT(ls_report, "gov", gov),                         \
        LS_F_INT(ls_report, "year", year), LS_F_INT(ls_report, "version", version),          \
        LS_F_TEXT(ls_report, "source", source), LS_F_TEXT(ls_report, "sha256", sha256)
#define REPORT_DONE                                                                          \
    LS_F_TEXT(ls_report, "imported_at", imported_at),                                        \
        LS_F_TEXT(ls_report, "imported_by", imported_by)
static const ls_rec_field report_fields[] = {
    REPORT_HEAD, LS_F_TEXT(ls_report, "doc_id", doc_id), LS_F_TEXT(ls_report, "encoding", encoding),
    LS_F_INT(ls_report, "from_html", from_html), REPORT_DONE, LS_F_END};
static const ls_rec_field report_text_fields[] = {
    REPORT_HEAD, LS_F_TEXT(ls_report, "doc_id", doc_id), LS_F_TEXT(ls_report, "encoding", encoding),
    LS_F_INT(ls_report, "from_html", from_html), REPORT_DONE, LS_F_TEXT(ls_report, "text", text),
    LS_F_END};
static const ls_rec_field report_list_fields[] = {
    REPORT_HEAD, LS_F_TEXT(ls_report, "encoding", encoding), REPORT_DONE,
    LS_F_INT(ls_report, "items", items), LS_F_END};
const ls_rec_desc ls_report_desc = {sizeof(ls_report), report_fields};
const ls_rec_desc ls_report_text_desc = {sizeof(ls_report), report_text_fields};
const ls_rec_desc ls_report_list_desc = {sizeof(ls_report), report_list_fields};

static const ls_rec_field stored_heading_fields[] = {
    LS_F_INT(ls_stored_heading, "seq", seq), LS_F_INT(ls_stored_heading, "level", level),
    LS_F_TEXT(ls_stored_heading, "title", title), LS_F_TEXT(ls_stored_heading, "part", part),
    LS_F_INT(ls_stored_heading, "start", start), LS_F_INT(ls_stored_heading, "end", end),
    LS_F_INTN(ls_stored_heading, "parent", parent, has_parent), LS_F_END};
const ls_rec_desc ls_stored_heading_desc = {sizeof(ls_stored_heading), stored_heading_fields};

static const ls_rec_field stored_mention_fields[] = {
    LS_F_INT(ls_stored_mention, "id", id),
    LS_F_INT(ls_stored_mention, "start", start),
    LS_F_INT(ls_stored_mention, "end", end),
    LS_F_TEXT(ls_stored_mention, "text", text),
    LS_F_REAL(ls_stored_mention, "value", value),
    LS_F_REALN(ls_stored_mention, "value_max", value_max, has_max),
    LS_F_TEXT(ls_stored_mention, "unit", unit),
    LS_F_TEXT(ls_stored_mention, "kind", kind),
    LS_F_TEXT(ls_stored_mention, "op", op),
    LS_F_TEXT(ls_stored_mention, "change", change),
    LS_F_TEXT(ls_stored_mention, "metric", metric),
    LS_F_TEXT(ls_stored_mention, "part", part),
    LS_F_INTN(ls_stored_mention, "item", item, has_item),
    LS_F_END};
const ls_rec_desc ls_stored_mention_desc = {sizeof(ls_stored_mention), stored_mention_fields};

static const ls_rec_field change_fields[] = {
    LS_F_TEXT(ls_change_entry, "at", at),         LS_F_TEXT(ls_change_entry, "actor", actor),
    LS_F_TEXT(ls_change_entry, "action", action), LS_F_TEXT(ls_change_entry, "field", field),
    LS_F_TEXT(ls_change_entry, "old", old_value), LS_F_TEXT(ls_change_entry, "new", new_value),
    LS_F_END};
const ls_rec_desc ls_change_desc = {sizeof(ls_change_entry), change_fields};

#define PROGRESS_FIELDS                                                                      \
    LS_F_TEXT(ls_progress_entry, "date", date),                                              \
        LS_F_REALN(ls_progress_entry, "value", value, has_value),                            \
        LS_F_REALN(ls_progress_entry, "percent", percent, has_percent),                      \
        LS_F_TEXT(ls_progress_entry, "done_text", done_text),                                \
        LS_F_TEXT(ls_progress_entry, "problems", problems),                                  \
        LS_F_TEXT(ls_progress_entry, "next_steps", next_steps),                              \
        LS_F_TEXT(ls_progress_entry, "evidence", evidence),                                  \
        LS_F_TEXT(ls_progress_entry, "unit", unit), LS_F_TEXT(ls_progress_entry, "at", at),  \
        LS_F_TEXT(ls_progress_entry, "by", by)
static const ls_rec_field progress_entry_fields[] = {LS_F_INT(ls_progress_entry, "id", id),
                                                     PROGRESS_FIELDS, LS_F_END};
static const ls_rec_field progress_latest_fields[] = {PROGRESS_FIELDS, LS_F_END};
const ls_rec_desc ls_progress_entry_desc = {sizeof(ls_progress_entry), progress_entry_fields};
const ls_rec_desc ls_progress_latest_desc = {sizeof(ls_progress_entry), progress_latest_fields};
