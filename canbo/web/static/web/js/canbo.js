/* canbo: small behaviours on top of server-rendered pages. Every page works without this file. */
(function () {
  "use strict";

  /* Searchable picker: turns a <select> holding only the chosen option into a combobox fed by JSON. */
  function picker(source) {
    return {
      source: source,
      query: "",
      results: [],
      open: false,
      active: -1,
      loading: false,
      stale: false,
      pendingEnter: false,
      timer: null,
      seq: 0,
      init: function () {
        var select = this.$refs.select;
        var chosen = select.options[select.selectedIndex];
        this.query = chosen && chosen.value ? chosen.text : "";
        select.classList.add("d-none");
        select.tabIndex = -1;
        var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
        if (label) { label.htmlFor = this.$refs.input.id; }
        if (select.classList.contains("is-invalid")) { this.$refs.input.classList.add("is-invalid"); }
      },
      search: function () {
        var self = this;
        clearTimeout(this.timer);
        this.stale = true;  /* the shown results no longer match what is typed */
        this.seq++;  /* and answers still on their way are for an older query */
        this.timer = setTimeout(function () { self.fetch(); }, 180);
      },
      fetch: function () {
        var self = this;
        var seq = ++this.seq;
        this.loading = true;
        var url = this.source + (this.source.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(this.query);
        window.fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            if (seq !== self.seq) { return; }
            self.results = data.results || [];
            self.active = self.results.length ? 0 : -1;
            self.open = true;
            self.loading = false;
            self.stale = false;
            if (self.pendingEnter) {  /* Enter was pressed before these results arrived */
              self.pendingEnter = false;
              if (self.results.length) { self.choose(self.results[0]); }
            }
          })
          .catch(function () { self.loading = false; });
      },
      focus: function () { if (!this.open) { this.fetch(); } },
      move: function (step) {
        if (!this.open) { this.fetch(); return; }
        var n = this.results.length;
        if (!n) { return; }
        this.active = (this.active + step + n) % n;
        var el = this.$refs.menu && this.$refs.menu.querySelector('[data-index="' + this.active + '"]');
        if (el) { el.scrollIntoView({ block: "nearest" }); }
      },
      enter: function (event) {
        if (this.stale || this.loading) { event.preventDefault(); this.pendingEnter = true; return; }
        if (this.open && this.active >= 0 && this.results[this.active]) {
          event.preventDefault();
          this.choose(this.results[this.active]);
        }
      },
      choose: function (item) {
        var select = this.$refs.select;
        select.innerHTML = "";
        var empty = document.createElement("option");
        empty.value = "";
        select.appendChild(empty);
        if (item) {
          var option = document.createElement("option");
          option.value = item.id;
          option.text = item.text;
          option.selected = true;
          select.appendChild(option);
          this.query = item.text;
        } else {
          this.query = "";
        }
        this.open = false;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      },
      blur: function () {
        var self = this;
        setTimeout(function () {
          self.open = false;
          var select = self.$refs.select;
          if (!self.query.trim() && select.value) { self.choose(null); }
          else if (select.value) { self.query = select.options[select.selectedIndex].text; }
          else if (self.query.trim()) { self.query = ""; }
        }, 150);
      },
      optionId: function (index) { return this.$refs.input.id + "-opt-" + index; }
    };
  }

  document.addEventListener("alpine:init", function () {
    window.Alpine.data("picker", picker);
    /* Collapsible unit tree: remembers which nodes are open across htmx swaps and reloads. */
    window.Alpine.data("tree", function (storageKey) {
      var saved = {};
      try { saved = JSON.parse(window.sessionStorage.getItem(storageKey) || "{}"); } catch (e) { saved = {}; }
      return {
        openNodes: saved,
        isOpen: function (id, depth) { return id in this.openNodes ? this.openNodes[id] : depth < 1; },
        toggle: function (id, depth) {
          this.openNodes[id] = !this.isOpen(id, depth);
          window.sessionStorage.setItem(storageKey, JSON.stringify(this.openNodes));
        },
        setAll: function (value) {
          var self = this;
          document.querySelectorAll("[data-node]").forEach(function (el) { self.openNodes[el.dataset.node] = value; });
          window.sessionStorage.setItem(storageKey, JSON.stringify(this.openNodes));
        }
      };
    });
  });

  /* Filter forms marked data-drop-empty send (and push into the address bar) only the fields that are set. */
  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    var form = source && source.closest ? source.closest("form[data-drop-empty]") : null;
    if (!form || event.detail.verb !== "get") { return; }
    var data = event.detail.formData;
    if (!data || typeof data.keys !== "function") { return; }
    var empty = [];
    data.forEach(function (value, key) { if (value === "") { empty.push(key); } });
    empty.forEach(function (key) { data.delete(key); });
  });

  /* The as-of form keeps the page's current filters; htmx may have changed them since the page loaded. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("cb-asof")) { return; }
    form.querySelectorAll("input[type=hidden]").forEach(function (el) { el.remove(); });
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (key === "as_of" || key === "page") { return; }
      var input = document.createElement("input");
      input.type = "hidden"; input.name = key; input.value = value;
      form.appendChild(input);
    });
  });

  /* dd/mm/yyyy inputs: 05091978 becomes 05/09/1978 when leaving the field or submitting the form. */
  function expandDate(el) {
    var digits = el.value.trim();
    if (/^\d{8}$/.test(digits)) {
      el.value = digits.slice(0, 2) + "/" + digits.slice(2, 4) + "/" + digits.slice(4);
    }
  }
  document.addEventListener("focusout", function (event) {
    if (event.target.classList && event.target.classList.contains("vn-date")) { expandDate(event.target); }
  });
  document.addEventListener("submit", function (event) {
    event.target.querySelectorAll(".vn-date").forEach(expandDate);
  }, true);

  /* "/" focuses the page's search box; Escape leaves it. */
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    var typing = tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable;
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.querySelector("[data-hotkey='/']");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    } else if (event.key === "Escape" && typing && event.target.matches("[data-hotkey='/']")) {
      event.target.blur();
    }
  });
})();
