/* On every page: install the field app's service worker, and wipe the phone's offline copy
   when the user signs out (the server also sends Clear-Site-Data). */
"use strict";
(() => {
  const script = document.currentScript;
  if ("serviceWorker" in navigator && script && script.dataset.sw && script.dataset.user) {
    navigator.serviceWorker.register(script.dataset.sw, { scope: "/" }).catch(() => undefined);
  }
  const logout = script && script.dataset.logout;
  if (!logout) return;
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.action || new URL(form.action, location.href).pathname !== logout || form.dataset.wiped) return;
    event.preventDefault();
    if (typeof FieldDB !== "undefined" || "indexedDB" in window) {
      const waiting = await waitingEntries();
      if (waiting > 0 && !window.confirm(script.dataset.warn.replace("{n}", waiting))) return;
      await wipe();
    }
    form.dataset.wiped = "1";
    form.submit();
  });

  function waitingEntries() {
    return new Promise((resolve) => {
      const request = indexedDB.open("giamngheo-field");
      request.onupgradeneeded = () => { request.transaction.abort(); resolve(0); };
      request.onerror = () => resolve(0);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("outbox")) { db.close(); return resolve(0); }
        const all = db.transaction("outbox").objectStore("outbox").getAll();
        all.onsuccess = () => { db.close(); resolve(all.result.filter((e) => e.state === "waiting").length); };
        all.onerror = () => { db.close(); resolve(0); };
      };
    });
  }

  function wipe() {
    if (typeof FieldDB !== "undefined") return FieldDB.wipe();
    return new Promise((resolve) => {
      const request = indexedDB.deleteDatabase("giamngheo-field");
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    }).then(() => (window.caches ? caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("giamngheo-field-")).map((k) => caches.delete(k)))) : null));
  }
})();
