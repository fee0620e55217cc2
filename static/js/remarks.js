// Reading a report (deliberation): a tap on a paragraph opens its remark form, and words
// selected in the paragraph first become the remark's quoted words. Without this script each
// paragraph's "Remark on this paragraph" button opens the same form, and the words are typed.
(() => {
  const report = document.querySelector("[data-report]");
  if (!report) return;
  // The words last selected in a paragraph: a tap on a button may clear the selection first.
  let selected = { article: null, words: "" };
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    const words = selection ? String(selection).trim() : "";
    const node = selection && selection.anchorNode;
    const paragraph = node && (node.nodeType === 1 ? node : node.parentElement)?.closest("[data-paragraph]");
    if (words && paragraph) selected = { article: paragraph.closest("article"), words };
  });
  const open = (article) => {
    const add = article.querySelector("[data-remark-add]");
    if (!add) return;
    const text = article.querySelector("[data-paragraph]").textContent;
    const selection = selected.article === article ? selected.words : "";
    add.open = true;
    if (selection && text.includes(selection)) {
      const quote = add.querySelector("[data-part=quote]");
      if (quote && !quote.value) quote.value = selection;
    }
    const first = add.querySelector("[data-part=kind]:checked") || add.querySelector("[data-part=kind]");
    if (first) first.focus();
  };
  report.addEventListener("click", (event) => {
    const paragraph = event.target.closest("[data-paragraph]");
    if (paragraph) open(paragraph.closest("article"));
  });
  // The summary button opens the form; a selection made just before is kept as the quote.
  report.querySelectorAll("[data-remark-add] > summary").forEach((summary) => {
    summary.addEventListener("click", (event) => {
      const add = summary.parentElement;
      if (add.open) return;
      event.preventDefault();
      open(add.closest("article"));
    });
  });
})();
