// The mock vote's result page while voting is open: every few seconds, fetch the page again
// and put its live part in place of ours, so the projector shows how many have voted and then,
// once the clerk closes the vote, the result. A failed fetch is simply tried again next time.
(() => {
  const live = document.querySelector("[data-vote-live][data-vote-refresh]");
  if (!live) return;
  const seconds = Number(live.dataset.voteRefresh) || 5;
  const timer = setInterval(async () => {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-vote-live]");
      if (!fresh) return;
      live.innerHTML = fresh.innerHTML;
      if (!fresh.hasAttribute("data-vote-refresh")) {
        live.removeAttribute("data-vote-refresh");
        clearInterval(timer);
      }
    } catch (error) {
      // Offline for a moment: the next tick tries again.
    }
  }, seconds * 1000);
})();
