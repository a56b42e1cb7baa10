/* Fact-check workbench: small progressive enhancements, no build step, no inline script (CSP).
   - select words in the article text to fill the "Add a claim" form with their exact offsets;
   - keyboard shortcuts (j/k/e/v/?) that never fire while typing;
   - live updates (htmx polling) that wait while the reviewer is busy and keep open rows open. */
(function () {
  "use strict";

  // ---- Offsets: every piece of article text sits in <span data-o="offset">; offsets count code points
  // (as Python does), so a selection across emoji or accents maps to the same characters on the server.
  function codePoints(text) { return Array.from(text).length; }

  function offsetOf(node, offset) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!el) return null;
    if (node.nodeType !== Node.TEXT_NODE) {
      // A boundary between elements: use the text piece right after it, or the end of the one before.
      var child = node.childNodes[offset];
      var after = child && (child.matches && child.matches("[data-o]") ? child : child.querySelector && child.querySelector("[data-o]"));
      if (after) return parseInt(after.dataset.o, 10);
      return null;
    }
    var piece = el.closest("[data-o]");
    if (!piece) {
      // Inside a claim number: snap to the text that follows the number.
      var mark = el.closest("mark");
      var next = mark && mark.querySelector("[data-o]");
      return next ? parseInt(next.dataset.o, 10) : null;
    }
    return parseInt(piece.dataset.o, 10) + codePoints(node.data.slice(0, offset));
  }

  function selectionToForm() {
    var text = document.querySelector("[data-article-text]");
    var form = document.getElementById("add-claim-form");
    if (!text || !form) return;
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    var words = Array.from(range.cloneContents().querySelectorAll(".claim-num")).reduce(function (acc, n) {
      return acc.replace(n.textContent, "");
    }, range.toString());
    form.querySelector("[name=start]").value = start;
    form.querySelector("[name=end]").value = end;
    form.querySelector("[name=text]").value = words.trim();
  }
  document.addEventListener("selectionchange", selectionToForm);
  document.addEventListener("input", function (event) {
    // Typing or pasting the words by hand: let the server find them.
    if (event.target && event.target.id === "add-claim-text") {
      document.getElementById("add-claim-start").value = "";
      document.getElementById("add-claim-end").value = "";
    }
  });

  // ---- Keyboard shortcuts
  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function rows() { return Array.from(document.querySelectorAll("[data-claim-row]")).filter(function (row) { return row.offsetParent !== null; }); }

  function currentRow() {
    var active = document.activeElement && document.activeElement.closest && document.activeElement.closest("[data-claim-row]");
    return active || document.querySelector("[data-claim-row].is-current");
  }

  function selectRow(row) {
    document.querySelectorAll(".is-current").forEach(function (el) { el.classList.remove("is-current"); });
    row.classList.add("is-current");
    var summary = row.querySelector("summary");
    if (summary) summary.focus();
    var span = document.getElementById(row.dataset.span);
    if (span) {
      span.classList.add("is-current");
      span.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    var list = rows();
    if (list.length) {
      var index = list.indexOf(currentRow());
      var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
      selectRow(list[next]);
      return;
    }
    var link = document.getElementById(step > 0 ? "next-claim" : "prev-claim");
    if (link) window.location.assign(link.href);
  }

  function goTo(fragment, fieldId) {
    var row = currentRow();
    if (row) { window.location.assign(row.dataset.claimUrl + fragment); return; }
    var field = document.getElementById(fieldId);
    if (field) { field.scrollIntoView({ block: "center" }); field.focus(); }
  }

  function toggleHelp() {
    var dialog = document.getElementById("shortcuts-help");
    if (!dialog) return;
    if (dialog.open) dialog.close(); else dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var dialog = document.getElementById("shortcuts-help");
    if (dialog && dialog.open && event.key !== "?") return;
    var actions = {
      j: function () { move(1); },
      k: function () { move(-1); },
      e: function () { goTo("#attach", "id_url"); },
      v: function () { goTo("#verdict-form", "id_rating"); },
      "?": toggleHelp,
    };
    var action = actions[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-shortcuts-help]");
    if (button) toggleHelp();
  });

  // ---- Live updates: skip a poll while the reviewer is typing or selecting in the live region,
  // and keep the rows she opened open (and the checkbox she ticked ticked) across the swap.
  function busy(region) {
    var active = document.activeElement;
    if (active && region.contains(active) && typing(active)) return true;
    var sel = window.getSelection();
    return !!(sel && !sel.isCollapsed && sel.rangeCount && region.contains(sel.getRangeAt(0).startContainer));
  }
  var kept = { open: [], checked: [] };
  document.addEventListener("htmx:beforeRequest", function (event) {
    var region = event.detail.elt;
    if (!region || !region.hasAttribute || !region.hasAttribute("data-live")) return;
    if (busy(region)) { event.preventDefault(); return; }
    kept.open = Array.from(region.querySelectorAll("details[open][data-keep-open]")).map(function (d) { return d.dataset.keepOpen; });
    kept.checked = Array.from(region.querySelectorAll("input[type=checkbox][id]:checked")).map(function (c) { return c.id; });
    kept.focus = document.activeElement && region.contains(document.activeElement) ? document.activeElement.closest("[data-claim-row]") : null;
    kept.focus = kept.focus ? kept.focus.id : null;
  });
  // A part of the page swapped in by a live check (out of band) is left alone while it holds a field the
  // reviewer has edited or is typing in: what she typed is never replaced.
  function edited(region) {
    return Array.from(region.querySelectorAll("input, textarea, select")).some(function (field) {
      if (field === document.activeElement && typing(field)) return true;
      if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT") return Array.from(field.options).some(function (o) { return o.selected !== o.defaultSelected; });
      return field.type !== "hidden" && field.value !== field.defaultValue;
    });
  }
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    if (event.detail.target && edited(event.detail.target)) event.detail.shouldSwap = false;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.detail.elt;
    if (!region || !region.isConnected) region = document.getElementById("extraction");
    if (!region) return;
    kept.open.forEach(function (key) {
      var d = region.querySelector('details[data-keep-open="' + key + '"]');
      if (d) d.open = true;
    });
    kept.checked.forEach(function (id) { var c = document.getElementById(id); if (c) c.checked = true; });
    if (kept.focus) { var row = document.getElementById(kept.focus); if (row) selectRow(row); }
  });
})();
