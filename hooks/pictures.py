"""MkDocs hook: pictures drawn by a page's code are published with the page.

A code block marked <!--pytest.mark.produces("model.svg")--> writes `model.svg` into its
working directory; this hook adds the picture to the site beside the page, in a folder
named after it (docs/visualizing.md shows it with `![...](visualizing/model.svg)`).
The pictures come from the run that `make test` saved, or from a new run of the block in
a process of its own when there is none (verify/pictures.py): nothing is committed, so a
picture cannot drift from the code shown next to it. A block that fails, or does not
write what it declares, fails the build with the page, line and snippet.

Registered under `hooks:` in mkdocs.yml; an adapter over the `verify` package.
"""

from __future__ import annotations

import logging
import os
import posixpath
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from site_tools.pictures import PictureFailure, for_site
from verify.pages import PageError, page_blocks
from verify.project import project_of, snippet_timeout

log = logging.getLogger("mkdocs.hooks.pictures")


def on_files(files: Files, config) -> Files:
    project = project_of(config)
    # The limit make test holds each block to; the process of its own gets a minute more
    # for its TensorFlow import (verify/own_process.py).
    timeout = snippet_timeout(project.root)
    jobs = []
    for page in files.documentation_pages():
        if not (page.abs_src_path and page.src_uri.endswith(".md")):
            continue
        try:
            blocks = page_blocks(project, Path(page.abs_src_path))
        except PageError as error:
            raise PluginError(str(error)) from None
        for block in blocks:
            if block.problem:
                raise PluginError(block.problem)
            if block.pictures and block.runs:
                jobs.append((page, block))

    def make(job):
        _page, block = job
        snippet = project.root / block.snippet
        try:
            made, ran = for_site(
                project.root, snippet, block.snippet, block.pictures, block.where, timeout
            )
        except PictureFailure as error:
            raise PluginError(str(error)) from None
        log.info("%s: %s", block.snippet, "drawn now" if ran else "the run saved by make test")
        return made

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        pictures = list(pool.map(make, jobs))
    for (page, _block), made in zip(jobs, pictures, strict=True):
        folder = posixpath.join(posixpath.dirname(page.src_uri), Path(page.src_uri).stem)
        for name, content in made.items():
            src_uri = posixpath.join(folder, name)
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{src_uri}, made by a block of {page.src_uri}, already exists")
            files.append(File.generated(config, src_uri, content=content))
    return files
