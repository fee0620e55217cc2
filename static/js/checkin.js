// The check-in screen: every few seconds, fetch the current QR code (it changes every 45 s)
// and the list of who has checked in. A failed fetch is simply tried again next time.
(() => {
  const screen = document.querySelector("[data-checkin-screen]");
  if (!screen) return;
  const qr = screen.querySelector("[data-qr]");
  const link = screen.querySelector("[data-qr-url]");
  const count = screen.querySelector("[data-present-count]");
  const list = screen.querySelector("[data-present]");

  const refresh = async () => {
    try {
      const response = await fetch(screen.dataset.stateUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const state = await response.json();
      if (link.getAttribute("href") !== state.url) {
        // The SVG is drawn by the server from the URL alone.
        const caption = qr.querySelector("figcaption");
        qr.innerHTML = state.svg;
        if (caption) qr.appendChild(caption);
        link.setAttribute("href", state.url);
        link.textContent = state.url;
      }
      count.textContent = String(state.present_count);
      list.innerHTML = state.present_html;
    } catch (error) {
      // Offline for a moment: the next tick tries again.
    }
  };
  setInterval(refresh, 5000);
})();
