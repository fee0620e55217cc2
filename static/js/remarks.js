// Reading a report (deliberation): a tap on a paragraph opens its remark form, and words
// selected in the paragraph first become the remark's quoted words. Without this script each
// paragraph's "Remark on this paragraph" button opens the same form, and the words are typed.
// A new remark written without a connection is kept on this device (in the "draft:" keys that
// signing out leaves alone until sent) and posted when the connection returns; the page then
// reloads to show it. One the server refuses is put back in its form, open, to be corrected.
// Changes to a remark are saved as typed by draft.js.
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

  const words = report.dataset;
  // Whose they are, too: on a phone shared by two deputies, one's remarks are never sent as
  // the other's.
  const key = `draft:new-remarks:${words.reader}:${words.report}`;
  const pending = () => {
    try { return JSON.parse(localStorage.getItem(key)) || []; } catch { return []; }
  };
  const store = (list) => {
    try {
      if (list.length) localStorage.setItem(key, JSON.stringify(list));
      else localStorage.removeItem(key);
    } catch { /* private mode or full */ }
  };
  const note = (form, text) => {
    const status = form.querySelector("[data-pending]");
    if (status) status.textContent = text;
  };
  report.querySelectorAll("[data-remark-add] form").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (navigator.onLine) return;
      event.preventDefault();
      const fields = Object.fromEntries(new FormData(form));
      store([...pending().filter((item) => item.url !== form.action), { url: form.action, fields }]);
      note(form, words.keptOffline);
    });
  });
  const refill = (item) => {
    const form = [...report.querySelectorAll("[data-remark-add] form")].find((f) => f.action === item.url);
    if (!form) return;
    Object.entries(item.fields).forEach(([name, value]) => {
      form.querySelectorAll(`[name="${name}"]`).forEach((field) => {
        if (field.type === "radio") field.checked = field.value === value;
        else if (field.type !== "hidden") field.value = value;
      });
    });
    form.closest("details").open = true;
    note(form, words.notSent);
  };
  let sending = false;
  const sendPending = async () => {
    const list = pending();
    if (sending || !list.length || !navigator.onLine) return;
    sending = true;
    const left = [];
    let sent = 0;
    for (const item of list) {
      let response = null;
      try {
        response = await fetch(item.url, {
          method: "POST",
          credentials: "same-origin",
          body: new URLSearchParams(item.fields),
        });
      } catch {
        response = null;
      }
      if (response && response.ok) sent += 1;
      else if (response && response.status === 400) refill(item);
      else left.push(item); // still no connection, or the server is down: tried again later
    }
    store(left);
    sending = false;
    if (sent && !report.querySelector("[data-pending]:not(:empty)")) window.location.reload();
  };
  window.addEventListener("online", sendPending);
  sendPending();
})();
