"""The inspection pack: gather every section (sections.yaml), render HTML and a PDF, export the tables,
bundle them with the sampled cases' files, and keep each generated pack as a PackExport.

    sections.yaml + sections.py   which sections and tables, in which order, filled by which gatherer
    context.py                    what every gatherer shares: the period, the children's names, cached rows
    gather/                       one function per table, each a fixed number of queries
    render.py                     HTML and the WeasyPrint PDF (local files only)
    tables.py, bundle.py          CSV/XLSX and the ZIP; evidence.py finds a sampled case's files
    services.py, selectors.py     writes (request, generate) and permission-checked reads
"""
