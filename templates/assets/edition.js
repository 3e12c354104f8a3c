/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 1100px)");

  /* Reading mode: remember the reader's choice across documents. */
  function rememberMode() {
    var radios = document.querySelectorAll('.modes input[name="mode"]');
    if (!radios.length) return;
    var saved = null;
    try { saved = localStorage.getItem("edition-mode"); } catch (e) { /* storage may be off */ }
    radios.forEach(function (radio) {
      if (saved && radio.value === saved) radio.checked = true;
      radio.addEventListener("change", function () {
        try { localStorage.setItem("edition-mode", radio.value); } catch (e) { /* ignore */ }
      });
    });
  }

  /* Glossary: a reference and its entry beside the text light up together. */
  function linkReferencesToEntries() {
    var text = document.getElementById("text");
    if (!text) return;
    function entriesFor(key) {
      return text.querySelectorAll('.gloss-entry[data-key="' + CSS.escape(key) + '"], .gref[data-key="' + CSS.escape(key) + '"]');
    }
    function toggle(event, on) {
      var el = event.target.closest(".gref, .gloss-entry");
      if (!el) return;
      entriesFor(el.dataset.key).forEach(function (x) { x.classList.toggle("is-active", on); });
    }
    ["mouseover", "focusin"].forEach(function (type) { text.addEventListener(type, function (e) { toggle(e, true); }); });
    ["mouseout", "focusout"].forEach(function (type) { text.addEventListener(type, function (e) { toggle(e, false); }); });
  }

  /* The full glossary entry, in place and without layout shift: a tap or click on a name in the text or
     beside it, a hover over an entry beside the text, or keyboard focus on it. Without JavaScript (or
     popovers) the same links lead to the entry. */
  function entryCards() {
    var text = document.getElementById("text");
    if (!text || !("popover" in HTMLElement.prototype)) return;
    var pop = document.createElement("div");
    pop.className = "gloss-pop";
    pop.setAttribute("popover", "auto");
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", "Glossary entry");
    document.body.appendChild(pop);
    var owner = null, timer = 0;

    function fill(key) {
      var entry = document.getElementById("g-" + key);
      if (!entry) return false;
      var dl = document.createElement("dl");
      entry.querySelectorAll("dt, dd").forEach(function (el) { dl.append(el.cloneNode(true)); });
      var more = document.createElement("p");
      var link = entry.querySelector("dt a").cloneNode(false);
      more.className = "more";
      link.textContent = "The full entry, and where else it is met";
      more.append(link);
      pop.replaceChildren(dl, more);
      return true;
    }
    function open(anchor) {
      clearTimeout(timer);
      if (owner === anchor && pop.matches(":popover-open")) return;
      if (!fill(anchor.closest("[data-key]").dataset.key)) return;
      if (pop.matches(":popover-open")) pop.hidePopover();
      pop.showPopover();
      owner = anchor;
      var box = anchor.getBoundingClientRect();
      var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - pop.offsetWidth - 8));
      pop.style.left = (left + window.scrollX) + "px";
      pop.style.top = (box.bottom + window.scrollY + 4) + "px";
    }
    function closeSoon() {
      clearTimeout(timer);
      timer = setTimeout(function () { if (pop.matches(":popover-open")) pop.hidePopover(); }, 250);
    }
    pop.addEventListener("toggle", function (e) { if (e.newState === "closed") owner = null; });
    pop.addEventListener("mouseenter", function () { clearTimeout(timer); });
    pop.addEventListener("mouseleave", closeSoon);
    text.addEventListener("click", function (event) {
      var name = event.target.closest(".gref[data-key], .gloss-label");
      if (!name) return;
      event.preventDefault();
      open(name.closest(".gloss-entry") || name);
    });
    text.addEventListener("mouseover", function (event) {
      var entry = event.target.closest(".gloss-entry");
      if (entry && WIDE.matches && !entry.contains(event.relatedTarget)) open(entry);
    });
    text.addEventListener("mouseout", function (event) {
      var entry = event.target.closest(".gloss-entry");
      if (entry && !entry.contains(event.relatedTarget) && !pop.contains(event.relatedTarget)) closeSoon();
    });
    text.addEventListener("focusin", function (event) {
      if (event.target.matches(".gloss-label")) open(event.target.closest(".gloss-entry"));
    });
    text.addEventListener("focusout", function (event) {
      if (event.target.matches(".gloss-label") && !pop.contains(event.relatedTarget)) closeSoon();
    });
  }

  /* Citations: copy buttons, and the paragraph cited when the page opens on #pN. */
  function copyButtons() {
    document.querySelectorAll("button.copy[data-copy-target]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copyTarget);
        if (!source) return;
        var text = source.dataset.plain || source.textContent.trim();
        var done = function (ok) {
          var status = button.parentElement.querySelector(".copy-status");
          if (status) status.textContent = ok ? "Copied to the clipboard." : "Could not copy: select the text and copy it.";
          button.textContent = ok ? "Copied" : "Copy";
          setTimeout(function () { button.textContent = "Copy"; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
        } else {
          done(fallbackCopy(text));
        }
      });
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  function citeParagraph() {
    var block = document.getElementById("cite-paragraph");
    if (!block) return;
    function update() {
      var m = /^#p(\d+)$/.exec(window.location.hash);
      if (!m) return;  /* another anchor, such as the page's own "Cite" link: the paragraph cited stays */
      document.querySelectorAll(".row.is-cited").forEach(function (r) { r.classList.remove("is-cited"); });
      var n = m[1];
      var row = document.getElementById("p" + n);
      if (row) row.classList.add("is-cited");
      var note = document.getElementById("cite-paragraph-note");
      note.dataset.plain = note.dataset.template.replace("{n}", n);
      note.innerHTML = note.dataset.templateHtml.replace("{n}", n);
      block.querySelectorAll(".cite-paragraph-number").forEach(function (el) { el.textContent = n; });
      block.hidden = false;
    }
    window.addEventListener("hashchange", update);
    update();
  }

  /* Wide screens: what stands beside a paragraph must fit beside it. Notes stay in full; glossary entries
     that would reach past the paragraph are named on its "Also" line instead of on a line of their own,
     last first, so nothing beside one paragraph pushes the next paragraph's notes and entries away. */
  function fitSideColumn() {
    var text = document.getElementById("text");
    if (!text) return;
    function fit() {
      text.querySelectorAll(".gloss-entry.is-fitted").forEach(function (li) { li.classList.remove("is-name", "is-fitted"); });
      if (!WIDE.matches) return;
      text.querySelectorAll(".row").forEach(function (row) {
        var side = row.querySelector(":scope > .side"), block = row.querySelector(":scope > .block");
        if (!side) return;
        var lines = Array.prototype.slice.call(side.querySelectorAll(".gloss-entry:not(.is-name)"));
        while (lines.length && side.offsetHeight > block.offsetHeight) lines.pop().classList.add("is-name", "is-fitted");
      });
    }
    fit();
    WIDE.addEventListener("change", fit);
    window.addEventListener("resize", fit);
    document.querySelectorAll(".modes input").forEach(function (r) { r.addEventListener("change", fit); });
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fit);
  }

  rememberMode();
  fitSideColumn();
  linkReferencesToEntries();
  entryCards();
  copyButtons();
  citeParagraph();
})();
