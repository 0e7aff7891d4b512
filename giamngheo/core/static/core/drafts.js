/* Typed input is never lost to a refusal or an ended session.
 *
 * On submit, a POST form's visible values are kept in this tab (sessionStorage, never the
 * server, never other tabs). If the next page is a refusal (403, CSRF failure, 500) or the
 * sign-in page (its body carries data-keep-draft), the draft is kept and filled back in when the
 * person opens the same form again; any other next page means the server took the form
 * (saved it, or showed it again with its errors and values), so the draft is dropped.
 * Passwords, files and hidden fields are never kept.
 */
(function () {
  "use strict";
  var KEY = "giamngheo.drafts";
  var MAX_AGE_MS = 12 * 3600 * 1000;

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function store(drafts) {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(drafts)); } catch (e) { /* full or off */ }
  }
  function formKey(form) {
    return window.location.pathname + "|" + (form.getAttribute("action") || "");
  }
  function keptFields(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.hasAttribute("data-no-draft")) { return; }
      var type = (el.type || "").toLowerCase();
      if (["hidden", "password", "file", "submit", "button", "reset"].indexOf(type) >= 0) { return; }
      if ((type === "checkbox" || type === "radio") && !el.checked) { return; }
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { fields.push([el.name, o.value]); });
        return;
      }
      fields.push([el.name, el.value]);
    });
    return fields;
  }
  function wanted(form) {
    return (form.method || "").toLowerCase() === "post" && !form.hasAttribute("data-no-draft");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!wanted(form)) { return; }
    var fields = keptFields(form);
    if (!fields.length) { return; }
    var drafts = load();
    drafts[formKey(form)] = { fields: fields, state: "sent", at: Date.now() };
    store(drafts);
  }, true);

  function restore(form, fields) {
    var used = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      var type = (el.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") { el.checked = false; }
    });
    fields.forEach(function (pair) {
      var name = pair[0], value = pair[1];
      var els = Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
      if (!els.length) { return; }
      var type = (els[0].type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        els.forEach(function (el) { if (el.value === value) { el.checked = true; } });
      } else if (els[0].tagName === "SELECT" && els[0].multiple) {
        Array.prototype.forEach.call(els[0].options, function (o) { if (o.value === value) { o.selected = true; } });
      } else {
        var i = used[name] || 0;
        if (els[i]) { els[i].value = value; }
        used[name] = i + 1;
      }
    });
  }

  function notice(form) {
    var text = document.body.getAttribute("data-draft-notice");
    if (!text) { return; }
    var p = document.createElement("p");
    p.className = "error-box draft-restored";
    p.setAttribute("role", "status");
    p.textContent = text;
    form.parentNode.insertBefore(p, form);
  }

  var keep = document.body.hasAttribute("data-keep-draft");
  var drafts = load();
  var now = Date.now();
  Object.keys(drafts).forEach(function (key) {
    var d = drafts[key];
    if (now - d.at > MAX_AGE_MS) { delete drafts[key]; return; }
    if (d.state === "sent") {
      if (keep) { d.state = "kept"; } else { delete drafts[key]; }
    }
  });
  if (!keep) {
    Array.prototype.forEach.call(document.forms, function (form) {
      var key = formKey(form);
      if (wanted(form) && drafts[key] && drafts[key].state === "kept") {
        restore(form, drafts[key].fields);
        notice(form);
        delete drafts[key];
      }
    });
  }
  store(drafts);
}());
