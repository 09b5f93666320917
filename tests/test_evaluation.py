"""The evaluation suite: each metric on hand-made answer rows, the questions file, and `qa eval`
end to end on the real pipeline."""

import json

import pytest

from qa.errors import QAError
from qa.evaluation import check, evaluate, load_dialogues, load_questions
from qa.grounding import SupportChecker
from qa.metrics import (
    MRR,
    CitationPrecision,
    CitationRecall,
    Correctness,
    EvalQuestion,
    HitAtK,
    PremiseNotAsserted,
    QuoteValidity,
    RefusalPrecision,
    RefusalRecall,
    cited_sentences,
)

from .conftest import ROOT, SEEDS, run_qa

S1 = "001_9fe5e06e1cbca207.txt"
Q_1954 = "It is estimated that by the end of 1954, the number of people organized into handicraft " \
         "production cooperatives (groups) nationwide will be more than 1.1 million"


def _q(qid, answerable=True, category="number", sources=(S1,), must=(("1.1 million",),)):
    return EvalQuestion(qid, "q?", category, answerable, list(sources), [list(g) for g in must])


def _row(answer, citations=(), refused=False, retrieved=(S1,)):
    return {"answer": answer, "refused": refused, "citations": list(citations), "latency_ms": 100.0,
            "retrieved": list(retrieved)}


def _cite(n, quote, source=S1, start=0, end=0):
    return {"n": n, "quote": quote, "source": source, "start": start, "end": end}


def test_retrieval_metrics_use_the_rank_of_the_first_gold_article():
    qs = [_q("a"), _q("b"), _q("c")]
    rows = {"a": _row("", retrieved=[S1, "x"]), "b": _row("", retrieved=["x", "y", S1]),
            "c": _row("", retrieved=["x"] * 6)}
    assert HitAtK(1).compute(qs, rows).value == pytest.approx(1 / 3)
    assert HitAtK(3).compute(qs, rows).value == pytest.approx(2 / 3)
    assert MRR().compute(qs, rows).value == pytest.approx((1 + 1 / 3 + 0) / 3)
    # Unanswerable questions have no gold article: they are left out.
    assert HitAtK(1).compute([_q("u", answerable=False)], {"u": _row("")}).value is None


def test_correctness_needs_every_group_and_no_refusal():
    q = _q("a", must=(("1.1 million", "一百一十多万"), ("1954",)))
    assert Correctness().score(q, _row("By the end of 1954, more than 1.1 MILLION [1]")) == 1.0
    assert Correctness().score(q, _row("By the end of 1954, more than 900,000 [1]")) == 0.0
    assert Correctness().score(q, _row("1.1 million in 1954", refused=True)) == 0.0


def test_refusal_metrics():
    qs = [_q("a"), _q("u", answerable=False, must=()), _q("f", answerable=False, category="false_premise",
                                                           must=(("decentralized",),))]
    rows = {"a": _row("The articles do not say", refused=True), "u": _row("x", refused=True),
            "f": _row("Repair trades suit decentralized production [1]")}
    assert RefusalPrecision().compute(qs, rows).value == 0.5
    assert RefusalRecall().compute(qs, rows).value == 0.5
    # A false premise answered with the correcting passage is not asserted.
    assert PremiseNotAsserted().compute(qs, rows).value == 1.0
    rows["f"] = _row("They were concentrated into factories [1]")
    assert PremiseNotAsserted().compute(qs, rows).value == 0.0


def test_cited_sentences_in_both_languages():
    assert cited_sentences("A first. [1] A second [2][3] trailing words") == [
        ("A first.", [1]), ("A second", [2, 3]), ("trailing words", [])]
    assert cited_sentences("会议确定。 [1]会议闭幕。 [2]") == [("会议确定。", [1]), ("会议闭幕。", [2])]


def test_alce_citation_recall_and_precision():
    checker = SupportChecker()
    good = _row(f"{Q_1954}. [1]", [_cite(1, Q_1954)])
    swapped = _row("By the end of 1954 more than 900,000 people were organized. [1]", [_cite(1, Q_1954)])
    uncited = _row(f"{Q_1954}.", [])
    recall, precision = CitationRecall(checker), CitationPrecision(checker)
    q = _q("a")
    assert recall.score(q, good) == 1.0 and precision.score(q, good) == 1.0
    assert recall.score(q, swapped) == 0.0 and precision.score(q, swapped) == 0.0
    assert recall.score(q, uncited) == 0.0
    # An irrelevant second citation lowers precision, not recall.
    extra = _row(f"{Q_1954}. [1][2]", [_cite(1, Q_1954), _cite(2, "The symposium studied prices.")])
    assert recall.score(q, extra) == 1.0 and precision.score(q, extra) == 0.5
    assert recall.score(q, _row("refused", refused=True)) is None


def test_quote_validity_reads_the_source_file(seed_text):
    text = seed_text[S1]
    start = text.index("The Fourth National Handicraft")
    quote = text[start:start + 40]
    metric = QuoteValidity({S1: str(SEEDS / S1)})
    q = _q("a")
    assert metric.score(q, _row("", [_cite(1, quote, start=start, end=start + 40)])) == 1.0
    assert metric.score(q, _row("", [_cite(1, quote, start=start + 1, end=start + 41)])) == 0.0
    assert metric.score(q, _row("", [_cite(1, quote, source="gone.txt", start=start, end=start + 40)])) == 0.0


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", ":1: not JSON"),
    ('{"id": "a", "question": "q"}', "missing category, answerable"),
    ('{"id": "a", "question": "q", "category": "c", "answerable": true, "must_include": ["x"]}',
     "must_include must be a list of non-empty lists"),
])
def test_bad_questions_file_names_the_line(tmp_path, line, message):
    path = tmp_path / "q.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(QAError, match=message):
        load_questions(path)


def test_duplicate_ids_and_missing_file(tmp_path):
    line = '{"id": "a", "question": "q", "category": "c", "answerable": false}\n'
    path = tmp_path / "q.jsonl"
    path.write_text(line * 2, encoding="utf-8")
    with pytest.raises(QAError, match="duplicate id"):
        load_questions(path)
    with pytest.raises(QAError, match="no such questions file"):
        load_questions(tmp_path / "none.jsonl")


def test_committed_eval_set_meets_the_issue():
    """At least 200 questions and 15 conversations, split into dev and test, with the categories
    that measure generality."""
    dev, test = load_questions(ROOT / "eval" / "dev.jsonl"), load_questions(ROOT / "eval" / "test.jsonl")
    assert len(dev) + len(test) >= 200 and not {q.id for q in dev} & {q.id for q in test}
    cats: dict[str, int] = {}
    for q in dev + test:
        cats[q.category] = cats.get(q.category, 0) + 1
        assert all((SEEDS / s).exists() for s in q.sources), q.id
        if q.answerable:
            assert q.sources and q.must_include, q.id
    for needed in ("paraphrase", "crosslingual", "temporal", "multi_hop", "near_miss", "false_premise"):
        assert cats.get(needed, 0) >= 10, (needed, cats)
    dialogues = load_dialogues(ROOT / "eval" / "dialogues-dev.jsonl") + \
        load_dialogues(ROOT / "eval" / "dialogues-test.jsonl")
    assert len(dialogues) >= 15 and all(len(d.turns) >= 3 for d in dialogues)
    assert all(t.id.startswith(d.id + "#") for d in dialogues for t in d.turns)


def test_bad_dialogues_file_is_one_line(tmp_path):
    bad = tmp_path / "d.jsonl"
    bad.write_text('{"id": "d1", "turns": []}\n', encoding="utf-8")
    with pytest.raises(QAError, match="at least one turn"):
        load_dialogues(bad)


def test_check_reports_each_metric_below_its_minimum(pipeline):
    from qa.evaluation import run

    qs = load_questions(ROOT / "eval" / "dev.jsonl")[:3]
    rows = run(pipeline, qs)
    ev = evaluate(qs, rows, SupportChecker(pipeline.embedder), {S1: str(SEEDS / S1)})
    assert check(ev, {"hit@1": {"min": 0.0}}) == []
    problems = check(ev, {"hit@1": {"min": 1.01}, "no such metric": {"min": 0}})
    assert any(p.startswith("hit@1") for p in problems) and any("unknown" in p for p in problems)


@pytest.fixture(scope="module")
def env(pipeline, index_dir):
    return {"QA_INDEX_DIR": str(index_dir), "QA_SEEDS_DIR": str(SEEDS)}


def test_qa_eval_end_to_end(env, tmp_path, seed_text):
    questions = tmp_path / "mine.jsonl"
    lines = [
        {"id": "n1", "question": "How many people were organized into handicraft production cooperatives "
         "by the end of 1954?", "category": "number", "answerable": True, "sources": [S1],
         "must_include": [["1.1 million"]]},
        {"id": "u1", "question": "What did Mao Zedong say about handicraft cooperatives?",
         "category": "unanswerable", "answerable": False, "sources": [], "must_include": []},
        # Expected wrong on purpose: the report must list it first, as failing.
        {"id": "w1", "question": "When did the Fourth National Handicraft Work Conference conclude?",
         "category": "date", "answerable": True, "sources": [S1], "must_include": [["March 3"]]},
    ]
    questions.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out, report = tmp_path / "answers", tmp_path / "report"
    easy, hard = tmp_path / "easy.json", tmp_path / "hard.json"
    easy.write_text(json.dumps({"hit@1": {"min": 0.5}, "quote validity": {"min": 1.0}}))
    hard.write_text(json.dumps({"correctness": {"min": 0.9}}))

    p = run_qa("eval", "--questions", str(questions), "--output", str(out), "--report", str(report),
               "--check", "--thresholds", str(easy), "--quiet", env=env)
    assert p.returncode == 0, p.stderr
    assert "correctness" in p.stdout and "all metrics meet" in p.stdout
    rows = [json.loads(x) for x in (out / "mine.answers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["n1", "u1", "w1"]
    for r in rows:
        assert {"question", "answer", "refused", "citations", "timings_ms", "id", "latency_ms"} <= set(r)
        for c in r["citations"]:
            assert seed_text[c["source"]][c["start"]:c["end"]] == c["quote"]
    assert rows[0]["refused"] is False and "1.1 million" in rows[0]["answer"]
    assert rows[1]["refused"] is True
    md = (report / "REPORT.md").read_text(encoding="utf-8")
    assert (report / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert md.index("## mine") < md.index("#### w1") and "#### n1" not in md
    assert "![" in md and "chart.png" in md

    p = run_qa("eval", "--questions", str(questions), "--output", str(out), "--report", str(report),
               "--check", "--thresholds", str(hard), "--quiet", env=env)
    assert p.returncode == 1
    assert "below threshold: mine: correctness" in p.stderr and "Traceback" not in p.stderr


def test_qa_eval_dialogues_turn_by_turn(env, tmp_path):
    dialogues = tmp_path / "talk.jsonl"
    turns = [{"question": "When did the Fourth National Handicraft Work Conference conclude?",
              "answerable": True, "sources": [S1], "must_include": [["January 5"]]},
             {"question": "Which Soviet expert reported at it?", "answerable": True, "sources": [S1],
              "must_include": [["Yevseyev"]]},
             {"question": "When did it open?", "answerable": False, "sources": [], "must_include": []}]
    dialogues.write_text(json.dumps({"id": "t1", "turns": turns}) + "\n", encoding="utf-8")
    thresholds = tmp_path / "t.json"
    thresholds.write_text(json.dumps({"talk": {"passed": {"min": 0.6}}}))
    out = tmp_path / "answers"
    p = run_qa("eval", "--dialogues", str(dialogues), "--output", str(out), "--report", str(tmp_path / "r"),
               "--check", "--thresholds", str(thresholds), "--quiet", env=env)
    assert p.returncode == 0, p.stdout + p.stderr
    rows = [json.loads(x) for x in (out / "talk.answers.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["t1#1", "t1#2", "t1#3"]
    assert "Fourth" in rows[2]["understood_as"] and rows[2]["refused"]
    assert "Yevseyev" in rows[1]["answer"]


def test_qa_eval_bad_questions_file_is_one_line(env, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\x00\x01binary")
    p = run_qa("eval", "--questions", str(bad), env=env)
    assert p.returncode == 2
    assert p.stderr.startswith("error: ") and len(p.stderr.strip().splitlines()) == 1
