"""A realistic fictional fostering agency for demos, screenshots and the benchmark.

`build.build_agency()` is the entry point and `manage.py seed_demo` a thin wrapper around it, which
then stores a compliance run and eight weeks of history (compliance.py). The agency is planned in
memory from one seeded random generator (plan.py and the modules it calls), then bulk-inserted with
history (save.py). Its records are those of a well-run agency except for the deliberate compliance
gaps listed in `stories.STORIES`; the households built to order for some of them are in
`households.DESIGNATED`.
"""
