"""The `govlint` command line (click): the group (cli), one module per command (parse_cmd,
check_cmd, report_cmd, rules_cmd, rules_test_cmd, profiles_cmd) and what they share (shared:
exit codes, options, tables, run settings); output formats in formatters/, HTML templates in
templates/.

In: the command line. Out: standard output, files, one `govlint: …` line per problem on
standard error and the exit status. May import: the engine; the engine never imports this.
"""
