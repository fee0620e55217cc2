// The check-in screen: every few seconds, fetch the current QR code (it changes every 45 s)
// and the list of who has checked in. A failed fetch is simply tried again next time.
// Where the browser has the Fullscreen API, a button shows the screen alone on the whole display
// (for a projector), in the large type of the projector view (?screen=1, which works without it).
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

  const button = document.querySelector("[data-fullscreen]");
  const projector = screen.classList.contains("study-screen--projector");
  if (button && screen.requestFullscreen && document.fullscreenEnabled) {
    button.hidden = false;
    button.addEventListener("click", () => {
      screen.requestFullscreen().catch(() => {
        // Refused (a policy, or no user gesture): the projector view still works.
      });
    });
    document.addEventListener("fullscreenchange", () => {
      const full = document.fullscreenElement === screen;
      screen.classList.toggle("study-screen--full", full);
      if (!projector) screen.classList.toggle("study-screen--projector", full);
    });
  }
})();
