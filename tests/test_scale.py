"""The scale benchmark's scripts work: a small archive, made twice the same, and the benchmark run
on it end to end (the full run, ten thousand articles, is `make bench-scale`)."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GCIDE = Path("/usr/share/dictd/gcide.dict.dz")
needs_data = pytest.mark.skipif(not GCIDE.exists() or not Path("/usr/share/games/fortunes/chinese").exists(),
                                reason="dict-gcide and fortunes-zh are not installed (`make archive-data`)")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*.txt")):
        h.update(f.relative_to(folder).as_posix().encode() + f.read_bytes())
    return h.hexdigest()


@needs_data
def test_the_archive_is_dated_articles_made_the_same_every_time(tmp_path):
    from qa.corpus import read_article
    from scripts.make_archive import make

    counts = make(tmp_path / "a", 40, 5, seed=11)
    make(tmp_path / "b", 40, 5, seed=11)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert (counts["en"], counts["zh"], counts["seeds"]) == (40, 5, 5) and counts["words"] > 40 * 150
    english = read_article(tmp_path / "a" / "en" / "en00007.txt")
    chinese = read_article(tmp_path / "a" / "zh" / "zh00003.txt")
    assert english.date and english.title.startswith("Notes on") and english.languages == ["en"]
    assert chinese.date and chinese.languages == ["zh"]
    assert len({read_article(f).date[:3] for f in (tmp_path / "a" / "en").glob("*.txt")}) >= 5  # decades
    assert "1913 Webster" not in english.text and "\x1b" not in chinese.text


@needs_data
def test_the_scale_benchmark_runs_end_to_end_on_a_small_archive(tmp_path):
    out = tmp_path / "figures.json"
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_scale.py"), "--articles", "60",
                        "--chinese", "5", "--questions", "8", "--add", "20",
                        "--model", "all-MiniLM-L6-v2",
                        "--work", str(tmp_path / "work"), "--json", str(out)],
                       capture_output=True, text=True, timeout=1200)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    fig = json.loads(out.read_text())
    assert fig["articles"] == 60 + 5 + 5 and fig["ingest"]["chunks"] > 60
    assert fig["reingest_unchanged_s"] < fig["ingest"]["wall_s"]
    assert 0 <= fig["correctness"]["archive"] <= 1 and fig["warm"]["n"] == 50
    assert "qa remove one article" in p.stdout and "warm answer p50 / p95" in p.stdout
    manifest = json.loads((tmp_path / "work" / "index" / "manifest.json").read_text())
    assert "en00001.txt" not in manifest["articles"] and "en00080.txt" in manifest["articles"]
    assert len(manifest["articles"]) == 60 + 5 + 5 + 20 - 1  # the held back added, one removed
