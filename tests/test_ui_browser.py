"""The web UI in a real browser: Debian's headless Chromium driven by Playwright, against
`python app.py` on a free loopback port."""

import re
import time
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
OUT = ROOT / "tests" / "out"
S1_TITLE = "National Handicraft Work Conference Defines This Year's Production Tasks"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="needs Debian's chromium (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, viewport={"width": 1400, "height": 1000},
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser, app_server):
    pg = browser.new_page()
    pg.off_machine = []  # requests that leave the machine: there must be none
    pg.on("request", lambda r: None if r.url.startswith(("data:", "blob:", app_server["url"]))
          else pg.off_machine.append(r.url))
    pg.goto(app_server["url"])
    pg.wait_for_selector("#question textarea", timeout=30_000)
    yield pg
    pg.close()


def ask(page, question: str, selector: str) -> float:
    """Type a question, press Enter, wait for the last message to match selector; seconds taken."""
    before = page.locator("#chat .qa-answer, #chat .qa-refusal").count()
    t0 = time.perf_counter()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll('#chat .qa-answer, #chat .qa-refusal').length > n"
        " && document.querySelector('#chat').querySelectorAll(sel).length > 0",
        arg=[selector, before], timeout=60_000)
    return time.perf_counter() - t0


def test_answer_shows_cited_sources_that_open_the_article(page, app_server):
    seconds = ask(page, "How many people were organized into handicraft production cooperatives by the "
                        "end of 1954?", ".qa-answer .card")
    answer = page.locator("#chat .qa-answer").last
    assert "1.1 million" in answer.locator(".qa-text").inner_text()
    assert answer.locator("sup.cite").first.inner_text() == "[1]"
    first = answer.locator(".card").first
    assert first.locator(".title").inner_text() == S1_TITLE
    assert first.locator(".date").inner_text() == "1955-01-09"
    assert first.locator(".file").inner_text() == "001_9fe5e06e1cbca207.txt"
    assert "1.1 million" in first.locator("blockquote.quote:not(.translation)").inner_text()
    # The Chinese original of the quoted passage, beside it.
    translation = first.locator(".parallel blockquote.translation")
    assert translation.get_attribute("lang") == "zh" and "一百一十多万" in translation.inner_text()
    assert first.locator("mark.hit").count() >= 2  # the question's words, highlighted
    # The user's message stays in the conversation above the answer.
    assert "end of 1954" in page.locator("#chat").inner_text()

    OUT.mkdir(exist_ok=True)
    page.locator("#chat .message-row, #chat [data-testid='user']").first.evaluate(
        "el => el.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(OUT / "ui-answer.png"))

    first.locator("details.article summary").click()
    passage = first.locator("mark.passage")
    passage.wait_for(state="visible")
    assert "1.1 million" in passage.inner_text()
    page.wait_for_timeout(300)
    box, pane = passage.bounding_box(), first.locator(".article-text").bounding_box()
    assert pane["y"] - 1 <= box["y"] <= pane["y"] + pane["height"], "the passage is scrolled into view"
    assert 0 <= box["y"] <= 1000

    page.screenshot(path=str(OUT / "ui-article.png"))
    assert page.off_machine == []
    print(f"\nbrowser: answer seen {seconds:.2f} s after Enter; app served its page "
          f"{app_server['startup_s']:.1f} s after start")


def test_refusal_looks_different_and_offers_related_reading(page):
    ask(page, "What did Mao Zedong say about handicraft cooperatives?", ".qa-refusal")
    refusal = page.locator("#chat .qa-refusal").last
    assert "The articles do not say" in refusal.locator(".qa-text").inner_text()
    assert refusal.locator(".cards-label").inner_text().strip().lower() == "related reading"
    assert refusal.locator(".card").count() >= 1
    assert page.locator("#chat .qa-answer").count() == 0
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "ui-refusal.png"))


def test_chinese_question_and_the_passages_panel(page):
    ask(page, "一九五五年手工业生产合作社社员要发展到多少人？", ".qa-answer .card")
    answer = page.locator("#chat .qa-answer").last
    assert "二百万" in answer.locator(".qa-text").inner_text()
    assert answer.locator(".card .title").first.inner_text() == S1_TITLE
    page.get_by_text("Retrieved passages (why this answer)").click()
    table = page.locator("#passages table.passages")
    table.wait_for(state="visible")
    # The passages handed to the answerer (seven by default), and the rest of an article the
    # search settled on.
    assert table.locator("tbody tr").count() >= 7
    assert "001_9fe5e06e1cbca207.txt" in table.inner_text()


def test_example_questions_on_the_empty_chat(page):
    examples = page.locator("#chat button", has_text="一九五五年")
    assert examples.count() >= 1
    assert page.locator("#chat button", has_text="How many people").count() >= 1
    examples.first.click()
    page.wait_for_selector("#chat .qa-answer .card", timeout=60_000)


def test_library_lists_reads_and_adds_documents(page, app_server, tmp_path):
    page.get_by_role("tab", name="Library").click()
    table = page.locator("#articles")
    table.get_by_text("1955-12-31").wait_for()
    assert table.get_by_text("3rd National Conference of Handicraft (conference record)").count() == 1
    table.get_by_text(S1_TITLE).first.click()
    page.locator("#library-article").get_by_text("Yevseyev").first.wait_for()

    good = tmp_path / "lacquer_bulletin.txt"
    good.write_text("Title: Fuzhou Lacquerware Cooperative Report\nDate: 1957-03-02\n\n"
                    "The Fuzhou lacquerware cooperative employed 321 artisans in 1957 and trained 45 "
                    "apprentices.\n",
                    encoding="utf-8")
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    page.set_input_files("#upload input[type=file]", [str(good), str(bad)])
    page.click("#add")
    status = page.locator("#upload-status")
    status.get_by_text("Added").wait_for(timeout=120_000)
    text = status.inner_text()
    assert "lacquer_bulletin.txt" in text and "Refused" in text and "scan.txt: binary file" in text
    table.get_by_text("Fuzhou Lacquerware Cooperative Report").wait_for()
    assert (app_server["uploads"] / "lacquer_bulletin.txt").exists()
    assert not (app_server["uploads"] / "scan.txt").exists()

    # Only a bad file: refused, and nothing changes.
    page.set_input_files("#upload input[type=file]", [str(bad)])
    page.click("#add")
    status.get_by_text("Nothing in the index changed").wait_for(timeout=60_000)

    page.get_by_role("tab", name="Ask").click()
    ask(page, "How many artisans did the Fuzhou lacquerware cooperative employ?", ".qa-answer .card")
    answer = page.locator("#chat .qa-answer").last
    assert "321" in answer.locator(".qa-text").inner_text()
    assert answer.locator(".card .title").first.inner_text() == "Fuzhou Lacquerware Cooperative Report"


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 40) <= size["height"] \
        and box["x"] + box["width"] <= size["width"] + 1


def test_the_library_is_read_when_shown_after_a_reload_and_an_ingest_beside_the_app(page, app_server,
                                                                                     tmp_path):
    from .conftest import run_qa

    doc = tmp_path / "basket_notes.txt"
    doc.write_text("Title: Basket Weavers' Cooperative Notes\nDate: 1956-08-01\n\nThe Yiyang basket "
                   "weavers' cooperative wove 6,480 baskets in July 1956.\n", encoding="utf-8")
    p = run_qa("ingest", str(doc), "--quiet", env={"QA_INDEX_DIR": str(app_server["index"])})
    assert p.returncode == 0, p.stderr
    page.reload()
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.get_by_role("tab", name="Library").click()
    page.locator("#articles").get_by_text("Basket Weavers' Cooperative Notes").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Ask").click()
    ask(page, "How many baskets did the Yiyang basket weavers' cooperative weave?", ".qa-answer .card")
    assert "6,480" in page.locator("#chat .qa-answer").last.locator(".qa-text").inner_text()


def test_library_table_and_article_view_fit_and_sit_side_by_side(page):
    page.get_by_role("tab", name="Library").click()
    table = page.locator("#articles")
    cell = table.get_by_text("1953-11-20 – 1953-12-17").last
    cell.wait_for()
    assert _in_view(page, cell), "the date column is on screen, whole"
    assert _in_view(page, table.get_by_text("003_efffe6ba8053c025.txt").last)
    table.get_by_text(S1_TITLE).first.click()
    view = page.locator("#library-article")
    view.locator(".article-text.two").wait_for()
    assert "Title:" not in view.inner_text() and "Original:" not in view.inner_text()
    en, zh = view.locator(".section[lang=en]"), view.locator(".section[lang=zh]")
    b_en, b_zh = en.bounding_box(), zh.bounding_box()
    assert b_zh["x"] > b_en["x"] + b_en["width"] - 1 and abs(b_zh["y"] - b_en["y"]) < 5, "side by side"
    page.screenshot(path=str(OUT / "ui-library.png"))


def test_the_answer_stays_in_view_and_the_passages_panel_is_whole_and_sorted(page):
    ask(page, "Compare the cooperatives' annual output value at the end of 1953 with the output target "
              "set for 1955", ".qa-answer .card")
    answer = page.locator("#chat .qa-answer").last
    page.wait_for_timeout(500)
    assert answer.locator(".card").count() >= 3
    text = answer.locator(".qa-text")
    chat = page.locator("#chat").bounding_box()
    box = text.bounding_box()
    assert chat["y"] - 1 <= box["y"] <= chat["y"] + chat["height"] - 20, "the answer's first line is in view"
    page.get_by_text("Retrieved passages (why this answer)").click()
    table = page.locator("#passages table.passages")
    table.wait_for(state="visible")
    panel = page.locator("#passages").bounding_box()
    assert table.bounding_box()["x"] + 2 >= panel["x"]
    assert panel["x"] + panel["width"] <= page.viewport_size["width"] + 1
    # every column can be reached: the table fits its panel, or the panel scrolls sideways
    fits = table.bounding_box()["x"] + table.bounding_box()["width"] <= panel["x"] + panel["width"] + 1
    scrolls = page.evaluate("(() => { const p = document.querySelector('#passages'); return "
                            "getComputedStyle(p).overflowX === 'auto' && p.scrollWidth > p.clientWidth; })()")
    assert fits or scrolls
    scores = [float(t) for t in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 5


def test_a_refusal_says_a_date_filter_is_on_and_cards_show_a_date_range(page):
    page.fill("#since textarea, #since input", "1956")
    ask(page, "How many members were planned for the end of 1954?", ".qa-refusal")
    refusal = page.locator("#chat .qa-refusal").last.locator(".qa-text").inner_text()
    assert "date filter is on" in refusal and "1956" in refusal
    page.fill("#since textarea, #since input", "")
    ask(page, "What were the three main forms of cooperation endorsed at the Third conference?",
        ".qa-answer .card")
    dates = page.locator("#chat .qa-answer").last.locator(".card .date").all_inner_texts()
    assert "1953-11-20 – 1953-12-17" in dates


def test_a_phone_sees_the_question_box_and_chinese_has_a_font(browser, app_server):
    pg = browser.new_page()
    pg.set_viewport_size({"width": 390, "height": 844})
    try:
        pg.goto(app_server["url"])
        box = pg.locator("#question textarea")
        box.wait_for(timeout=30_000)
        assert _in_view(pg, box), "the question box is on the first screen"
        family = pg.evaluate("getComputedStyle(document.querySelector('.gradio-container')).fontFamily")
        assert "Noto Sans CJK SC" in family
        pg.screenshot(path=str(OUT / "ui-phone.png"))
    finally:
        pg.close()


def test_cite_copies_a_reference_from_a_source_card(page, browser, app_server):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_server["url"])
    ask(page, "When did the Fourth National Handicraft Work Conference conclude?", ".qa-answer .card")
    card = page.locator("#chat .qa-answer").last.locator(".card").first
    card.locator("details.cite summary").click()
    ris = card.locator(".cite-form.cite-ris")
    ris.locator("pre").wait_for(state="visible")
    ris.locator("button.copy-cite").click()
    ris.get_by_text("Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    import rispy

    entry = rispy.loads(copied)[0]
    assert entry["type_of_reference"] == "NEWS" and entry["title"] == "全国手工业工作会议确定今年生产任务"
    note = card.locator(".cite-form.cite-chicago-note pre").inner_text()
    assert note.endswith("January 9, 1955, 1.")
    card.screenshot(path=str(OUT / "ui-cite.png"))


def test_search_lists_hits_in_context_by_year_and_opens_the_article(page):
    page.get_by_role("tab", name="Search").click()
    page.fill("#search-query textarea, #search-query input", '"active leadership, steady advance"')
    page.click("#search-go")
    summary = page.locator("#search-hits .search-summary")
    summary.wait_for(timeout=30_000)
    assert summary.inner_text().startswith("1 hit in 1 article")
    hit = page.locator("#search-hits .kwic").first
    assert hit.locator("mark.hit").inner_text() == "active leadership, steady advance"
    assert "1953-11-20" in hit.locator(".kwic-meta").inner_text()
    hit.locator("details.article summary").click()
    passage = hit.locator("mark.passage")
    passage.wait_for(state="visible")
    assert passage.inner_text() == "active leadership, steady advance"
    page.fill("#search-query textarea, #search-query input", "合作社")
    page.click("#search-go")
    page.locator("#search-hits .search-summary", has_text="合作社").wait_for(timeout=30_000)
    assert page.locator("#search-hits .kwic").count() >= 10
    page.wait_for_timeout(2500)
    page.screenshot(path=str(OUT / "ui-search.png"), full_page=False)


def test_export_the_conversation(page):
    ask(page, "When did the Fourth National Handicraft Work Conference conclude?", ".qa-answer .card")
    page.click("#export")
    page.locator("#exported").get_by_text(".md").wait_for(timeout=30_000)
    text = page.locator("#exported").inner_text().replace("\n", "")
    assert all(f"conversation{x}" in text for x in (".md", ".bib", ".ris", ".json"))


def test_the_archive_timeline_sets_the_date_filter(page):
    page.get_by_role("tab", name="Library").click()
    page.locator("#archive-years").wait_for()
    page.wait_for_timeout(1500)
    box = page.locator("#archive-years canvas, #archive-years svg").first.bounding_box()
    y = box["y"] + box["height"] * 0.6
    # One bar a year (other tests may have uploaded later articles); a brush inside the second
    # bar, 1954, selects it.
    dates = page.locator("#articles").get_by_role("row").all_inner_texts()
    years = sorted({m for row in dates for m in re.findall(r"\b(19\d\d)-\d\d-\d\d", row)})
    assert years[:2] == ["1953", "1954"]
    n = len(years)
    page.mouse.move(box["x"] + box["width"] * 1.25 / n, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 1.75 / n, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(OUT / "ui-timeline.png"))
    page.get_by_role("tab", name="Ask").click()
    assert page.locator("#since textarea, #since input").input_value() == "1954"
    assert page.locator("#until textarea, #until input").input_value() == "1954"
    ask(page, "What did the instructions say about leadership over handicraft work?", ".qa-answer .card")
    dates = page.locator("#chat .qa-answer").last.locator(".card .date").all_inner_texts()
    assert dates and all(d.startswith("1954") for d in dates)


def test_the_library_and_the_language_list_choose_the_articles_a_question_may_use(page):
    record = "002_d9706caa106fad3f.txt"
    page.get_by_role("tab", name="Library").click()
    table = page.locator("#articles")
    table.get_by_text("3rd National Conference of Handicraft (conference record)").first.click()
    page.locator("#library-article").get_by_text("Cheng Zihua").first.wait_for()
    page.click("#scope-add")
    page.locator("#scope-status").get_by_text("now use only 1 article").wait_for()
    page.get_by_role("tab", name="Ask").click()
    assert "3rd National Conference of Handicraft" in page.locator("#scope").inner_text()
    ask(page, "How many members were planned for the end of 1954?", ".qa-answer .card")
    files = page.locator("#chat .qa-answer").last.locator(".card .file").all_inner_texts()
    assert files and set(files) == {record}
    page.screenshot(path=str(OUT / "ui-scope.png"))

    page.get_by_role("tab", name="Library").click()
    page.click("#scope-clear")
    page.locator("#scope-status").get_by_text("Questions use every article").wait_for()
    page.get_by_role("tab", name="Ask").click()
    assert "3rd National Conference" not in page.locator("#scope").inner_text()
    # Chinese articles only: the English-only record, which alone names the acting director, is out.
    page.locator("#scope-lang input").click()
    page.get_by_role("option", name="Chinese 中文").click()
    ask(page, "Who was the acting director listed in the record of the 3rd National Conference of "
              "Handicraft?", ".qa-answer .card, .qa-refusal")
    last = page.locator("#chat .qa-answer, #chat .qa-refusal").last
    assert "Cheng Zihua" not in last.locator(".qa-text").inner_text()
    assert record not in last.locator(".card .file").all_inner_texts()


def test_a_pdf_upload_answers_with_its_page_and_the_quote_boxed_on_it(page, app_server, tmp_path):
    from . import documents as docs

    pdf = docs.text_pdf(["Notes on the Wuxi clay figurine trade, gathered from the county archive.",
                         "The county's workshops were small and scattered before 1955.",
                         "By the end of 1956 the Wuxi clay figurine cooperative had 214 carvers and "
                         "painters, and it sent figurines to eleven provinces."],
                        tmp_path / "wuxi_figurines.pdf", title="Wuxi Clay Figurine Cooperative Notes",
                        per_page=2)
    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#upload input[type=file]", [str(pdf)])
    page.click("#add")
    page.locator("#upload-status").get_by_text("Added").wait_for(timeout=120_000)
    page.get_by_role("tab", name="Ask").click()
    ask(page, "How many carvers and painters did the Wuxi clay figurine cooperative have?",
        ".qa-answer .card")
    card = page.locator("#chat .qa-answer").last.locator(".card").first
    assert "214" in card.locator(".quote").first.inner_text()
    assert card.locator(".card-meta .page").inner_text() == "p. 2"
    card.get_by_text("See page 2 of the original, the quote boxed").click()
    image = card.locator("img.page-image")
    image.wait_for()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 900
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(OUT / "ui-page-image.png"))


def test_an_article_removed_in_the_library_is_asked_about_first_and_then_gone(page, app_server, tmp_path):
    doc = tmp_path / "kite_notes.txt"
    doc.write_text("Title: Weifang Kite Makers' Cooperative Notes\nDate: 1956-04-02\n\nThe Weifang kite "
                   "makers' cooperative made 9,150 kites in the spring of 1956.\n", encoding="utf-8")
    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#upload input[type=file]", [str(doc)])
    page.click("#add")
    page.locator("#upload-status").get_by_text("Added").wait_for(timeout=120_000)
    table = page.locator("#articles")
    table.get_by_text("Weifang Kite Makers' Cooperative Notes").first.click()
    page.locator("#library-article").get_by_text("9,150").first.wait_for()
    page.click("#remove")
    confirm = page.locator("#remove-confirm")
    confirm.get_by_text("Weifang Kite Makers' Cooperative Notes").wait_for()
    assert "stays on disk" in confirm.inner_text()
    page.click("#remove-no")  # kept: nothing happens
    confirm.wait_for(state="hidden")
    assert table.get_by_text("Weifang Kite Makers' Cooperative Notes").count() == 1
    page.click("#remove")
    page.click("#remove-yes")
    page.locator("#upload-status").get_by_text("Removed: kite_notes.txt").wait_for(timeout=60_000)
    table.get_by_text("Weifang Kite Makers' Cooperative Notes").wait_for(state="detached")
    assert (app_server["uploads"] / "kite_notes.txt").exists()  # the file itself is kept
    page.get_by_role("tab", name="Ask").click()
    ask(page, "How many kites did the Weifang kite makers' cooperative make?",
        ".qa-answer .card, .qa-refusal")
    assert "9,150" not in page.locator("#chat .qa-answer, #chat .qa-refusal").last.inner_text()
