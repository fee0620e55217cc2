// Offline use on every page: installs the service worker (static/js/sw.js, served at /sw.js),
// says when the connection is gone, keeps a lesson or a law for offline reading
// ("Keep for offline reading", [data-keep]), or a whole course with its lessons and the law
// articles they quote, as one group ([data-keep-course]), lists what this phone keeps (the
// kept page, [data-kept]) and, on signing out, empties what was kept so that the next person on this
// phone finds nothing of it. The texts come from data- attributes of this script's tag and
// of the elements the templates render.
(() => {
  const script = document.currentScript || document.querySelector("script[data-sw]");
  const texts = script ? script.dataset : {};
  const KEPT = "kept-v1"; // the worker's caches (sw.js)
  const PAGES = "pages-v1";
  const canKeep = "serviceWorker" in navigator && "caches" in window;

  // A page opened before the worker looked after it (the first visit) went past it and was
  // not kept: the worker is asked to keep it once ready, or a reload without a connection
  // would find only the offline page (answers typed on it are kept, but the page is not).
  // Whether the page came through the worker is read from its own loading (workerStart is 0
  // for a page the worker never saw), not from the worker in charge now: a worker installed
  // by the page before, and taking charge while this one loads, did not keep it either.
  const loading = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  const cameThroughWorker = loading
    ? loading.workerStart > 0
    : canKeep && Boolean(navigator.serviceWorker.controller);
  const standingIn = document.querySelector("[data-offline-page]");

  if (canKeep && texts.sw) {
    navigator.serviceWorker
      .register(texts.sw, { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // The offline pages follow the language the reader chose.
        const language = document.documentElement.lang;
        if (!registration.active) return;
        registration.active.postMessage({ type: "language", language });
        if (!cameThroughWorker && !standingIn) {
          registration.active.postMessage({ type: "keep", url: window.location.href });
        }
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

  // When the connection returns, the offline page shown in place of a page, or a page shown
  // from the copy kept on this phone (it was opened without a connection), opens the real
  // page by itself, after a moment in case the connection drops again. Pages that save what
  // is typed ([data-save-status]: a quiz, a draft) send it first and decide themselves.
  const openedOffline = !navigator.onLine;
  const stoodIn = standingIn && window.location.pathname !== standingIn.dataset.offlinePage;
  const ownSaving = document.querySelector("[data-save-status]");
  if (stoodIn || (openedOffline && !ownSaving)) {
    let timer = null;
    window.addEventListener("online", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (navigator.onLine) window.location.reload();
      }, 1500);
    });
    window.addEventListener("offline", () => clearTimeout(timer));
  }

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
        // Kept with a whole course: {url, title} of the course.
        group: JSON.parse(decodeURIComponent(response.headers.get("X-Kept-Group") || "null")),
      });
    }
    return entries.sort((a, b) => b.at.localeCompare(a.at));
  };

  // `group`: the course ({url, title}) the page is kept with, if any.
  const keep = async (href, title, group = null) => {
    const url = pageKey(href);
    let response;
    try {
      // Fetched to be kept, not opened: a lesson's reading clock is left alone (courses).
      response = await fetch(url, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { "X-Offline-Keep": "1" },
      });
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
    // A file already kept is not fetched again (a course's pages share theirs).
    await Promise.all(
      assets.map(async (src) => {
        if (await cache.match(src, { ignoreVary: true })) return;
        await cache.add(src).catch(() => { /* the text matters most */ });
      })
    );
    const headers = new Headers(response.headers);
    headers.set("X-Kept-Title", encodeURIComponent(title));
    headers.set("X-Kept-At", new Date().toISOString());
    headers.set("X-Kept-Assets", encodeURIComponent(JSON.stringify(assets)));
    if (group) headers.set("X-Kept-Group", encodeURIComponent(JSON.stringify(group)));
    else headers.delete("X-Kept-Group");
    await cache.put(url, new Response(body, { status: 200, headers }));
  };

  // Forget kept pages, and the files only they needed.
  const forgetAll = async (hrefs) => {
    const urls = new Set(hrefs.map(pageKey));
    const entries = await keptEntries();
    const cache = await caches.open(KEPT);
    const stillUsed = new Set(
      entries.filter((entry) => !urls.has(entry.url)).flatMap((entry) => entry.assets)
    );
    const gone = entries.filter((entry) => urls.has(entry.url));
    await Promise.all([...urls].map((url) => cache.delete(url, { ignoreVary: true })));
    const files = new Set(gone.flatMap((entry) => entry.assets).filter((src) => !stillUsed.has(src)));
    await Promise.all([...files].map((src) => cache.delete(src)));
  };
  const forget = (href) => forgetAll([href]);
  const groupPages = async (groupUrl) =>
    (await keptEntries()).filter((entry) => entry.group && pageKey(entry.group.url) === groupUrl);

  const isKept = async (href) => {
    if (!canKeep) return false;
    return Boolean(await caches.match(pageKey(href), { cacheName: KEPT, ignoreVary: true }));
  };

  // A keep box's buttons and words: kept (offer removal) or not (offer keeping).
  const keepState = (box, add, remove, status) => (kept, text) => {
    add.hidden = kept;
    remove.hidden = !kept;
    box.classList.toggle("keep-offline--kept", kept);
    status.textContent = text;
  };

  // "Keep for offline reading" on a lesson or a law.
  document.querySelectorAll("[data-keep]").forEach(async (box) => {
    if (!canKeep) return;
    const words = box.dataset;
    const add = box.querySelector("[data-keep-add]");
    const remove = box.querySelector("[data-keep-remove]");
    const status = box.querySelector("[data-keep-status]");
    const show = keepState(box, add, remove, status);
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

  // "Keep this course for offline reading" on a course page: every page the server listed
  // (the course, its lessons, the law articles they quote), one after the other, kept as one
  // group; the progress shows as it goes, and the outcome is said once.
  const courseBox = document.querySelector("[data-keep-course]");
  const courseList = document.getElementById("keep-course-pages");
  if (courseBox && courseList && canKeep) {
    const words = courseBox.dataset;
    const pages = JSON.parse(courseList.textContent);
    const group = { url: pageKey(words.group || window.location.href), title: words.title };
    const add = courseBox.querySelector("[data-keep-course-add]");
    const remove = courseBox.querySelector("[data-keep-course-remove]");
    const bar = courseBox.querySelector("[data-keep-course-bar]");
    const progress = courseBox.querySelector("[data-keep-course-progress]");
    const status = courseBox.querySelector("[data-keep-course-status]");
    const show = keepState(courseBox, add, remove, status);
    courseBox.hidden = false;
    groupPages(group.url).then((kept) => {
      if (kept.length) show(true, fill(words.kept, { total: kept.length }));
    });
    add.addEventListener("click", async () => {
      add.disabled = true;
      status.textContent = "";
      bar.hidden = false;
      bar.value = 0;
      let done = 0;
      let failed = 0;
      for (const page of pages) {
        progress.textContent = fill(words.progress, { done: done + failed + 1, total: pages.length });
        try {
          await keep(page.url, page.title, group);
          done += 1;
        } catch {
          failed += 1;
        }
        bar.value = done + failed;
      }
      progress.textContent = "";
      bar.hidden = true;
      add.disabled = false;
      if (!done) show(false, words.failed);
      else if (failed) show(true, fill(words.partly, { done, total: pages.length, failed }));
      else show(true, fill(words.kept, { total: pages.length }));
      if (done) remove.focus();
    });
    remove.addEventListener("click", async () => {
      await forgetAll((await groupPages(group.url)).map((entry) => entry.url));
      show(false, words.removed);
      add.focus();
    });
  }

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
    const groupTemplate = document.getElementById("kept-group");
    const render = async () => {
      const entries = await keptEntries();
      items.replaceChildren();
      // A course kept whole is one item (where it was first met, newest first) listing its
      // pages in the order they were kept; single pages stand alone.
      const groups = new Map();
      const order = [];
      entries.forEach((entry) => {
        const key = entry.group && groupTemplate ? pageKey(entry.group.url) : null;
        if (!key) return order.push(entry);
        if (!groups.has(key)) {
          groups.set(key, { ...entry.group, pages: [] });
          order.push(groups.get(key));
        }
        groups.get(key).pages.push(entry);
      });
      const removedFocus = () => {
        const next = items.querySelector("[data-kept-remove], [data-kept-group-remove]");
        (next || list.querySelector("h2") || list).focus?.();
      };
      const pageRow = (entry) => {
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
          removedFocus();
        });
        return row;
      };
      order.forEach((item) => {
        if (!item.pages) return items.append(pageRow(item));
        const row = groupTemplate.content.firstElementChild.cloneNode(true);
        const link = row.querySelector("[data-kept-group-link]");
        link.href = item.url;
        link.textContent = fill(words.groupLabel, { title: item.title });
        row.querySelector("[data-kept-group-count]").textContent = fill(words.groupCount, {
          count: item.pages.length,
        });
        const button = row.querySelector("[data-kept-group-remove]");
        button.setAttribute("aria-label", fill(words.removeGroupLabel, { title: item.title }));
        button.addEventListener("click", async () => {
          await forgetAll(item.pages.map((entry) => entry.url));
          status.textContent = fill(words.removed, { title: item.title });
          await render();
          removedFocus();
        });
        const pages = row.querySelector("[data-kept-group-items]");
        [...item.pages].sort((a, b) => a.at.localeCompare(b.at)).forEach((entry) => pages.append(pageRow(entry)));
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
