"""How the web UI looks and the little it scripts in the page: fonts that have Chinese, the
styles of answers, cards and lists, and the scripts that keep an answer in view and copy a
reference."""

# Chinese needs a font that has it: these are the usual ones (Debian: fonts-noto-cjk; macOS:
# PingFang; Windows: Microsoft YaHei); nothing is downloaded.
CJK_SANS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei'"
CJK_SERIF = "'Noto Serif CJK SC', 'Noto Serif SC', 'Source Han Serif SC', 'Songti SC', 'SimSun'"

CSS = """
body, .gradio-container { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, CJK_SANS, sans-serif; }
.qa-text { font-size: 1.02rem; line-height: 1.55; }
.qa-text sup.cite { color: #8a4b08; font-weight: 600; }
.qa-refusal .qa-text { color: #7a2e0e; font-style: italic; border-left: 4px solid #d97706;
  padding-left: .6rem; }
.cards-label { margin: .7rem 0 .3rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .06em;
  color: #6b7280; }
.qa-refusal .cards-label { color: #b45309; }
.card { border: 1px solid #e5e0d5; background: #fffdf8; border-radius: 8px; padding: .55rem .7rem;
  margin-bottom: .5rem; }
.qa-refusal .card { background: #fbf7ef; border-style: dashed; }
.card-head .n { color: #8a4b08; font-weight: 700; }
.card-head .title { font-weight: 600; }
.card-meta { font-size: .8rem; color: #6b7280; }
.card blockquote.quote { margin: .4rem 0; padding-left: .6rem; border-left: 3px solid #c9b88f;
  font-family: Georgia, CJK_SERIF, serif; }
.card .parallel { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
.card blockquote.translation { border-left-color: #9ca3af; color: #374151; }
/* The cited page at the card's full width (the chat's own image rules would shrink it). */
.card img.page-image { width: 100% !important; max-width: 100% !important; height: auto !important;
  max-height: none !important; border: 1px solid #d6d3d1; margin-top: .3rem; }
.card .page-missing { font-size: .85rem; color: #7a2e0e; }
mark.hit { background: #fde68a; padding: 0 1px; }
mark.passage { background: #fef3c7; outline: 2px solid #f59e0b; }
details.article summary, details.cite summary, details.page summary { cursor: pointer; color: #1d4ed8;
  font-size: .85rem; }
details.cite pre { white-space: pre-wrap; font-size: .78rem; background: #f8f6f0; padding: .3rem .5rem;
  margin: .2rem 0 .5rem; }
.cite-head { font-size: .8rem; color: #6b7280; }
button.copy-cite { font-size: .75rem; border: 1px solid #d1d5db; border-radius: 4px; padding: 0 .4rem;
  margin-left: .4rem; background: #fff; cursor: pointer; }
.qa-notice { font-size: .85rem; color: #92400e; margin-top: .3rem; }
.sources-differ { border: 2px solid #b45309; background: #fff7ed; border-radius: 8px; padding: .5rem .7rem;
  margin-bottom: .5rem; }
.sources-differ .differ-head { font-weight: 700; color: #9a3412; text-transform: uppercase;
  letter-spacing: .05em; font-size: .85rem; }
.sources-differ .differ-what { font-weight: 600; margin-top: .3rem; }
.sources-differ ul { margin: .2rem 0; padding-left: 1.1rem; }
.sources-differ .value { font-weight: 700; }
.sources-differ blockquote.quote { margin: .2rem 0 .4rem; padding-left: .6rem; border-left: 3px solid #f59e0b;
  font-family: Georgia, CJK_SERIF, serif; }
details.dropped { font-size: .85rem; color: #6b7280; margin-top: .3rem; }
details.dropped .why { color: #b91c1c; }
.article-text { max-height: 22rem; overflow-y: auto; white-space: normal;
  font-family: Georgia, CJK_SERIF, serif; font-size: .9rem; line-height: 1.5; border-top: 1px solid #eee;
  margin-top: .4rem; padding-top: .4rem; }
.article-text.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
#library-article .article-text { max-height: 40rem; }
#passages { overflow-x: auto !important; max-width: 100%; }
.search-summary { font-weight: 600; }
.kwic { border-bottom: 1px solid #eee; padding: .35rem 0; }
.kwic-meta { font-size: .8rem; color: #6b7280; }
.kwic-line { font-family: Georgia, CJK_SERIF, serif; }
table.passages { font-size: .8rem; border-collapse: collapse; width: 100%; }
table.passages td, table.passages th { border-bottom: 1px solid #eee; padding: .25rem .4rem;
  vertical-align: top; }
/* A phone: the chat leaves room for the question box on the first screen; cards stack. */
@media (max-width: 640px) {
  #chat { height: 52vh !important; max-height: 52vh !important; }
  .card .parallel, .article-text.two { grid-template-columns: 1fr; }
}
""".replace("CJK_SANS", CJK_SANS).replace("CJK_SERIF", CJK_SERIF)

# After an answer: its first line in view (its cards below it), not the last card.
# Run after the chat has drawn the final message (and its own scroll to the bottom is done).
SHOW_ANSWER = """() => { setTimeout(() => {
  const all = document.querySelectorAll('#chat .qa-answer, #chat .qa-refusal');
  const last = all[all.length - 1];
  if (!last) return;
  let box = last.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 2
                  && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (!box) { last.scrollIntoView({block: 'start'}); return; }
  // A little of the question above stays visible: the answer is read under what it answers.
  box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 56;
}, 250); }"""

# Opening a source card's article brings its highlighted passage into view; a card's "Copy"
# puts the reference beside it on the clipboard (and says so on the button).
HEAD = """<script>
document.addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('button.copy-cite');
  if (!b) return;
  var text = b.closest('.cite-form').querySelector('pre').textContent;
  var done = function () {
    b.textContent = 'Copied';
    setTimeout(function () { b.textContent = 'Copy'; }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {
    var t = document.createElement('textarea'); t.value = text; document.body.appendChild(t);
    t.select(); document.execCommand('copy'); t.remove(); done();
  }
}, true);
document.addEventListener('toggle', function (e) {
  var d = e.target;
  if (!d.matches || !d.matches('details.article') || !d.open) return;
  var m = d.querySelector('mark.passage');
  if (m) m.scrollIntoView({block: 'center'});
}, true);
</script>"""
