"""Exit codes of the ``spinthermo`` command, one table for every subcommand.

=== ===========================================================================================
0   success
1   the work ran but something failed: a claim failed without an explanation, sweep points
    failed (their errors are stored), chunks were lost, a benchmark raised or disagreed
2   bad usage: unknown name, bad parameter or range, unwritable output, a store that cannot be
    resumed as asked; nothing was computed
70  internal error (a bug in spinthermo, ``EX_SOFTWARE`` of ``sysexits.h``): one line naming
    the exception; rerun with ``SPINTHERMO_DEBUG=1`` for the traceback, and please report it
130 interrupted (Ctrl-C); finished work is kept
=== ===========================================================================================
"""

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
