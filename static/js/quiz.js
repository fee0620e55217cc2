// Taking a quiz. Each answer is saved as it is given. Every change is numbered and kept on
// this phone (localStorage, per attempt and question) until the server confirms it, so a
// lost connection, a reload or a closed tab loses nothing: kept changes are put back into the
// form when the page shown is older than them (a copy the service worker kept while offline),
// and sent when the connection returns (the "online" event and every 5 s). The server saves a
// change only if its number is above the one it has (quizzes.services.save_answer), so a
// change sent twice, or overtaken by a later one, is never saved again. Submitting first
// sends what is waiting; while that fails, the page says how many answers are not sent yet and
// does not submit. The countdown shows the time the server gave; the server enforces it, and
// when it runs out the page submits what has been saved.
// Leaving or reloading the page while answers wait to be sent asks first (the browser's own
// question): on a first visit the page may not be kept on this phone yet. A page opened
// without a connection (the copy kept on this phone) sends what waits when the connection
// returns, then opens the real page by itself (the server's clock and answers).
(() => {
  const bar = document.querySelector("[data-quiz]");
  const form = document.querySelector(".quiz-form");
  if (!bar || !form) return;
  const texts = document.getElementById("quiz-messages").dataset;
  const status = bar.querySelector("[data-save-status]");
  const connection = bar.querySelector("[data-connection]");
  const answered = bar.querySelector("[data-answered]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const key = `quiz:${bar.dataset.attempt}`;
  const sections = [...form.querySelectorAll("[data-item]")];
  const sending = new Map(); // item id -> the change number on its way
  const timers = new Map();
  let submitting = false;
  let leaving = false; // the page itself goes elsewhere: a form posted, a question offline
  const openedOffline = !navigator.onLine;

  // What this phone keeps of the attempt: for each question its latest change (number,
  // fields) and whether the server has it. Read afresh before each change: another tab of the
  // same attempt writes it too.
  const load = () => {
    try {
      const kept = JSON.parse(localStorage.getItem(key));
      if (kept && kept.items) return kept;
    } catch { /* unreadable: start again */ }
    return { items: {} };
  };
  const update = (change) => {
    const kept = load();
    change(kept);
    kept.synced = Object.values(kept.items).every((entry) => entry.sent);
    kept.at = Date.now();
    try {
      if (Object.keys(kept.items).length) localStorage.setItem(key, JSON.stringify(kept));
      else localStorage.removeItem(key);
    } catch { /* private mode or full: the page still sends what it can */ }
    return kept;
  };
  const waiting = () =>
    Object.entries(load().items).filter(([, entry]) => !entry.sent).map(([id]) => id);

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  const show = (text) => { status.textContent = text; };
  const showConnection = () => {
    if (!connection) return;
    const count = waiting().length;
    const parts = [navigator.onLine ? texts.online : texts.noConnection];
    if (count === 1) parts.push(texts.waitingOne);
    else if (count > 1) parts.push(fill(texts.waitingMany, { n: count }));
    else parts.push(texts.allSent);
    const text = parts.join(" · ");
    if (connection.textContent !== text) connection.textContent = text;
    connection.dataset.state = navigator.onLine ? (count ? "waiting" : "ok") : "offline";
  };

  const fieldsOf = (section) => {
    const fields = [];
    section.querySelectorAll("input, textarea, select").forEach((field) => {
      if (!field.name || field.disabled) return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      fields.push([field.name, field.value]);
    });
    return fields;
  };
  const putBack = (section, fields) => {
    section.querySelectorAll("input, textarea, select").forEach((field) => {
      if (!field.name || field.disabled) return;
      const values = fields.filter(([name]) => name === field.name).map(([, value]) => value);
      if (field.type === "radio" || field.type === "checkbox") field.checked = values.includes(field.value);
      else field.value = values[0] ?? "";
    });
  };
  const serverSeq = (section) => Number(section.dataset.seq || 0);

  const sectionError = (section, text) => {
    if (!section) return;
    let error = section.querySelector("[data-error]");
    if (!text) {
      if (error) error.remove();
      return;
    }
    if (!error) {
      error = document.createElement("p");
      error.dataset.error = "";
      error.className = "form-errors";
      error.setAttribute("role", "alert");
      section.prepend(error);
    }
    error.textContent = text;
  };

  const send = async (id) => {
    const entry = load().items[id];
    if (!entry || entry.sent || sending.get(id) === entry.seq) return;
    sending.set(id, entry.seq);
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("item", id);
    data.append("seq", String(entry.seq));
    entry.fields.forEach(([name, value]) => data.append(name, value));
    show(texts.saving);
    let response;
    try {
      response = await fetch(bar.dataset.answerUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
    } catch {
      show(texts.offline); // kept on this phone: sent again below
      return;
    } finally {
      if (sending.get(id) === entry.seq) sending.delete(id);
      showConnection();
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 409 && body.over) {
      update((kept) => { kept.items = {}; });
      window.location.assign(body.result_url);
      return;
    }
    const section = form.querySelector(`[data-item="${id}"]`);
    // Refused for good (an answer that cannot be read, a question whose answer was shown):
    // not sent again until the deputy changes it. Anything else (a server error) is retried.
    const final = response.ok || response.status === 400 || response.status === 409;
    if (final) {
      update((kept) => {
        const now = kept.items[id];
        if (now && now.seq === entry.seq) now.sent = true;
      });
    }
    showConnection();
    if (!response.ok) {
      sectionError(section, body.error || "");
      show(final ? "" : texts.offline);
      return;
    }
    sectionError(section, "");
    if (section && typeof body.seq === "number") {
      section.dataset.seq = String(Math.max(serverSeq(section), body.seq));
    }
    show(waiting().length ? texts.saving : texts.saved);
    if (typeof body.answered_count === "number" && answered) {
      answered.textContent = answered.textContent.replace(/\d+/, String(body.answered_count));
    }
    if (body.feedback && section) {
      section.querySelector("[data-feedback]").innerHTML = body.feedback;
      section.querySelectorAll("input, textarea").forEach((f) => { f.disabled = true; });
    }
  };

  // A change: numbered after both the last one kept here and the one the server had when the
  // page was made, kept, then sent (at once for a choice, after a pause in typing).
  const record = (section, delay) => {
    const id = section.dataset.item;
    update((kept) => {
      const before = kept.items[id];
      const seq = Math.max(before ? before.seq : 0, serverSeq(section)) + 1;
      kept.items[id] = { seq, fields: fieldsOf(section), sent: false };
    });
    showConnection();
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => send(id), delay));
  };

  form.addEventListener("change", (event) => {
    const section = event.target.closest("[data-item]");
    if (section) record(section, 0);
  });
  form.addEventListener("input", (event) => {
    const section = event.target.closest("[data-item]");
    if (section && event.target.matches("textarea, input[type=text]")) record(section, 800);
  });
  const flush = () => Promise.all(waiting().map((id) => send(id)));
  let reloadTimer = null;
  window.addEventListener("online", async () => {
    showConnection();
    await flush();
    if (!openedOffline || submitting || waiting().length) return;
    // A moment first, in case the connection drops again.
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      if (navigator.onLine && !submitting && !waiting().length) {
        leaving = true;
        window.location.reload();
      }
    }, 1500);
  });
  window.addEventListener("offline", () => { clearTimeout(reloadTimer); showConnection(); });
  setInterval(flush, 5000);
  window.addEventListener("beforeunload", (event) => {
    if (submitting || leaving || !waiting().length) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers ask only when it is set
  });

  // Changes kept on this phone that the page does not show (it is an older copy, or the tab
  // closed before they were sent): put them back; those the server has are forgotten.
  let restored = false;
  update((kept) => {
    sections.forEach((section) => {
      const id = section.dataset.item;
      const entry = kept.items[id];
      if (!entry) return;
      const locked = section.querySelector("input:disabled, textarea:disabled");
      if (entry.seq <= serverSeq(section) || locked) {
        delete kept.items[id];
        return;
      }
      putBack(section, entry.fields);
      restored = true;
    });
  });
  if (restored) {
    show(texts.restored);
    // Every question is on the page: count the answers it now shows.
    if (!bar.dataset.position && answered) {
      const given = sections.filter((section) =>
        section.querySelector("input:checked") ||
        [...section.querySelectorAll("textarea, input[type=text]")].some((f) => f.value.trim())
      ).length;
      answered.textContent = answered.textContent.replace(/\d+/, String(given));
    }
  }
  showConnection();
  flush();

  const position = Number(bar.dataset.position || 0);
  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (submitting || !button) return;
    if (button.value === "previous" || button.value === "next") {
      leaving = true; // the answers go with the form, or wait on this phone for the next page
      // Without a connection the form cannot be posted: go to the question through the copy
      // this phone keeps (the answers are kept and sent later).
      if (navigator.onLine) return;
      event.preventDefault();
      const url = new URL(window.location.href);
      url.searchParams.set("q", String(position + (button.value === "next" ? 1 : -1)));
      window.location.assign(url.href);
      return;
    }
    if (button.value !== "submit") return;
    event.preventDefault();
    if (waiting().length) await flush();
    const unsent = waiting().length;
    if (unsent) {
      const text = unsent === 1 ? texts.notSentOne : fill(texts.notSentMany, { n: unsent });
      show(text);
      window.alert(text);
      return;
    }
    const blank = sections.some(
      (section) => !section.querySelector("input:checked, textarea:not(:placeholder-shown), input[type=text]:not(:placeholder-shown)")
    );
    const question = blank ? `${texts.unanswered} ${texts.confirm}` : texts.confirm;
    if (!window.confirm(question)) return;
    submitting = true;
    update((kept) => { kept.items = {}; });
    // Posted once this submit event is over: a form ignores a submission asked for during one.
    setTimeout(() => form.requestSubmit(button), 0);
  });

  const clock = bar.querySelector("[data-clock]");
  if (clock && bar.dataset.secondsLeft) {
    const end = Date.now() + Number(bar.dataset.secondsLeft) * 1000;
    const tick = async () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      if (left <= 60) clock.parentElement.classList.add("quiz-clock--low");
      if (left === 0 && !submitting) {
        submitting = true;
        show(texts.timeUp);
        await flush();
        const go = document.createElement("input");
        go.type = "hidden"; go.name = "go"; go.value = "submit";
        form.append(go);
        form.submit();
      }
    };
    tick();
    setInterval(tick, 1000);
  }
})();
