"""The engine that verifies every code block of the site, in the order of its pipeline.

    project.py       mkdocs.yml, read once: pages, nav, built URLs, include resolution
    pages.py         a page expanded as mkdocs publishes it, split into blocks
    blocks.py        a block and its marks (the allow-list of what a page may say)
    run.py           run a block in this process: scratch dir, seeds, offline, time limit
    own_process.py   run a block in a Python process of its own (same protocol everywhere)
    coverage_check.py which lines of a snippet ran (coverage.py, sys.monitoring): the 100 % check
    pictures.py      pictures a block draws: checked, cached, drawn for the site
    notebooks.py     notebook pages run cell by cell, their passing run cached
    recipe_notebooks.py  each recipe page as a notebook (notebooks/<page>.ipynb)
    notebook_links.py    a page's "Download the notebook" and "Open in Colab" links
    cache.py         content-hash cache of passing runs under .cache/
    pytest_plugin.py the adapter that makes every block a pytest test

and around it, the site and the tools:

    repository.py    the site's URLs, from the repository it is built in
    search_queries.py the reader queries each page declares, and their checks
    browser.py       the built site in a real Chromium (tests and the bench)
    lighthouse.py    Lighthouse scores of each page kind
    bench.py         what verification and the site cost (`make bench`)
    next_release.py  every page against the next TensorFlow/Keras, a report (`make test-next`)
    ci_local.py      the pull-request workflow's steps, run here in a fresh clone (`make ci-local`)

The MkDocs hooks (hooks/) and the scripts (scripts/) are thin adapters over it.
"""
