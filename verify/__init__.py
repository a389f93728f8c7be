"""The engine that verifies every code block of the site; README.md beside this file has
its design. In the order of its pipeline:

    project.py        mkdocs.yml, read once: pages, nav, built URLs, includes, time limit
    pages.py          a page expanded as mkdocs publishes it, split into blocks
    fences.py         a page's code fences, read once (as pytest-codeblocks reads them)
    blocks.py         a block and its marks (the allow-list of what a page may say)
    plan.py           a page's tests: problems, skipped blocks, runs
    variants.py       the runs a block gets (Keras 3, legacy tf.keras, other backends), where
    run.py            run a block in this process: scratch dir, seeds, offline, time limit
    processes.py      no process a block starts may outlive it (found, stopped, reported)
    own_process.py    run a block in a Python process of its own (same protocol everywhere)
    environment.py    the environment every run sees
    compare.py        what a run printed against what the page shows
    coverage_check.py which lines of a snippet ran (coverage.py, sys.monitoring)
    reads.py          what a block read while it ran: its cached run depends on it
    api_calls.py      the public APIs a block called (sys.monitoring), by canonical name
    report.py         the project checks: orphan snippets, 100 % line coverage
    session.py        what a test session learned, merged across xdist workers
    cache.py          content-hash cache of passing runs under .cache/
    block_cache.py    a block's passing run: its key, reuse and storage
    pictures.py       pictures a block draws: checked and cached
    notebooks.py      notebook pages run cell by cell, their passing run cached
    notebook_kernel.py  inside a notebook's kernel: each cell held to a snippet's rules
    pytest_plugin.py  the adapter: pytest's hooks (options, collection, xdist, the summary)
    pytest_items.py   the tests it collects: page problems, block runs, notebooks, project checks

It imports nothing from site_tools/, the site's own checks and tools.
"""
