"""`qa search`: words and phrases in the keyword index, as keyword-in-context lines."""

from __future__ import annotations

import argparse
import json

from qa.config import Config
from qa.errors import QAError


def cmd_search(args: argparse.Namespace, config: Config) -> int:
    from qa.index import Store
    from qa.pipeline import check_dates
    from qa.scope import Scope
    from qa.search import search

    check_dates(args.since, args.until)
    if not args.query.strip():
        raise QAError("the search is empty")
    store = Store.open(config)
    scope = Scope.of(args.sources, args.languages, args.publications)
    sources = scope.resolve(store.manifest.articles, store.publication)
    result = search(store, args.query, args.since, args.until, sources, max(args.limit, 0))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    shown = " + ".join(f"“{t}”" for t in result.terms)
    print(f"{result.total} hit{'s' * (result.total != 1)} in {result.articles} article"
          f"{'s' * (result.articles != 1)} for {shown}")
    for h in result.hits:
        print(f"{h.date or 'undated'}  {h.title[:70]}  ({h.source}, chars {h.start}-{h.end})")
        print(f"    {h.before}[{h.match}]{h.after}")
    if result.total > len(result.hits):
        print(f"… {result.total - len(result.hits)} more (--limit)")
    if result.per_year:
        print("per year: " + " · ".join(f"{y} {n}" for y, n in result.per_year.items()))
    return 0
