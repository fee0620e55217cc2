// A page to print (the activity register): its Print button opens the browser's print dialog.
// Without JavaScript the button stays hidden and the browser's own Print menu does the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
