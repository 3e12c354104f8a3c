/* Search: Pagefind's index when the site is served over http(s); from file://, where browsers
   forbid Pagefind's fetches, the fallback index assets/search-index.js (written by edition/search.py). */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  /* A result links to the nearest element of these kinds before its match: the rule of edition/search.py. */
  var ANCHOR_TAGS = ["div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6"];
  var MAX_PLACES = 12;
  var engine = null;

  function chosenFilters() {
    var filters = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  function loadEngine() {
    if (!engine) {
      var pagefind = location.protocol === "file:" ? Promise.reject(new Error("file://")) : pagefindEngine();
      engine = pagefind.catch(fallbackEngine);
    }
    return engine;
  }

  /* Pagefind: the index comes in bundles (pagefind/bundles.json lists them), merged here into one.
     Result URLs are asked for from the site's root ("/…") and made relative to this page, which sits
     at the root, so the same output works under any sub-path. */
  function pagefindEngine() {
    var manifest = new URL(form.getAttribute("data-pagefind"), location.href);
    return fetch(manifest).then(function (response) {
      if (!response.ok) throw new Error("no search bundles");
      return response.json();
    }).then(function (listed) {
      var bundles = listed.bundles.map(function (bundle) { return new URL(bundle, manifest).href; });
      if (!bundles.length) throw new Error("no search bundles");
      return import(bundles[0] + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: "/" }).then(function () {
          return Promise.all(bundles.slice(1).map(function (bundle) {
            return pagefind.mergeIndex(bundle, { baseUrl: "/" });
          }));
        }).then(function () { return pagefind; });
      });
    }).then(function (pagefind) {
      return { search: function (query, filters) {
        return pagefind.search(query || null, { filters: filters }).then(function (found) {
          return Promise.all(found.results.slice(0, 50).map(function (result) { return result.data(); }));
        }).then(function (pages) {
          var span = 2 * terms(query || "").length;
          return pages.map(function (data) { return pagefindResult(data, span); });
        });
      } };
    });
  }

  function pagefindResult(data, span) {
    var anchors = (data.anchors || []).filter(function (a) { return ANCHOR_TAGS.indexOf(a.element) >= 0 && a.id; });
    var locations = data.locations || [], places = [], best = "", densest = 0;
    locations.forEach(function (location) {
      var before = anchors.filter(function (a) { return a.location <= location; });
      var id = before.length ? before[before.length - 1].id : "";
      if (!id) return;
      if (places.indexOf(id) < 0) places.push(id);
      /* The title links to where matches lie closest together, as a phrase would. */
      var near = locations.filter(function (other) { return other >= location && other - location <= span; }).length;
      if (near > densest) { densest = near; best = id; }
    });
    return { url: data.url.replace(/^\//, ""), title: (data.meta && data.meta.title) || data.url,
             excerpt: data.excerpt, best: best, places: places };
  }

  function fallbackEngine() {
    return new Promise(function (resolve, reject) {
      if (window.EDITION_SEARCH_INDEX) return resolve(window.EDITION_SEARCH_INDEX);
      var script = document.createElement("script");
      script.src = form.getAttribute("data-fallback");
      script.onload = function () { resolve(window.EDITION_SEARCH_INDEX); };
      script.onerror = function () { reject(new Error("no search index")); };
      document.head.appendChild(script);
    }).then(function (index) {
      var words = index.words.split(" ");
      index.sections = [];
      index.pages.forEach(function (page, number) {
        page[3].split(" ").forEach(function (anchor) { index.sections.push([number, anchor]); });
      });
      return { search: function (query, filters) { return Promise.resolve(searchFallback(index, words, query, filters)); } };
    });
  }

  /* Lower case, accents dropped, letters and digits only: as edition/search.py folds the pages' words. */
  function terms(query) {
    return query.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function postings(index, words, term) {
    var low = 0, high = words.length, found = new Set();
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < term) low = middle + 1; else high = middle;
    }
    for (var w = low; w < words.length && words[w].lastIndexOf(term, 0) === 0; w++) {
      var section = 0;
      index.postings[w].split(",").forEach(function (delta) { section += parseInt(delta, 36); found.add(section); });
    }
    return found;
  }

  function passes(page, filters) {
    return Object.keys(filters).every(function (name) {
      return (page[2][name] || []).indexOf(filters[name]) >= 0;
    });
  }

  /* Pages holding every term (as a word or the start of one); in each, the sections holding the most. */
  function searchFallback(index, words, query, filters) {
    var sets = terms(query).map(function (term) { return postings(index, words, term); });
    var byPage = new Map();
    index.pages.forEach(function (page, number) { if (passes(page, filters)) byPage.set(number, []); });
    if (!sets.length) {
      return Array.from(byPage.keys()).map(function (number) { return fallbackResult(index.pages[number], []); });
    }
    var hits = new Map();
    sets.forEach(function (set, term) {
      set.forEach(function (section) {
        var page = index.sections[section][0];
        if (!byPage.has(page)) return;
        if (!hits.has(page)) hits.set(page, new Map());
        var counts = hits.get(page);
        counts.set(section, (counts.get(section) || 0) | (1 << Math.min(term, 30)));
      });
    });
    var all = (1 << Math.min(sets.length, 31)) - 1;
    var results = [];
    hits.forEach(function (counts, page) {
      var union = 0, full = [];
      counts.forEach(function (mask, section) { union |= mask; if (mask === all) full.push(section); });
      if (union !== all) return;
      var sections = full.length ? full : Array.from(counts.keys());
      sections.sort(function (a, b) { return a - b; });
      results.push({ page: page, full: full.length, result: fallbackResult(index.pages[page],
        sections.map(function (s) { return index.sections[s][1]; })) });
    });
    results.sort(function (a, b) { return b.full - a.full || a.page - b.page; });
    return results.map(function (r) { return r.result; });
  }

  function fallbackResult(page, places) {
    return { url: page[0], title: page[1], excerpt: "", best: "", places: places.filter(Boolean) };
  }

  function placeLabel(id) {
    var paragraph = /^p(\d+)$/.exec(id);
    return paragraph ? "¶\u00a0" + paragraph[1] : null;
  }

  /* Pagefind's excerpt is escaped text with <mark> around matches: only those two are kept. */
  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var paragraph = document.createElement("p");
    paragraph.className = "excerpt";
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function show(results, query) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      var best = result.best || result.places[0];
      link.href = result.url + (best ? "#" + best : "");
      link.textContent = result.title;
      heading.appendChild(link);
      item.appendChild(heading);
      if (result.excerpt) item.appendChild(excerptNodes(result.excerpt));
      var paragraphs = result.places.filter(placeLabel).slice(0, MAX_PLACES);
      if (paragraphs.length) {
        var places = document.createElement("p");
        places.className = "places";
        places.appendChild(document.createTextNode("Found in "));
        paragraphs.forEach(function (id) {
          var place = document.createElement("a");
          place.href = result.url + "#" + id;
          place.textContent = placeLabel(id);
          places.appendChild(place);
        });
        item.appendChild(places);
      }
      list.appendChild(item);
    });
    var count = results.length === 1 ? "1 page" : results.length + " pages";
    status.textContent = query ? count + " found for “" + query + "”." : count + " found.";
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    loadEngine().then(function (found) { return found.search(query, filters); }).then(function (results) {
      show(results, query);
    }, function () {
      status.textContent = "Search is not available: this copy of the edition was built without its search index.";
    });
  }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      select.value = params.get(select.name) || "";
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
    });
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    writeAddress();
    run();
  });
  form.querySelectorAll("select[data-filter]").forEach(function (select) {
    select.addEventListener("change", function () { writeAddress(); run(); });
  });
  readAddress();
  run();
})();
