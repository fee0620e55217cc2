// Read-aloud (听课文, 听条文): the browser's own speech synthesis reads the Chinese text of a
// lesson, a law or its study notes, sentence by sentence, and highlights the sentence it reads.
// No service and no download: where the browser has no speech or no Chinese voice, the player
// says so. The player is templates/components/read_aloud.html; its texts come from its data-
// attributes. Reading time is not this script's business: static/js/reading.js counts the
// seconds the page is visible, whether the deputy reads or listens.
(() => {
  const box = document.querySelector("[data-read-aloud]");
  if (!box) return;
  const root = document.querySelector(box.dataset.target);
  if (!root) return;
  const texts = box.dataset;
  const play = box.querySelector("[data-read-aloud-play]");
  const playLabel = box.querySelector("[data-read-aloud-label]");
  const iconPlay = box.querySelector("[data-icon-play]");
  const iconPause = box.querySelector("[data-icon-pause]");
  const stopButton = box.querySelector("[data-read-aloud-stop]");
  const status = box.querySelector("[data-read-aloud-status]");
  const rates = [...box.querySelectorAll("[data-rate]")];
  const synth = window.speechSynthesis;
  const canSpeak = Boolean(synth && window.SpeechSynthesisUtterance);

  // Chrome on Android stops an utterance after some seconds and cannot pause one: each
  // utterance is one short sentence, and pausing cancels it and says it again on resume.
  const LONGEST = 40; // characters; a longer sentence is cut at a comma (or anywhere)
  const VOICE_WAIT = 3000; // ms to wait for the voices, which load after the page
  const RATE_KEY = "read-aloud-rate";
  const READABLE = "h2, h3, h4, p, li, dt, dd, figcaption, blockquote, td, th";
  const SKIPPED =
    ".lesson-end, [data-read-aloud-skip], .block-quiz, .block-media, .block-download, " +
    ".keep-offline, [data-read-aloud], audio, video, form, nav, button, [hidden]";
  const UNSPOKEN = new Set(["SCRIPT", "STYLE", "svg", "BUTTON", "AUDIO", "VIDEO"]);

  let voice = null;
  let voicesKnown = false;
  let sentences = null; // [{ text, spans, unit }] once the text is prepared
  let state = "idle"; // idle | playing | paused
  let index = 0;
  let turn = 0; // an utterance whose turn has passed (cancelled, stopped) does nothing more
  let utterance = null; // held so that Chrome does not drop its events

  const storedRate = () => {
    try {
      return localStorage.getItem(RATE_KEY);
    } catch (error) {
      return null;
    }
  };
  let rate = Number(storedRate()) || 1;
  if (!rates.some((button) => Number(button.dataset.rate) === rate)) rate = 1;

  // ----- Voices -----
  // Mandarin in simplified Chinese first (zh-CN, zh-Hans, cmn), then any Mandarin; never
  // Cantonese (zh-HK, yue), which would read the text in another language. Voices on the
  // phone itself before network voices, which stop without a connection.
  const rank = (candidate) => {
    const lang = (candidate.lang || "").replace(/_/g, "-").toLowerCase();
    if (/^(yue|zh-hk|zh-mo|zh-hant-hk)/.test(lang)) return 0;
    if (/^(zh-cn|zh-hans|zh-sg|cmn)/.test(lang) || lang === "zh") return 3;
    if (/^(zh-tw|zh-hant)/.test(lang)) return 1;
    if (lang.startsWith("zh")) return 2;
    return 0;
  };
  const chooseVoice = () => {
    const voices = synth.getVoices() || [];
    const best = voices
      .filter((candidate) => rank(candidate) > 0)
      .sort(
        (a, b) =>
          rank(b) - rank(a) ||
          Number(Boolean(b.localService)) - Number(Boolean(a.localService)) ||
          Number(Boolean(b.default)) - Number(Boolean(a.default)),
      )[0];
    voice = best || null;
    voicesKnown = voicesKnown || voices.length > 0;
    return voice;
  };
  // Resolves once the voices are known, or after VOICE_WAIT without them.
  const voicesReady = new Promise((resolve) => {
    if (!canSpeak) return resolve();
    chooseVoice();
    if (voicesKnown) return resolve();
    const done = () => {
      chooseVoice();
      resolve();
    };
    synth.addEventListener?.("voiceschanged", done, { once: true });
    setTimeout(done, VOICE_WAIT);
  });

  // ----- The text, cut into sentences -----
  const sentenceRanges = (text) => {
    const ranges = [];
    let start = 0;
    const push = (end) => {
      let from = start;
      while (from < end) {
        let to = end;
        if (to - from > LONGEST) {
          const part = text.slice(from, from + LONGEST);
          const comma = Math.max(...["，", "、", "：", ",", ":"].map((c) => part.lastIndexOf(c)));
          to = comma > 8 ? from + comma + 1 : from + LONGEST;
        }
        if (/[\p{L}\p{N}]/u.test(text.slice(from, to))) ranges.push([from, to]);
        from = to;
      }
      start = end;
    };
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (c === "\n") {
        push(i);
        start = i + 1;
      } else if ("。！？；!?;".includes(c)) {
        let end = i + 1;
        while (end < text.length && "。！？；!?;”’」』）)\"'".includes(text[end])) end += 1;
        push(end);
        i = end - 1;
      }
    }
    push(text.length);
    return ranges;
  };

  // The text nodes of one paragraph, with where each begins in the paragraph's text
  // (a <br> is a line end).
  const pieces = (unit) => {
    const found = [];
    let text = "";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          found.push({ node: child, start: text.length });
          text += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.tagName === "BR") text += "\n";
          else if (!UNSPOKEN.has(child.tagName) && !child.matches("[hidden], [aria-hidden=true]"))
            walk(child);
        }
      }
    };
    walk(unit);
    return { found, text };
  };

  // Wraps each sentence in spans (one per text node it crosses), from the last to the first
  // so that the offsets still to come stay right.
  const prepare = () => {
    if (sentences) return sentences;
    sentences = [];
    const units = [...root.querySelectorAll(READABLE)].filter(
      (unit) =>
        !unit.closest(SKIPPED) &&
        !unit.querySelector(READABLE) &&
        unit.getClientRects().length > 0 &&
        /\p{Script=Han}/u.test(unit.textContent),
    );
    units.forEach((unit) => {
      const { found, text } = pieces(unit);
      const ranges = sentenceRanges(text);
      const spans = ranges.map(() => []);
      for (let r = ranges.length - 1; r >= 0; r -= 1) {
        const [from, to] = ranges[r];
        for (let p = found.length - 1; p >= 0; p -= 1) {
          const { node, start } = found[p];
          const a = Math.max(from, start) - start;
          const b = Math.min(to, start + node.data.length) - start;
          if (a >= b) continue;
          const range = document.createRange();
          range.setStart(node, a);
          range.setEnd(node, b);
          const span = document.createElement("span");
          span.className = "read-aloud-sentence";
          range.surroundContents(span);
          spans[r].unshift(span);
        }
      }
      ranges.forEach(([from, to], r) => {
        const sentence = { text: text.slice(from, to).trim(), spans: spans[r], unit };
        spans[r].forEach((span) => {
          span.dataset.sentence = String(sentences.length);
        });
        sentences.push(sentence);
      });
    });
    return sentences;
  };

  // ----- Showing where we are -----
  // Said once, not again at every sentence (a screen reader would repeat it).
  const say = (message) => {
    if (status.textContent !== (message || "")) status.textContent = message || "";
  };
  const clearHighlight = () => {
    root.querySelectorAll(".read-aloud-current").forEach((span) => {
      span.classList.remove("read-aloud-current");
    });
  };
  const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const highlight = (sentence) => {
    clearHighlight();
    sentence.spans.forEach((span) => span.classList.add("read-aloud-current"));
    const first = sentence.spans[0];
    if (!first) return;
    // Scroll only when the sentence is out of comfortable sight: under the sticky player,
    // or near the bottom of the screen.
    const rect = first.getBoundingClientRect();
    const top = box.getBoundingClientRect().bottom + 8;
    if (rect.top < top || rect.bottom > window.innerHeight - 80) {
      first.scrollIntoView({ block: "center", behavior: reducedMotion() ? "auto" : "smooth" });
    }
  };
  const show = () => {
    const active = state !== "idle";
    box.classList.toggle("read-aloud--active", active);
    box.classList.toggle("read-aloud--playing", state === "playing");
    stopButton.hidden = !active;
    playLabel.textContent = state === "playing" ? texts.pause : state === "paused" ? texts.resume : texts.listen;
    iconPlay.toggleAttribute("hidden", state === "playing");
    iconPause.toggleAttribute("hidden", state !== "playing");
    if (state === "playing") say(texts.playing);
    if (state === "paused") say(texts.paused);
  };
  const showRate = () => {
    rates.forEach((button) => {
      button.setAttribute("aria-pressed", String(Number(button.dataset.rate) === rate));
    });
  };

  // ----- Speaking -----
  const speak = (at) => {
    turn += 1;
    const mine = turn;
    // Only when something is being said: Chrome may drop an utterance spoken straight after
    // a needless cancel().
    if (synth.speaking || synth.pending) synth.cancel();
    if (at >= sentences.length) {
      finish(texts.finished);
      return;
    }
    index = at;
    state = "playing";
    show();
    highlight(sentences[at]);
    utterance = new SpeechSynthesisUtterance(sentences[at].text);
    utterance.voice = voice;
    utterance.lang = voice.lang || "zh-CN";
    utterance.rate = rate;
    utterance.onend = () => {
      if (mine === turn && state === "playing") speak(index + 1);
    };
    utterance.onerror = (event) => {
      if (mine !== turn || ["interrupted", "canceled"].includes(event.error)) return;
      finish(texts.failed);
    };
    synth.speak(utterance);
  };
  const finish = (message) => {
    turn += 1;
    if (canSpeak) synth.cancel();
    state = "idle";
    index = 0;
    utterance = null;
    clearHighlight();
    show();
    say(message);
  };
  const pause = () => {
    turn += 1;
    synth.cancel();
    state = "paused";
    show();
  };

  // Known when the page opens, said when the reader taps: a warning on every lesson would
  // only be noise to those who never listen.
  const unavailable = ({ quiet = false } = {}) => {
    play.setAttribute("aria-disabled", "true");
    box.classList.add("read-aloud--unavailable");
    if (!quiet) say(canSpeak ? texts.noVoice : texts.noSpeech);
  };

  play.addEventListener("click", async () => {
    if (!canSpeak) return unavailable();
    if (state === "playing") return pause();
    if (state === "paused") return speak(index);
    // Without waiting when the voices are there: some browsers speak only straight from a tap.
    if (!chooseVoice()) await voicesReady;
    if (!chooseVoice()) return unavailable();
    play.removeAttribute("aria-disabled");
    box.classList.remove("read-aloud--unavailable");
    if (prepare().length === 0) return say(texts.finished);
    speak(0);
  });
  stopButton.addEventListener("click", () => {
    finish("");
    play.focus();
  });
  rates.forEach((button) => {
    button.addEventListener("click", () => {
      rate = Number(button.dataset.rate);
      showRate();
      try {
        localStorage.setItem(RATE_KEY, String(rate));
      } catch (error) {
        // Private browsing: the speed holds for this page only.
      }
      // Heard at once: the sentence being read starts again at the new speed.
      if (state === "playing") speak(index);
    });
  });

  // While listening, a tap on a paragraph reads from there (links keep working as links).
  root.addEventListener("click", (event) => {
    if (state === "idle" || !sentences) return;
    if (event.target.closest("a, button, input, select, textarea, label, summary")) return;
    const span = event.target.closest("[data-sentence]");
    let at = span ? Number(span.dataset.sentence) : -1;
    if (at < 0) at = sentences.findIndex((sentence) => sentence.unit.contains(event.target));
    if (at >= 0) speak(at);
  });

  // Leaving the page stops the voice (Chrome would otherwise go on reading the old page).
  window.addEventListener("pagehide", () => {
    if (canSpeak) synth.cancel();
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && state !== "idle") finish("");
  });

  // ----- Start -----
  showRate();
  box.hidden = false;
  if (!canSpeak) {
    unavailable({ quiet: true });
  } else {
    synth.cancel(); // what an earlier page left in the queue
    voicesReady.then(() => {
      if (!voice) unavailable({ quiet: true });
    });
  }
})();
