"""The engine that verifies every code block of the site, in the order of its pipeline.

    project.py       mkdocs.yml, read once: pages, nav, built URLs, include resolution
    pages.py         a page expanded as mkdocs publishes it, split into blocks
    blocks.py        a block and its marks (the allow-list of what a page may say)
    run.py           run a block in this process: scratch dir, seeds, offline, time limit
    own_process.py   run a block in a Python process of its own (same protocol everywhere)
    line_marks.py    which lines of a snippet ran (the 100 % coverage check)
    pictures.py      pictures a block draws: checked, cached, drawn for the site
    notebooks.py     notebook pages run cell by cell, their passing run cached
    cache.py         content-hash cache of passing runs under .cache/
    pytest_plugin.py the adapter that makes every block a pytest test
    browser.py       the built site in a real Chromium (tests and the bench)
    bench.py         what verification and the site cost (`make bench`)
    next_release.py  every page against the next TensorFlow/Keras, a report (`make test-next`)

The MkDocs hooks (hooks/) and the scripts (scripts/) are thin adapters over it.
"""
