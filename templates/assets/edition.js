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

  /* Narrow screens: a reference opens its entry in place, in a popover (no layout shift). */
  function glossaryPopovers() {
    var text = document.getElementById("text");
    if (!text || !("popover" in HTMLElement.prototype)) return;
    var pop = document.createElement("div");
    pop.className = "gloss-pop";
    pop.setAttribute("popover", "auto");
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", "Glossary entry");
    document.body.appendChild(pop);
    text.addEventListener("click", function (event) {
      var ref = event.target.closest(".gref");
      if (!ref || WIDE.matches) return;
      var entry = document.getElementById("g-" + ref.dataset.key);
      if (!entry) return;
      event.preventDefault();
      pop.replaceChildren();
      var dl = document.createElement("dl");
      dl.append(entry.querySelector("dt").cloneNode(true), entry.querySelector("dd").cloneNode(true));
      pop.append(dl);
      var box = ref.getBoundingClientRect();
      pop.style.left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8)) + "px";
      pop.style.top = (box.bottom + window.scrollY + 6) + "px";
      pop.showPopover();
      var rect = pop.getBoundingClientRect();
      var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - rect.width - 8));
      pop.style.left = (left + window.scrollX) + "px";
      pop.focus && pop.setAttribute("tabindex", "-1");
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
      document.querySelectorAll(".row.is-cited").forEach(function (r) { r.classList.remove("is-cited"); });
      if (!m) { block.hidden = true; return; }
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

  /* Wide screens: place each aside level with its paragraph, pushed down only by the one above. */
  function layoutSideColumn() {
    var text = document.getElementById("text");
    if (!text) return;
    var GAP = 12;
    function layout() {
      var rows = text.querySelectorAll(".row");
      text.classList.toggle("side-js", WIDE.matches);
      text.style.minHeight = "";
      if (!WIDE.matches) {
        rows.forEach(function (row) { var s = row.querySelector(":scope > .side"); if (s) s.style.top = ""; });
        return;
      }
      var floor = 0;
      rows.forEach(function (row) {
        var side = row.querySelector(":scope > .side");
        if (!side) return;
        var top = Math.max(row.offsetTop, floor);
        side.style.top = (top - row.offsetTop) + "px";
        floor = top + side.offsetHeight + GAP;
      });
      if (floor > text.offsetHeight) text.style.minHeight = floor + "px";
    }
    layout();
    WIDE.addEventListener("change", layout);
    window.addEventListener("resize", layout);
    document.querySelectorAll('.modes input').forEach(function (r) { r.addEventListener("change", layout); });
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(layout);
  }

  rememberMode();
  layoutSideColumn();
  linkReferencesToEntries();
  glossaryPopovers();
  copyButtons();
  citeParagraph();
})();
