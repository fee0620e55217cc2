// Copy buttons: <button data-copy="ID" data-copy-status="ID" data-copied="…" data-copy-failed="…" hidden>
// copies the value of the element with id ID. The button stays hidden without JavaScript (the
// address is still there to select). The Clipboard API needs a secure context and may be
// refused; then the text is selected and the older copy command tried; if that fails too, the
// address stays selected and the status line says to press and hold it.
(() => {
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!source || !status) continue;
    button.hidden = false;

    const selectText = () => {
      source.focus();
      source.select();
      source.setSelectionRange(0, source.value.length);
    };

    button.addEventListener("click", async () => {
      let copied = false;
      if (navigator.clipboard && window.isSecureContext) {
        try {
          await navigator.clipboard.writeText(source.value);
          copied = true;
        } catch (error) {
          copied = false; // refused: fall back to selecting the text
        }
      }
      if (!copied) {
        selectText();
        try {
          copied = document.execCommand("copy");
        } catch (error) {
          copied = false;
        }
      }
      status.textContent = copied ? button.dataset.copied : button.dataset.copyFailed;
    });
  }
})();
