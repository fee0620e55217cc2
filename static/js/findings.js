// The on-site page of an inspection (inspections): a finding, with its photo, is kept on this
// phone (IndexedDB) under the UUID the page gave it, then sent; without a connection it waits
// and is sent when the connection returns, from this page or the next one opened. The server
// records a UUID once, so a finding sent twice (an answer lost on the way) is recorded once.
// Without IndexedDB the form is posted as it is.
(() => {
  const form = document.querySelector("[data-finding-form]");
  if (!form || !("indexedDB" in window)) return;
  const texts = form.dataset;
  const status = form.querySelector("[data-save-status]");
  const list = form.querySelector("[data-queue]");
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const token = field("csrfmiddlewaretoken").value;
  const STORE = "findings";

  const newId = () => {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const open = () => new Promise((resolve, reject) => {
    const request = indexedDB.open("inspection-findings", 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "uuid" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const run = async (mode, work) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  };
  const all = () => run("readonly", (store) => store.getAll());
  const put = (item) => run("readwrite", (store) => store.put(item));
  const drop = (uuid) => run("readwrite", (store) => store.delete(uuid));

  const show = async () => {
    const items = (await all()).filter((item) => item.action === form.action);
    list.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      const text = item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text;
      li.textContent = item.photo ? `${text} · ${texts.withPhoto}` : text;
      return li;
    }));
    list.hidden = !items.length;
    return items.length;
  };

  let sending = false;
  const send = async () => {
    if (sending || !navigator.onLine) return;
    sending = true;
    let sent = 0;
    try {
      for (const item of await all()) {
        const body = new FormData();
        body.append("csrfmiddlewaretoken", token);
        body.append("uuid", item.uuid);
        body.append("stop", item.stop);
        body.append("text", item.text);
        if (item.keep) body.append("keep_location", "on");
        if (item.photo) body.append("photo", item.photo, item.name || "photo.jpg");
        status.textContent = texts.sending;
        let response;
        try {
          response = await fetch(item.action, {
            method: "POST", body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" },
          });
        } catch {
          break; // no connection after all: the next "online" tries again
        }
        // Recorded only when the server says so: a session that ran out answers with the
        // sign-in page (200 after a redirect), and the finding stays on the phone.
        const recorded = response.ok && !response.redirected
          && (await response.json().catch(() => ({}))).ok === true;
        if (recorded) {
          await drop(item.uuid);
          sent += 1;
        } else if (response.status === 400) {
          // Refused (a photo too large, an empty text): back into the form to be put right.
          const answer = await response.json().catch(() => ({}));
          await drop(item.uuid);
          if (!field("text").value.trim()) field("text").value = item.text;
          status.textContent = `${texts.refused} ${answer.error || ""}`;
          await show();
          return;
        } else {
          break; // the server is in trouble: later
        }
      }
    } finally {
      sending = false;
    }
    const waiting = await show();
    status.textContent = waiting ? texts.kept : sent ? texts.sent : "";
    // Show the findings as recorded, unless the deputy is typing the next one.
    if (sent && !waiting && !field("text").value.trim()) window.location.reload();
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const photo = field("photo").files[0] || null;
    const item = {
      uuid: field("uuid").value,
      action: form.action,
      stop: field("stop").value,
      text: field("text").value.trim(),
      keep: field("keep_location").checked,
      photo,
      name: photo ? photo.name : "",
    };
    try {
      await put(item);
    } catch {
      form.submit(); // nothing can be kept on this phone: post it now
      return;
    }
    const stop = field("stop").value;
    form.reset();
    field("stop").value = stop;
    field("uuid").value = newId();
    status.textContent = texts.kept;
    await show();
    send();
  });

  field("uuid").value = newId(); // a copy of the page kept offline holds an old one
  window.addEventListener("online", send);
  show().then(send);
})();
