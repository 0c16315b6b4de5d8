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
