/*
 * fixture.h — reading a file of tests/fixtures in a cmocka test (fixture.c).
 * Only for tests: a file that cannot be read fails the test.
 */
#ifndef LS_TEST_FIXTURE_H
#define LS_TEST_FIXTURE_H

#include <stddef.h>

/* The bytes of file 'name' of directory 'dir', NUL-terminated, in a new
 * buffer (free()); '*len' bytes without the NUL. */
char *ls_test_fixture(const char *dir, const char *name, size_t *len);

#endif
