/* Entries made on the phone wait here and are sent in the order they were made, each with
   its own Idempotency-Key: a retry after a lost answer never records an entry twice. */
"use strict";
const Outbox = (() => {
  const BATCH = 25;
  let sending = null;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function add(entry) {
    return FieldDB.put("outbox", Object.assign({ key: newKey(), state: "waiting", made: Date.now() }, entry));
  }

  function request(entry) {
    const headers = { "Idempotency-Key": entry.key, "X-CSRFToken": csrfToken(), Accept: "application/json" };
    let body;
    if (entry.photo || entry.multipart) {
      body = new FormData();
      Object.entries(entry.body).forEach(([name, value]) => {
        (Array.isArray(value) ? value : [value]).forEach((v) => body.append(name, v === null ? "" : v));
      });
      if (entry.photo) body.append("attachment", entry.photo, entry.photoName || "anh.jpg");
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(entry.body);
    }
    return fetch(entry.url, { method: entry.method || "POST", headers, body, credentials: "same-origin" });
  }

  async function settle(entry, status, data) {
    if (status >= 500) return false;
    if (status >= 200 && status < 300) entry.state = "accepted";
    else if (status === 409 && data && data.server) entry.state = "conflict";
    else entry.state = "refused";
    entry.result = data || {};
    entry.status = status;
    entry.sentAt = Date.now();
    await FieldDB.put("outbox", entry);
    return true;
  }

  const unsigned = (response) => response.status === 403 && !(response.headers.get("Content-Type") || "").includes("json");

  async function sendOne(entry) {
    let response;
    try { response = await request(entry); } catch (e) { return "offline"; }
    if (unsigned(response)) return "signin";
    const data = await response.json().catch(() => ({}));
    return (await settle(entry, response.status, data)) ? "ok" : "error";
  }

  /* Entries without a photo go together, in order, BATCH at a time (one round trip). */
  async function sendBatch(group, batchUrl) {
    const entries = group.map((e) => ({ key: e.key, method: e.method || "POST",
      path: new URL(e.url, location.href).pathname, body: e.body }));
    let response;
    try {
      response = await fetch(batchUrl, { method: "POST", credentials: "same-origin", body: JSON.stringify({ entries }),
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() } });
    } catch (e) {
      return "offline";
    }
    if (unsigned(response)) return "signin";
    if (!response.ok) return "error";
    const results = (await response.json()).results;
    for (let k = 0; k < group.length; k++) {
      if (!(await settle(group[k], results[k].status, results[k].body))) return "error";
    }
    return "ok";
  }

  /* Send every waiting entry of ``user`` in order; stop at the first lost connection. */
  async function sendAll(user, onChange, batchUrl) {
    const entries = (await FieldDB.all("outbox")).sort((a, b) => a.seq - b.seq)
      .filter((e) => e.state === "waiting" && e.user === user);
    let i = 0;
    while (i < entries.length) {
      const group = [];
      const changed = new Set(); // a second change to a household waits for the first's new version
      while (i < entries.length && group.length < BATCH && !entries[i].multipart
             && !(entries[i].method === "PATCH" && changed.has(entries[i].household))) {
        if (entries[i].method === "PATCH") changed.add(entries[i].household);
        group.push(entries[i++]);
      }
      if (!group.length) group.push(entries[i++]);
      const result = group.length === 1 ? await sendOne(group[0]) : await sendBatch(group, batchUrl);
      if (result !== "ok") return result;
      for (const entry of group) if (onChange) await onChange(entry);
    }
    return "done";
  }

  return {
    add,
    newKey,
    send(user, onChange, batchUrl) {
      if (!sending) sending = sendAll(user, onChange, batchUrl).finally(() => { sending = null; });
      return sending;
    },
    waiting: async () => (await FieldDB.all("outbox")).filter((e) => e.state === "waiting").length,
  };
})();
