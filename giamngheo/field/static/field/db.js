/* The phone's store (IndexedDB): "meta" (who, when, columns, tasks), "households" (the offline
   copy, compact rows) and "outbox" (entries waiting to be sent, in order). */
"use strict";
const FieldDB = (() => {
  const NAME = "giamngheo-field";
  let opening = null;

  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const request = indexedDB.open(NAME, 1);
        request.onupgradeneeded = () => {
          const db = request.result;
          db.createObjectStore("meta");
          db.createObjectStore("households", { keyPath: "code" });
          db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
        };
        request.onsuccess = () => {
          const db = request.result;
          // A wipe (logout on another tab) asks open connections to close.
          db.onversionchange = () => { db.close(); opening = null; };
          resolve(db);
        };
        request.onerror = () => reject(request.error);
      });
    }
    return opening;
  }

  function run(store, mode, work) {
    return open().then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const result = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    }));
  }

  return {
    get: (store, key) => run(store, "readonly", (s) => s.get(key)),
    all: (store) => run(store, "readonly", (s) => s.getAll()),
    count: (store) => run(store, "readonly", (s) => s.count()),
    put: (store, value, key) => run(store, "readwrite", (s) => (key === undefined ? s.put(value) : s.put(value, key))),
    del: (store, key) => run(store, "readwrite", (s) => s.delete(key)),
    replaceAll: (store, values) => run(store, "readwrite", (s) => { s.clear(); values.forEach((v) => s.put(v)); }),
    clear: (store) => run(store, "readwrite", (s) => s.clear()),
    close: () => (opening ? opening.then((db) => { db.close(); opening = null; }) : Promise.resolve()),
    /* Everything of the field app on this phone: the copy, the outbox, the cached app. */
    wipe: () => FieldDB.close().then(() => new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(NAME);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    })).then(() => (self.caches ? caches.keys().then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("giamngheo-field-")).map((k) => caches.delete(k)))) : null)),
    /* Lower-case without Vietnamese marks, đ as d: the server's core.search.fold. */
    fold: (text) => String(text || "").replace(/[đĐ]/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/\s+/).filter(Boolean).join(" "),
  };
})();
