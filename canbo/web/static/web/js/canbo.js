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

  /* dd/mm/yyyy inputs: typing 05091978 becomes 05/09/1978 when leaving the field. */
  document.addEventListener("focusout", function (event) {
    var el = event.target;
    if (!el.classList || !el.classList.contains("vn-date")) { return; }
    var digits = el.value.trim();
    if (/^\d{8}$/.test(digits)) {
      el.value = digits.slice(0, 2) + "/" + digits.slice(2, 4) + "/" + digits.slice(4);
    } else if (/^\d{6}$/.test(digits) && el.dataset.partial !== undefined) {
      el.value = digits.slice(0, 2) + "/" + digits.slice(2);
    }
  });

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
