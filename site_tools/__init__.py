"""The site's own checks and tools, around the engine (verify/); nothing in verify/ imports
them, so editing one never invalidates a cached block run.

The site build's helpers (behind hooks/):

    repository.py       the site's URLs, from the repository it is built in
    pictures.py         the pictures a page shows: the cached ones, or drawn for the build
    recipe_notebooks.py each recipe page as a notebook (notebooks/<page>.ipynb)
    notebook_links.py   a page's "Download the notebook" and "Open in Colab" links
    runs_on.py          each block's "Runs on" line, from its verified runs
    api_index.py        the API index page, each page's APIs, links to their references
    published_code.py   a page's code and output on the built page: only what ran
    output_blocks.py    output shown as output; each code block titled with its file
    trust_line.py       "Verified with ... on <date>" under each page's title
    issue_forms.py      About's links to the issue forms and the maintainers' guide

The checks and tools (behind tests/ and scripts/):

    search_queries.py   the reader queries each page declares, and their checks
    browser.py          the built site in a real Chromium (tests and the bench)
    lighthouse.py       Lighthouse scores of each page kind
    bench.py            what verification and the site cost (`make bench`)
    next_release.py     every page against the next TensorFlow/Keras, a report (`make test-next`)
    ci_local.py         the pull-request workflow's steps in a fresh clone (`make ci-local`)
"""
