/* Entries made on the phone wait here and are sent in the order they were made, each with
   its own Idempotency-Key: a retry after a lost answer never records an entry twice. */
"use strict";
const Outbox = (() => {
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

  async function settle(entry, response) {
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (response.ok) {
      entry.state = "accepted";
    } else if (response.status === 409 && data.server) {
      entry.state = "conflict";
    } else if (response.status >= 500) {
      return false;
    } else {
      entry.state = "refused";
    }
    entry.result = data;
    entry.status = response.status;
    entry.sentAt = Date.now();
    await FieldDB.put("outbox", entry);
    return true;
  }

  /* Send every waiting entry of ``user`` in order; stop at the first lost connection. */
  async function sendAll(user, onChange) {
    const entries = (await FieldDB.all("outbox")).sort((a, b) => a.seq - b.seq);
    for (const entry of entries) {
      if (entry.state !== "waiting" || entry.user !== user) continue;
      let response;
      try {
        response = await request(entry);
      } catch (e) {
        return "offline";
      }
      if (response.status === 403 && response.headers.get("Content-Type") !== "application/json") return "signin";
      if (!(await settle(entry, response))) return "error";
      if (onChange) onChange(entry);
    }
    return "done";
  }

  return {
    add,
    newKey,
    send(user, onChange) {
      if (!sending) sending = sendAll(user, onChange).finally(() => { sending = null; });
      return sending;
    },
    waiting: async () => (await FieldDB.all("outbox")).filter((e) => e.state === "waiting").length,
  };
})();
