// Writing a draft. The text is saved as the deputy types (a second after they pause) and kept
// on this device until the server has it, so a lost connection or a closed tab loses nothing;
// a failed save is tried again every few seconds and when the connection returns. Each save
// names the version of the draft it started from: when another tab or phone has saved since,
// the server refuses it (409) and the page says so instead of writing over the newer text.
// The text the server last confirmed stays on this device with its version too: reloaded
// without a connection, the page is the copy the service worker kept when it was opened,
// older than that, and the newer text and version are put back rather than lost or refused.
// Without a connection the buttons do not post (the form would be lost with the page); the
// text waits on this device. Without this script the Save, Check and Submit buttons post the
// same form.
// After a whole text is pasted in, the page shows it split into the boxes but not saved: the
// boxes count as changed. The first edit saves them (every box is sent), as do Save and Check;
// leaving the page before that asks first, and the text this device kept earlier is not put
// back over the split.
// A page may hold several such forms, each saved on its own (a report's remarks, one form
// each: deliberation): a form's status line is its own [data-save-status], or the page's.
// Its fields are those marked data-part: text boxes, and radio buttons (the checked one's
// value). A form whose data-feedback names an element gets, after each save, the server's
// `feedback` (the checker's findings on the saved text, as HTML) in its place.
(() => {
  const forms = document.querySelectorAll("[data-draft]");
  if (!forms.length) return;
  const texts = document.getElementById("draft-messages").dataset;
  forms.forEach((form) => setUp(form, texts));
  spoken();

// A text to be spoken ([data-spoken]: a deliberation speech) shows how long it takes to read
// aloud, characters other than spaces at data-per-minute, to half a minute, as it is typed.
function spoken() {
  const line = document.querySelector("[data-spoken]");
  if (!line) return;
  const perMinute = Number(line.dataset.perMinute) || 250;
  const low = Number(line.dataset.low);
  const high = Number(line.dataset.high);
  const boxes = [...document.querySelectorAll("[data-draft] textarea[data-part]")];
  const update = () => {
    const size = boxes.reduce((sum, box) => sum + box.value.replace(/\s/g, "").length, 0);
    const minutes = Math.round((size / perMinute) * 2) / 2;
    line.textContent = line.dataset.says.replace("{minutes}", String(minutes));
    if (minutes < low || minutes > high) line.dataset.state = "outside";
    else delete line.dataset.state;
  };
  boxes.forEach((box) => box.addEventListener("input", update));
}

function setUp(form, texts) {
  const status = form.querySelector("[data-save-status]") || document.querySelector("[data-save-status]");
  const version = form.querySelector("input[name=saved_version]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const fields = [...form.querySelectorAll("[data-part]")];
  // One per part: a group of radio buttons counts once, by its first.
  const boxes = fields.filter((box) => box.type !== "radio" ||
    fields.find((other) => other.dataset.part === box.dataset.part) === box);
  const valueOf = (box) => {
    if (box.type !== "radio") return box.value;
    const checked = form.querySelector(`[data-part="${box.dataset.part}"]:checked`);
    return checked ? checked.value : "";
  };
  const setValue = (box, value) => {
    if (box.type !== "radio") {
      box.value = value;
      return;
    }
    form.querySelectorAll(`[data-part="${box.dataset.part}"]`).forEach((radio) => {
      radio.checked = radio.value === value;
    });
  };
  const key = `draft:${form.dataset.draft}`;
  let timer = null;
  let saving = null; // the save in flight, a promise
  let dirty = false; // typed since the last save the server acknowledged
  let stopped = false; // refused for good (stale or read-only): stop sending
  let pasted = form.hasAttribute("data-pasted"); // boxes filled from a paste, not saved yet

  const parts = () => Object.fromEntries(boxes.map((box) => [box.dataset.part, valueOf(box)]));
  const show = (text, state = "") => {
    status.textContent = text;
    status.dataset.state = state;
  };
  const kept = () => {
    try { return JSON.parse(localStorage.getItem(key)) || {}; } catch { return {}; }
  };
  // `synced`: the server has this text, at this version. `sent`: saves sent since the last
  // one the server confirmed, whose reply never came back (see ownSave).
  const keep = (synced = false, sent = kept().sent || []) => {
    try {
      localStorage.setItem(key, JSON.stringify({
        version: Number(version.value), parts: parts(), synced, sent: synced ? [] : sent.slice(-5),
      }));
    } catch { /* private mode or full: the server copy is all there is */ }
  };
  const forget = () => {
    try { localStorage.removeItem(key); } catch { /* nothing kept */ }
  };
  const grow = (box) => {
    if (box.tagName !== "TEXTAREA") return;
    box.style.height = "auto";
    box.style.height = `${box.scrollHeight + 2}px`;
  };

  // A save whose reply was lost (the connection dropped on its way back) may have reached
  // the server: the next save, naming the version before it, is then refused as if another
  // tab or phone had saved. The refusal carries the server's text and version: when that text
  // is one this device sent and never heard back about, at the version after the one it
  // named, the save was this device's own and the version it made is the one to carry on
  // from (null: it was not).
  const ownSave = (server) => {
    const sent = kept().sent || [];
    const at = Number(server.saved_version);
    const text = server.parts;
    if (!sent.length || !Number.isInteger(at) || !text || typeof text !== "object") return null;
    const mine = sent.some((lost) => lost.version + 1 === at &&
      boxes.every((box) => (lost.parts[box.dataset.part] ?? "") === (text[box.dataset.part] ?? "")));
    return mine ? at : null;
  };

  const save = async () => {
    clearTimeout(timer);
    dirty = false;
    show(texts.saving);
    const sending = { version: Number(version.value), parts: parts() };
    let response;
    try {
      response = await fetch(form.dataset.saveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ parts: sending.parts, saved_version: sending.version }),
      });
    } catch {
      dirty = true;
      keep(false, [...(kept().sent || []), sending]);
      show(texts.offline, "error");
      return;
    }
    const body = await response.json().catch(() => ({}));
    fields.forEach((box) => box.removeAttribute("aria-invalid"));
    if (response.ok) {
      pasted = false;
      version.value = body.saved_version;
      keep(!dirty, []);
      // A remark's checker findings on the text just saved replace those on the old.
      const feedback = form.dataset.feedback && document.getElementById(form.dataset.feedback);
      if (feedback && typeof body.feedback === "string") feedback.outerHTML = body.feedback;
      if (dirty) show(texts.unsaved);
      else show(body.saved, "ok");
    } else if (response.status === 409) {
      const own = body.stale ? ownSave(body) : null;
      if (own !== null) {
        version.value = own; // its own lost save: send the text again from there
        dirty = true;
        keep(false, []);
        show(texts.unsaved);
      } else {
        stopped = true; // the text stays on this device and in the boxes
        show(body.error, "error");
      }
    } else if (response.status === 400) {
      // Text the server will not take (too long): sent again once the deputy changes it.
      const box = boxes.find((b) => b.dataset.part === body.part);
      if (box) box.setAttribute("aria-invalid", "true");
      show(body.error, "error");
    } else {
      dirty = true;
      show(texts.offline, "error");
    }
  };

  const send = () => {
    if (stopped || saving) return saving;
    saving = save().finally(() => {
      saving = null;
      if (dirty && !stopped) queue();
    });
    return saving;
  };
  const queue = (delay = 1000) => {
    clearTimeout(timer);
    timer = setTimeout(send, delay);
  };

  form.addEventListener("input", (event) => {
    if (!event.target.matches("[data-part]")) return;
    grow(event.target);
    dirty = true;
    keep();
    const stale = document.querySelector("[data-report-stale]");
    if (stale) stale.hidden = false;
    if (stopped) return;
    show(texts.unsaved);
    queue();
  });
  setInterval(() => { if (dirty) send(); }, 5000);
  window.addEventListener("online", () => { if (dirty) send(); });

  // The buttons post the form: a save still in flight finishes first, so that the form carries
  // the version it made.
  let confirmed = false;
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!navigator.onLine) {
      event.preventDefault();
      dirty = true;
      keep();
      show(texts.offline, "error");
      return;
    }
    if (button && button.value === "submit" && !confirmed) {
      if (!window.confirm(texts.confirm)) {
        event.preventDefault();
        return;
      }
      confirmed = true;
    }
    clearTimeout(timer);
    pasted = false; // the form posts the boxes: nothing is left behind
    if (!saving) return;
    event.preventDefault();
    saving.then(() => form.requestSubmit(button));
  });

  window.addEventListener("beforeunload", (event) => {
    if (!pasted) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // Text typed on this device that the server never acknowledged (the tab closed or the
  // connection dropped before the save), or acknowledged after this copy of the page was made.
  boxes.forEach(grow);
  if (pasted) {
    show(texts.pastedNote);
    return;
  }
  let stored = null;
  try { stored = JSON.parse(localStorage.getItem(key)); } catch { stored = null; }
  if (!stored || !stored.parts) return;
  const shown = Number(version.value);
  const restore = (synced = false) => {
    boxes.forEach((box) => {
      if (typeof stored.parts[box.dataset.part] === "string") setValue(box, stored.parts[box.dataset.part]);
      grow(box);
    });
    if (synced) return;
    dirty = true;
    show(texts.restored);
    send();
  };
  const same = boxes.every((box) => (stored.parts[box.dataset.part] ?? valueOf(box)) === valueOf(box));
  if (stored.version > shown) {
    // This page is an older copy (kept by the service worker, opened without a connection):
    // the text on this device went further. Carry on from it and its version.
    version.value = stored.version;
    restore(Boolean(stored.synced));
  } else if (same || stored.synced) {
    forget(); // the page shows this text, or newer text the server has
  } else if (stored.version === shown) {
    restore(); // nothing was saved since it was typed: put it back and save it
  } else {
    // Saved elsewhere since: the deputy chooses which text to keep.
    const notice = form.querySelector("[data-restore]");
    notice.hidden = false;
    notice.querySelector("[data-restore-use]").addEventListener("click", () => {
      notice.hidden = true;
      restore();
    });
    notice.querySelector("[data-restore-drop]").addEventListener("click", () => {
      notice.hidden = true;
      forget();
    });
  }
}
})();
