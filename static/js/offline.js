// Offline use on every page: installs the service worker (static/js/sw.js, served at /sw.js),
// says when the connection is gone, keeps a lesson or a law for offline reading
// ("Keep for offline reading", [data-keep]), lists what this phone keeps (the kept page,
// [data-kept]) and, on signing out, empties what was kept so that the next person on this
// phone finds nothing of it. The texts come from data- attributes of this script's tag and
// of the elements the templates render.
(() => {
  const script = document.currentScript || document.querySelector("script[data-sw]");
  const texts = script ? script.dataset : {};
  const KEPT = "kept-v1"; // the worker's caches (sw.js)
  const PAGES = "pages-v1";
  const canKeep = "serviceWorker" in navigator && "caches" in window;

  if (canKeep && texts.sw) {
    navigator.serviceWorker
      .register(texts.sw, { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // The offline pages follow the language the reader chose.
        const language = document.documentElement.lang;
        if (registration.active) registration.active.postMessage({ type: "language", language });
      })
      .catch(() => { /* the site works as before, only not offline */ });
  }

  // The connection: a notice at the top of the page while it is gone.
  const main = document.getElementById("main");
  let notice = null;
  const showConnection = () => {
    if (!main || !texts.offlineNotice) return;
    if (navigator.onLine) {
      if (notice) notice.hidden = true;
      return;
    }
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "notice offline-notice";
      notice.setAttribute("role", "status");
      notice.textContent = texts.offlineNotice;
      main.prepend(notice);
    }
    notice.hidden = false;
  };
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
  const when = (iso) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return "";
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  };
  const pageKey = (href) => {
    const url = new URL(href, window.location.href);
    url.hash = "";
    return url.href;
  };

  // Kept pages live in the worker's "kept" cache: the page with its title, when it was kept
  // and the images it shows in headers of its own, and each image.
  const keptEntries = async () => {
    const cache = await caches.open(KEPT);
    const entries = [];
    for (const request of await cache.keys()) {
      const response = await cache.match(request, { ignoreVary: true });
      if (!response || !response.headers.has("X-Kept-Title")) continue;
      entries.push({
        url: request.url,
        title: decodeURIComponent(response.headers.get("X-Kept-Title")),
        at: response.headers.get("X-Kept-At") || "",
        assets: JSON.parse(decodeURIComponent(response.headers.get("X-Kept-Assets") || "%5B%5D")),
      });
    }
    return entries.sort((a, b) => b.at.localeCompare(a.at));
  };

  const keep = async (href, title) => {
    const url = pageKey(href);
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    } catch {
      response = null;
    }
    if (!response || !response.ok) {
      // No connection: the copy of this page the worker already has will do.
      response = await caches.match(url, { cacheName: PAGES, ignoreVary: true });
      if (!response) throw new Error("not kept");
    }
    const body = await response.blob();
    const html = await body.text();
    const parsed = new DOMParser().parseFromString(html, "text/html");
    // What it needs: its style sheets and scripts as they are named today (the worker keeps
    // the current ones anyway; these outlast a deploy), and its pictures.
    const assets = [
      ...[...parsed.querySelectorAll("link[rel~=stylesheet][href]")].map((el) => el.getAttribute("href")),
      ...[...parsed.querySelectorAll("script[src]")].map((el) => el.getAttribute("src")),
      ...[...parsed.querySelectorAll("main img[src]")].map((el) => el.getAttribute("src")),
    ]
      .map((src) => new URL(src, url))
      .filter((src) => src.origin === window.location.origin)
      .map((src) => src.href);
    const cache = await caches.open(KEPT);
    await Promise.all(
      assets.map((src) => cache.add(src).catch(() => { /* the text matters most */ }))
    );
    const headers = new Headers(response.headers);
    headers.set("X-Kept-Title", encodeURIComponent(title));
    headers.set("X-Kept-At", new Date().toISOString());
    headers.set("X-Kept-Assets", encodeURIComponent(JSON.stringify(assets)));
    await cache.put(url, new Response(body, { status: 200, headers }));
  };

  const forget = async (href) => {
    const url = pageKey(href);
    const entries = await keptEntries();
    const cache = await caches.open(KEPT);
    const gone = entries.find((entry) => entry.url === url);
    const stillUsed = new Set(
      entries.filter((entry) => entry.url !== url).flatMap((entry) => entry.assets)
    );
    await cache.delete(url, { ignoreVary: true });
    if (gone) {
      await Promise.all(
        gone.assets.filter((src) => !stillUsed.has(src)).map((src) => cache.delete(src))
      );
    }
  };

  const isKept = async (href) => {
    if (!canKeep) return false;
    return Boolean(await caches.match(pageKey(href), { cacheName: KEPT, ignoreVary: true }));
  };

  // "Keep for offline reading" on a lesson or a law.
  document.querySelectorAll("[data-keep]").forEach(async (box) => {
    if (!canKeep) return;
    const words = box.dataset;
    const add = box.querySelector("[data-keep-add]");
    const remove = box.querySelector("[data-keep-remove]");
    const status = box.querySelector("[data-keep-status]");
    const show = (kept, text) => {
      add.hidden = kept;
      remove.hidden = !kept;
      box.classList.toggle("keep-offline--kept", kept);
      status.textContent = text;
    };
    box.hidden = false;
    show(await isKept(window.location.href), "");
    if (!remove.hidden) status.textContent = words.kept;
    add.addEventListener("click", async () => {
      add.disabled = true;
      status.textContent = words.keeping;
      try {
        await keep(window.location.href, words.title || document.title);
        show(true, words.kept);
        remove.focus();
      } catch {
        show(false, words.failed);
      } finally {
        add.disabled = false;
      }
    });
    remove.addEventListener("click", async () => {
      await forget(window.location.href);
      show(false, words.removed);
      add.focus();
    });
  });

  // The kept page: what this phone keeps, each with a link and a remove button.
  const list = document.querySelector("[data-kept]");
  if (list) {
    const words = list.dataset;
    const state = (name) => {
      list.querySelectorAll("[data-kept-state]").forEach((el) => {
        el.hidden = el.dataset.keptState !== name;
      });
    };
    const items = list.querySelector("[data-kept-items]");
    const template = document.getElementById("kept-item");
    const status = list.querySelector("[data-kept-status]");
    const render = async () => {
      const entries = await keptEntries();
      items.replaceChildren();
      entries.forEach((entry) => {
        const row = template.content.firstElementChild.cloneNode(true);
        const link = row.querySelector("[data-kept-link]");
        link.href = entry.url;
        link.textContent = entry.title;
        row.querySelector("[data-kept-when]").textContent = fill(words.keptOn, { date: when(entry.at) });
        const button = row.querySelector("[data-kept-remove]");
        button.setAttribute("aria-label", fill(words.removeLabel, { title: entry.title }));
        button.addEventListener("click", async () => {
          await forget(entry.url);
          status.textContent = fill(words.removed, { title: entry.title });
          await render();
          const next = items.querySelector("[data-kept-remove]");
          (next || list.querySelector("h2") || list).focus?.();
        });
        items.append(row);
      });
      state(entries.length ? "list" : "empty");
    };
    if (!canKeep) state("unsupported");
    else render().catch(() => state("unsupported"));
  }

  // Signing out: this phone forgets the pages kept for this person, and the answers and
  // drafts the server already has, before the sign-out goes to the server. Every sign-out
  // form: the full menu's, and the Me page's that a phone shows instead.
  const signOuts = texts.logout ? document.querySelectorAll(`form[action="${texts.logout}"]`) : [];
  for (const signOut of signOuts) {
    let cleared = false;
    signOut.addEventListener("submit", (event) => {
      if (cleared || !canKeep) return;
      event.preventDefault();
      const done = () => {
        if (cleared) return; // the time ran out first: already on its way
        cleared = true;
        signOut.submit();
      };
      const timeout = setTimeout(done, 2000);
      Promise.all([caches.delete(KEPT), caches.delete(PAGES)])
        .catch(() => {})
        .finally(() => {
          try {
            Object.keys(localStorage)
              .filter((key) => /^(quiz|draft):/.test(key))
              .forEach((key) => {
                const kept = JSON.parse(localStorage.getItem(key) || "null");
                if (kept && kept.synced) localStorage.removeItem(key);
              });
          } catch { /* nothing kept */ }
          clearTimeout(timeout);
          done();
        });
    });
  }
})();
