#include "wk-test-util.h"
int main (int argc, char *argv[]) { wk_test_init (&argc, &argv); return g_test_run (); }
