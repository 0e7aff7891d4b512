/* The field app: search the offline copy of the user's area, open a household, fill the pages'
   own forms without signal; entries go to the outbox (outbox.js) and are sent when online. */
"use strict";
(() => {
  const root = document.getElementById("field-app");
  if (!root) return;
  const $ = (sel, el = root) => el.querySelector(sel);
  const $$ = (sel, el = root) => Array.from(el.querySelectorAll(sel));
  const msg = (name) => root.dataset["msg" + name] || "";
  const user = root.dataset.user;
  const api = root.dataset.api;
  const DAY = 86400000;
  const BOOLEAN = new Set(["has_house", "walls_durable", "frame_durable", "roof_durable", "any_member_uses_telephone",
    "any_member_uses_internet", "has_television", "has_radio", "has_computer", "has_phone", "has_tablet",
    "hears_public_loudspeaker"]);
  const NUMBER = new Set(["income_per_capita", "floor_area_m2", "birth_year"]);
  const MEMBER_FIELDS = ["full_name", "relation", "sex", "date_of_birth", "birth_year", "ethnicity"];
  const state = { meta: null, households: [], current: null, editing: null };

  const notice = (text) => { $("[data-notice]").textContent = text || ""; };
  const el = (tag, text, attrs = {}) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  };
  const label = (kind, value) => {
    const found = ((state.meta && state.meta.choices[kind]) || []).find((c) => c[0] === value);
    return found ? found[1] : value || "";
  };

  /* --- the offline copy -------------------------------------------------------------- */

  function searchText(record, meta) {
    const head = meta.householdColumns.indexOf("head_name");
    const name = meta.memberColumns.indexOf("full_name");
    return FieldDB.fold([record.code, record.row[head], ...record.members.map((m) => m[name])].join(" "));
  }

  async function download() {
    notice("");
    let response;
    try {
      response = await fetch(root.dataset.copyUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
    } catch (e) {
      return notice(msg("DownloadFailed"));
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) return notice(data.detail || (data.commune || [])[0] || msg("DownloadFailed"));
    const meta = { user: data.user, generatedAt: data.generated_at, householdColumns: data.household_columns,
      memberColumns: data.member_columns, villages: data.villages, tasks: data.tasks, surveys: data.surveys,
      choices: data.choices, wipeAfterDays: data.wipe_after_days, count: data.households.length };
    const byCode = new Map();
    const records = data.households.map((row) => { const r = { code: row[0], row, members: [] }; byCode.set(r.code, r); return r; });
    const owner = meta.memberColumns.indexOf("household__code");
    data.members.forEach((m) => { const r = byCode.get(m[owner]); if (r) r.members.push(m); });
    records.forEach((r) => { r.search = searchText(r, meta); });
    await FieldDB.replaceAll("households", records);
    await FieldDB.put("meta", meta, "copy");
    await FieldDB.put("meta", Date.now(), "authAt");
    await load();
  }

  async function load() {
    state.meta = (await FieldDB.get("meta", "copy")) || null;
    state.households = state.meta ? await FieldDB.all("households") : [];
    const info = $("[data-copy-info]");
    info.textContent = state.meta
      ? msg("Copy").replace("{n}", state.meta.count).replace("{when}", new Date(state.meta.generatedAt).toLocaleString("vi-VN"))
      : msg("NoCopy");
    renderTasks();
  }

  async function wipeCopy() {
    await FieldDB.clear("households");
    await FieldDB.del("meta", "copy");
    notice(msg("Wiped"));
  }

  /* The copy belongs to one user and lives at most N days after the server last saw them. */
  async function enforcePolicy() {
    const meta = await FieldDB.get("meta", "copy");
    if (!meta) return;
    const authAt = (await FieldDB.get("meta", "authAt")) || 0;
    const days = Number(meta.wipeAfterDays || root.dataset.wipeDays || 14);
    if (meta.user !== user || Date.now() - authAt > days * DAY) await wipeCopy();
  }

  function decode(record) {
    const meta = state.meta;
    const h = {};
    meta.householdColumns.forEach((c, i) => { h[c] = record.row[i]; });
    h.members = record.members.map((row) => {
      const m = {};
      meta.memberColumns.forEach((c, i) => { m[c] = row[i]; });
      return m;
    });
    return h;
  }

  /* --- tasks, search, a household ----------------------------------------------------- */

  function householdButton(code) {
    const record = state.households.find((h) => h.code === code);
    const head = record ? record.row[state.meta.householdColumns.indexOf("head_name")] : "";
    const button = el("button", `${code} · ${head}`, { type: "button", "data-code": code });
    return button;
  }

  function renderTasks() {
    const list = $("[data-tasks]");
    list.replaceChildren();
    if (!state.meta) return;
    state.meta.tasks.forEach((t) => {
      const li = el("li", `${label("duty", t.duty)}: ${t.description} `);
      t.households.forEach((code) => li.append(householdButton(code), " "));
      list.append(li);
    });
    state.meta.surveys.forEach((s) => {
      list.append(el("li", "Phiếu A/B: ")).lastChild.append(householdButton(s.household));
    });
  }

  function search(query) {
    const words = FieldDB.fold(query).split(" ").filter(Boolean);
    const list = $("[data-results]");
    list.replaceChildren();
    if (!words.length) return;
    state.households.filter((h) => words.every((w) => h.search.includes(w))).slice(0, 30)
      .forEach((h) => { const li = el("li"); li.append(householdButton(h.code)); list.append(li); });
  }

  function openHousehold(code) {
    const record = state.households.find((h) => h.code === code);
    if (!record) return;
    const h = decode(record);
    state.current = h;
    $("[data-hh-title]").textContent = `${h.code} · ${h.head_name}`;
    const facts = $("[data-hh-facts]");
    facts.replaceChildren();
    const village = (state.meta.villages.find((v) => v[0] === h.village__code) || [])[1] || "";
    [["Thôn", village], ["Địa chỉ", h.address], ["Điện thoại", h.phone], ["Phiên bản", h.version]]
      .forEach(([k, v]) => facts.append(el("dt", k), el("dd", v)));
    const body = $("[data-hh-members] tbody");
    body.replaceChildren();
    h.members.forEach((m) => {
      const tr = el("tr");
      [m.full_name, label("relation", m.relation), m.date_of_birth || m.birth_year || "", m.citizen_id || ""]
        .forEach((v) => tr.append(el("td", v)));
      body.append(tr);
    });
    $("[data-open=survey]").hidden = !surveyTarget(code);
    $$("form[data-form]").forEach((f) => { f.hidden = true; });
    $("[data-view=household]").hidden = false;
    $("[data-view=household]").scrollIntoView();
  }

  const surveyTarget = (code) => state.meta && state.meta.surveys.find((s) => s.household === code);

  /* --- forms ------------------------------------------------------------------------ */

  function values(form, skip) {
    const data = {};
    Array.from(form.elements).forEach((e) => {
      if (!e.name || e.type === "file" || e.type === "submit" || e.name === "csrfmiddlewaretoken") return;
      if (skip && skip.contains(e)) return;
      const name = e.name.replace(/^hh-/, "");
      if (e.type === "checkbox") {
        data[name] = data[name] || [];
        if (e.checked) data[name].push(e.value);
      } else if (e.type === "radio") {
        if (e.checked || !(name in data)) data[name] = e.checked ? e.value : data[name] || "";
      } else {
        data[name] = e.value;
      }
    });
    return data;
  }

  function fill(form, data, prefix = "") {
    Object.entries(data).forEach(([name, value]) => {
      form.querySelectorAll(`[name="${prefix}${name}"]`).forEach((e) => {
        if (e.type === "checkbox") e.checked = Array.isArray(value) ? value.includes(e.value) : !!value;
        else if (e.type === "radio") e.checked = e.value === value;
        else if (e.type !== "file") e.value = value === null || value === undefined ? (BOOLEAN.has(name) ? "unknown" : "") : String(value);
      });
    });
  }

  function memberRow(member) {
    const row = $("[data-member-template]").content.firstElementChild.cloneNode(true);
    if (member && member.id) row.dataset.id = member.id;
    fill(row, member || {}, "m-");
    $("[data-members]").append(row);
  }

  function openForm(kind, data) {
    const form = $(`form[data-form=${kind}]`);
    form.reset();
    $$("form[data-form]").forEach((f) => { f.hidden = f !== form; });
    if (kind === "household") {
      fill(form, state.current, "hh-");
      $("[data-members]").replaceChildren();
      (data ? data.members || state.current.members : state.current.members).forEach(memberRow);
    }
    if (data) fill(form, data, kind === "household" ? "hh-" : "");
    form.scrollIntoView();
  }

  function typed(name, value) {
    if (BOOLEAN.has(name)) return value === "true" ? true : value === "false" ? false : null;
    if (NUMBER.has(name)) return value === "" ? null : Number(value);
    if (name === "date_of_birth") return value || null;
    return value;
  }

  function householdBody(form) {
    const h = state.current;
    const body = { version: h.version };
    Object.entries(values(form, $("[data-members]"))).forEach(([name, value]) => {
      const v = typed(name, value);
      if (String(v ?? "") !== String(h[name] ?? "")) body[name] = v;
    });
    const members = $$(".member-row", form).map((row) => {
      const m = row.dataset.id ? { id: Number(row.dataset.id) } : {};
      MEMBER_FIELDS.forEach((f) => { m[f] = typed(f, row.querySelector(`[name="m-${f}"]`).value); });
      return m;
    });
    const before = h.members.map((m) => MEMBER_FIELDS.map((f) => String(m[f] ?? "")).join("|")).join("\n");
    const after = members.map((m) => MEMBER_FIELDS.map((f) => String(m[f] ?? "")).join("|")).join("\n");
    if (before !== after || members.some((m) => !m.id)) body.members = members;
    return body;
  }

  function entryFor(kind, form) {
    const code = state.current.code;
    const base = { kind, user, household: code, label: `${$("h2", form).textContent} · ${code}` };
    if (kind === "activity") {
      const file = form.querySelector("input[type=file]").files[0];
      return Object.assign(base, { url: api + "hoat-dong/", multipart: true, photo: file || null,
        photoName: file ? file.name : null, body: Object.assign(values(form), { households: [code] }) });
    }
    if (kind === "request") return Object.assign(base, { url: `${api}ho-gia-dinh/${code}/yeu-cau-tro-giup/`, body: values(form) });
    if (kind === "shock") return Object.assign(base, { url: `${api}ho-gia-dinh/${code}/bien-co/`, body: values(form) });
    if (kind === "survey") {
      const t = surveyTarget(code) || {};
      const body = Object.assign(values(form), t.entry ? { entry: t.entry } : { adhoc: t.adhoc, version: t.version });
      return Object.assign(base, { url: api + "phieu-ra-soat/", body });
    }
    return Object.assign(base, { url: `${api}ho-gia-dinh/${code}/`, method: "PATCH", body: householdBody(form) });
  }

  async function save(event) {
    event.preventDefault();
    const form = event.target;
    const entry = entryFor(form.dataset.form, form);
    if (state.editing !== null) await FieldDB.del("outbox", state.editing);
    state.editing = null;
    await Outbox.add(entry);
    form.hidden = true;
    notice(msg("Saved"));
    await renderOutbox();
    if (navigator.onLine) sendNow();
  }

  /* --- sending and results -------------------------------------------------------------- */

  async function checkStatus() {
    try {
      const response = await fetch(root.dataset.statusUrl, { credentials: "same-origin" });
      if (response.status === 401) return "signin";
      const data = await response.json();
      if (data.user !== user) return "signin";
      await FieldDB.put("meta", Date.now(), "authAt");
      return "ok";
    } catch (e) {
      return "offline";
    }
  }

  async function afterSent(entry) {
    if (entry.state !== "accepted" || entry.method !== "PATCH") return;
    const record = state.households.find((h) => h.code === entry.household);
    const cols = state.meta.householdColumns;
    if (record) {
      Object.entries(entry.body).forEach(([k, v]) => { if (cols.includes(k)) record.row[cols.indexOf(k)] = v; });
      record.row[cols.indexOf("version")] = entry.result.version;
      await FieldDB.put("households", record);
    }
    const later = (await FieldDB.all("outbox")).filter((e) => e.state === "waiting" && e.method === "PATCH" && e.household === entry.household);
    for (const e of later) { e.body.version = entry.result.version; await FieldDB.put("outbox", e); }
  }

  async function sendNow() {
    if (!navigator.onLine) return renderOutbox();
    const status = await checkStatus();
    if (status === "signin") notice(msg("Signin"));
    if (status !== "ok") return renderOutbox();
    const result = await Outbox.send(user, afterSent, api + "lo/");
    if (result === "signin") notice(msg("Signin"));
    await renderOutbox();
  }

  function versions(entry) {
    const box = el("div", null, { class: "versions" });
    const server = entry.result.server;
    const shown = Object.keys(entry.body).filter((k) => k !== "version");
    const pick = (source) => JSON.stringify(Object.fromEntries(shown.map((k) => [k, source[k]])), null, 1);
    const mine = el("div"); mine.append(el("strong", msg("Yours")), el("pre", pick(entry.body)));
    const theirs = el("div"); theirs.append(el("strong", msg("Server")), el("pre", pick(server)));
    box.append(mine, theirs);
    return box;
  }

  async function keepServer(entry) {
    const record = state.households.find((h) => h.code === entry.household);
    const server = entry.result.server;
    if (record) {
      record.row = state.meta.householdColumns.map((c) => (c === "village__code" ? server.village : server[c]));
      record.members = server.members.map((m) => state.meta.memberColumns.map((c) => (c === "household__code" ? server.code : m[c])));
      record.search = searchText(record, state.meta);
      await FieldDB.put("households", record);
    }
    await FieldDB.del("outbox", entry.seq);
  }

  async function act(entry, action) {
    if (action === "delete") await FieldDB.del("outbox", entry.seq);
    if (action === "keep-server") await keepServer(entry);
    if (action === "keep-mine") {
      entry.body.version = entry.result.server.version;
      Object.assign(entry, { key: Outbox.newKey(), state: "waiting", result: null });
      await FieldDB.put("outbox", entry);
    }
    if (action === "correct") {
      openHousehold(entry.household);
      state.editing = entry.seq;
      openForm(entry.kind, entry.body);
      return;
    }
    await load();
    await renderOutbox();
    if (action === "keep-mine") sendNow();
  }

  async function renderOutbox() {
    const entries = (await FieldDB.all("outbox")).sort((a, b) => a.seq - b.seq);
    $("[data-outbox-count]").textContent = entries.filter((e) => e.state === "waiting").length;
    const list = $("[data-outbox]");
    list.replaceChildren();
    entries.forEach((entry) => {
      const li = el("li", null, { class: "state-" + entry.state, "data-seq": entry.seq });
      const names = { waiting: msg("Waiting"), accepted: msg("Accepted"), refused: msg("Refused"), conflict: msg("Conflict") };
      li.append(el("strong", entry.label), " · ", el("span", names[entry.state], { "data-state": entry.state }));
      if (entry.state === "refused") li.append(el("p", entry.result.detail || "", { "data-reason": "" }));
      if (entry.state === "conflict") li.append(el("p", entry.result.detail || ""), versions(entry));
      const buttons = { refused: ["correct", "delete"], conflict: ["keep-mine", "keep-server"], accepted: ["delete"] }[entry.state] || [];
      const words = { correct: msg("Correct"), delete: msg("Delete"), "keep-mine": msg("KeepMine"), "keep-server": msg("KeepServer") };
      buttons.forEach((b) => {
        const button = el("button", words[b], { type: "button", "data-entry-action": b });
        button.addEventListener("click", () => act(entry, b));
        li.append(" ", button);
      });
      list.append(li);
    });
  }

  function showConnection() {
    const badge = $("[data-online]");
    badge.textContent = navigator.onLine ? msg("Online") : msg("Offline");
    badge.classList.toggle("offline", !navigator.onLine);
  }

  async function start() {
    await enforcePolicy();
    await load();
    await renderOutbox();
    showConnection();
    $("[data-q]").addEventListener("input", (e) => search(e.target.value));
    root.addEventListener("click", (e) => {
      const target = e.target.closest("button");
      if (!target) return;
      if (target.dataset.code) openHousehold(target.dataset.code);
      if (target.dataset.open) { state.editing = null; openForm(target.dataset.open); }
      if (target.dataset.action === "download") download();
      if (target.dataset.action === "send") sendNow();
      if (target.dataset.action === "close") target.closest("form").hidden = true;
      if (target.dataset.action === "add-member") memberRow(null);
    });
    $$("form[data-form]").forEach((f) => f.addEventListener("submit", save));
    window.addEventListener("online", () => { showConnection(); sendNow(); });
    window.addEventListener("offline", showConnection);
    if (navigator.onLine) {
      if ((await checkStatus()) === "ok") await enforcePolicy();
      sendNow();
    }
    root.dataset.ready = "1";
  }

  start();
})();
