// Entry point of the unit-test binary; the tests live beside it, one file per concept.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
