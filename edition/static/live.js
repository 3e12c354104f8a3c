// Injected by `build.py serve` only, never part of the published edition: reloads the page when a
// rebuild succeeds and shows the build's errors over the page when it fails.
(function () {
  "use strict";
  var OVERLAY = "edition-build-errors";
  var version = null;

  function removeOverlay() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function showOverlay(problems) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    var s = box.style;
    s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
    s.background = "rgba(20, 20, 20, 0.94)"; s.color = "#fff"; s.padding = "2rem";
    s.font = "15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    var title = document.createElement("h2");
    title.textContent = "The last rebuild failed: the page shows the last good build.";
    title.style.color = "#ff8a80"; title.style.font = "bold 18px/1.4 system-ui, sans-serif";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.listStyle = "none"; list.style.padding = "0";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.className = "problem";
      item.style.margin = "0 0 0.8em";
      var where = document.createElement("b");
      where.className = "where";
      where.textContent = p.where;
      item.appendChild(where);
      item.appendChild(document.createTextNode(": " + p.severity + ": " + p.message + (p.hint ? " (" + p.hint + ")" : "")));
      list.appendChild(item);
    });
    box.appendChild(list);
    var hint = document.createElement("p");
    hint.textContent = "Fix the file and save it: this notice goes away by itself.";
    box.appendChild(hint);
    document.body.appendChild(box);
  }

  var source = new EventSource("/__edition__/events");
  source.onmessage = function (event) {
    var status = JSON.parse(event.data);
    if (status.errors.length) {
      showOverlay(status.errors);
    } else if (version !== null && status.version !== version) {
      location.reload();
      return;
    } else {
      removeOverlay();
    }
    version = status.version;
  };
})();
