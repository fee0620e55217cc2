// The service worker: what the site does when the connection is poor or gone. Served by
// training_site.offline.service_worker at /sw.js, which writes `self.OFFLINE_CONFIG` above this
// text: the URLs of the files to keep (hashed in production), the offline pages, the sign-in
// page and the paths never to keep.
//
// - The shell (CSS, the scripts, the offline pages in the reader's language) is kept when the
//   worker is installed, in a cache named after its version; a new version drops the old one.
// - Pages: network first. Each page opened is kept in "pages" (the latest 50), and a page the
//   reader chose to keep (offline.js, "kept") is refreshed whenever it is opened. Without a
//   connection, or when it takes too long and a copy exists, the copy is shown, else the
//   offline page.
// - Never kept: anything but GET (answers, drafts and forms always go to the server), other
//   sites, the paths in `neverKept` (the content admin, signing in, staff pages, exports),
//   responses that are not pages (JSON, PDF, downloads), redirects, errors and `no-store`
//   (but for the paths in `keptDespiteNoStore`: drafts, whose script reconciles a copy).
// - A page opened before this worker looked after it (the first visit: the worker is installed
//   by that very page) was not kept: offline.js asks for it ("keep") once the worker is ready,
//   and it is fetched and kept as if opened through the worker, so that a reload without a
//   connection shows it rather than the offline page.
// - Personal copies go when nobody is signed in any more: whenever the server shows the
//   sign-in page (signed out, session ended, another person about to sign in), "pages" and
//   "kept" are emptied. offline.js also empties them when the Sign out button is pressed.
const CONFIG = self.OFFLINE_CONFIG;
const SHELL = `shell-${CONFIG.version}`;
const STATIC = `static-${CONFIG.version}`;
const PAGES = "pages-v1";
const KEPT = "kept-v1"; // offline.js reads and writes it too
const RECENT_PAGES = 50;
const SLOW_NETWORK_MS = 6000; // then a kept copy is shown while the page keeps loading
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/; // ManifestStaticFilesStorage's names
const HASHED_PART = /\.[0-9a-f]{12}\./;

const sameSite = (url) => url.origin === self.location.origin;
const neverKept = (url) => CONFIG.neverKept.some((prefix) => url.pathname.startsWith(prefix));
const isLogin = (url) => url.pathname === CONFIG.loginUrl;

// The offline pages, fetched with the reader's cookies: in their language, with their menu.
const keepOfflinePages = async () => {
  const cache = await caches.open(SHELL);
  await Promise.all(
    [CONFIG.offlinePage, CONFIG.keptPage].map(async (url) => {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      // Not another page it was sent to instead (a password to change first).
      if (response.ok && !response.redirected) await cache.put(url, response);
    })
  );
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(CONFIG.shell);
      await keepOfflinePages();
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const current = [SHELL, STATIC, PAGES, KEPT];
      const names = await caches.keys();
      await Promise.all(names.filter((n) => !current.includes(n)).map((n) => caches.delete(n)));
      await self.clients.claim();
    })()
  );
});

// Nobody is signed in any more: drop what was kept of their pages, and the offline pages
// with their menu.
const forget = async () => {
  await Promise.all([caches.delete(PAGES), caches.delete(KEPT)]);
  await keepOfflinePages().catch(() => {});
};

// `no-store` pages are not kept, except those whose script makes up for an older copy with
// what the phone keeps (a draft: its text and version), so that they reload offline.
const usable = (response, url) =>
  response.ok &&
  response.type === "basic" &&
  !response.redirected &&
  (response.headers.get("Content-Type") || "").startsWith("text/html") &&
  (!/no-store/.test(response.headers.get("Cache-Control") || "") ||
    CONFIG.keptDespiteNoStore.some((prefix) => url.pathname.startsWith(prefix)));

const trim = async (cache, keep) => {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - keep)).map((k) => cache.delete(k)));
};

// Keep a copy of a page just fetched: among the recent pages, and in place of the copy the
// reader kept, if they kept it (its title, date and course stay).
const remember = async (url, response) => {
  const body = await response.blob();
  const headers = new Headers(response.headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  const pages = await caches.open(PAGES);
  await pages.delete(url);
  await pages.put(url, new Response(body, init));
  await trim(pages, RECENT_PAGES);
  const kept = await caches.open(KEPT);
  const old = await kept.match(url, { ignoreVary: true });
  if (old) {
    ["X-Kept-Title", "X-Kept-At", "X-Kept-Assets", "X-Kept-Group"].forEach((name) => {
      if (old.headers.has(name)) headers.set(name, old.headers.get(name));
    });
    await kept.put(url, new Response(body, { ...init, headers }));
  }
};

// The kept copy of a page: chosen by the reader, else recently opened, else one of the
// offline pages.
const copyOf = async (url) =>
  (await caches.match(url, { cacheName: KEPT, ignoreVary: true })) ||
  (await caches.match(url, { cacheName: PAGES, ignoreVary: true })) ||
  (await caches.match(url, { cacheName: SHELL, ignoreVary: true }));

const offlinePage = async () =>
  (await caches.match(CONFIG.offlinePage, { cacheName: SHELL, ignoreVary: true })) ||
  new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });

const page = async (event, url) => {
  const key = url.href.split("#")[0];
  // The offline pages are kept in the shell, in the reader's language (see "language").
  const own = [CONFIG.offlinePage, CONFIG.keptPage].includes(url.pathname);
  const network = fetch(event.request).then((response) => {
    if (usable(response, url) && !own) event.waitUntil(remember(key, response.clone()));
    return response;
  });
  event.waitUntil(network.catch(() => {}));
  const copy = await copyOf(key);
  if (!copy) {
    try {
      return await network;
    } catch {
      return offlinePage();
    }
  }
  // A copy exists: take the network's answer unless it fails or keeps the reader waiting.
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(() => resolve(copy), SLOW_NETWORK_MS);
  });
  try {
    return await Promise.race([network, slow]);
  } catch {
    return copy;
  } finally {
    clearTimeout(timer);
  }
};

const signIn = async (event) => {
  const response = await fetch(event.request);
  const url = new URL(response.url || event.request.url);
  if (response.ok && isLogin(url)) event.waitUntil(forget());
  return response;
};

// The shell's file of the same name under another hash: a page kept before a deploy asks for
// the files of its day, which may be gone.
const sameNameInShell = async (url) => {
  const name = url.pathname.replace(HASHED_PART, ".");
  const shell = CONFIG.shell.find((kept) => kept.replace(HASHED_PART, ".") === name);
  return shell ? caches.match(shell, { cacheName: SHELL, ignoreVary: true }) : undefined;
};

// Anything else (images of kept pages, a page fetched to be kept), and static files not named
// by their content (development): the network, else a copy if one was kept.
const otherwise = async (request) => {
  try {
    return await fetch(request);
  } catch (error) {
    const found = await caches.match(request, { ignoreVary: true });
    if (found) return found;
    throw error;
  }
};

// Static files: a hashed name never changes its content, so the kept copy is used first;
// other names (development) are fetched, the copy used only without a connection.
const staticFile = async (request, url) => {
  if (HASHED.test(url.pathname)) {
    const found = await caches.match(request, { ignoreVary: true });
    if (found) return found;
    try {
      const response = await fetch(request);
      if (response.ok) {
        const copy = response.clone();
        caches.open(STATIC).then((cache) => cache.put(request, copy));
      }
      return response;
    } catch (error) {
      const similar = await sameNameInShell(url);
      if (similar) return similar;
      throw error;
    }
  }
  return otherwise(request);
};

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return; // answers, drafts, forms: always the server
  const url = new URL(request.url);
  if (!sameSite(url)) return;
  if (request.mode === "navigate") {
    if (isLogin(url)) event.respondWith(signIn(event));
    else if (!neverKept(url)) event.respondWith(page(event, url));
    return;
  }
  if (neverKept(url)) return;
  if (url.pathname.startsWith(CONFIG.staticUrl)) event.respondWith(staticFile(request, url));
  else event.respondWith(otherwise(request));
});

// A page a reader opened before this worker looked after it: fetched again and kept as any
// page opened through the worker is (the same rules: never the paths never kept, nor what is
// not a page).
const keepOpened = async (href) => {
  const url = new URL(href);
  url.hash = "";
  const own = [CONFIG.offlinePage, CONFIG.keptPage].includes(url.pathname);
  if (!sameSite(url) || neverKept(url) || isLogin(url) || own) return;
  const response = await fetch(url.href, { credentials: "same-origin" });
  if (usable(response, url)) await remember(url.href, response);
};

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "language") {
    // The offline pages follow the language the reader chose.
    event.waitUntil(
      (async () => {
        const found = await caches.match(CONFIG.offlinePage, { cacheName: SHELL });
        if (!found || found.headers.get("Content-Language") !== data.language) {
          await keepOfflinePages().catch(() => {});
        }
      })()
    );
  } else if (data.type === "forget") {
    event.waitUntil(forget());
  } else if (data.type === "keep" && typeof data.url === "string") {
    event.waitUntil(keepOpened(data.url).catch(() => { /* no connection: nothing to keep */ }));
  }
});
