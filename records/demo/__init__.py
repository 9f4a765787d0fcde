"""A realistic fictional fostering agency for demos, screenshots and the benchmark.

`build.build_agency()` is the entry point and `manage.py seed_demo` a thin wrapper around it.
The agency is planned in memory from one seeded random generator (plan.py and the modules it
calls), then bulk-inserted with history (save.py). The households built to order, including the
deliberate compliance gaps, are listed in `households.DESIGNATED`.
"""
