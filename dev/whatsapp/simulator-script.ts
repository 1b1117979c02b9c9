/**
 * The simulator page's browser script, as plain JavaScript text (it runs in the browser, not in Node,
 * so it is not compiled). Every piece of data goes into the DOM through textContent or attributes,
 * never innerHTML: message text comes from the app and from whoever types into the page.
 */
export const SIMULATOR_SCRIPT = String.raw`
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const store = window.localStorage;
  const state = {
    number: store.getItem("wa-sim.number") || "27821234567",
    profile: store.getItem("wa-sim.profile") || "Thandi Sandbox",
    rendered: "",
    openLists: new Set(),
    items: [],
  };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function api(path, body) {
    const init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, init);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
    return data;
  }

  function notice(text, kind) {
    const bar = $("notice");
    bar.textContent = text || "";
    bar.className = text ? "notice " + (kind || "error") : "notice";
  }

  async function send(message, contextWamid) {
    if (!/^\d{8,15}$/.test(state.number)) return notice("Pick a number: 8 to 15 digits, country code first (e.g. 27821234567).");
    try {
      const result = await api("/sim/api/send", { from: state.number, profileName: state.profile, message, contextWamid });
      if (result.status < 200 || result.status > 299) notice("The app answered the webhook with HTTP " + result.status + " (after Meta-style retries).");
      else notice("");
    } catch (error) {
      notice(error.message);
    }
    void refresh();
  }

  function time(at) {
    return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function statusMark(item) {
    const marks = { accepted: "\u{1F552}", sent: "\u2713", delivered: "\u2713\u2713", read: "\u2713\u2713" };
    if (item.status === "failed") return el("span", "tick failed", "\u26A0 " + (item.error ? item.error.title : "failed"));
    return el("span", "tick " + item.status, marks[item.status] || "");
  }

  function safeHref(link) {
    return /^https?:\/\//i.test(link) ? link : "#";
  }

  function mediaLink(item) {
    const link = el("a", "doc", "\u{1F4C4} " + (item.filename || (item.type === "image" ? "Image" : "Document")));
    link.href = item.mediaId ? "/sim/media/" + encodeURIComponent(item.mediaId) : safeHref(item.link || "");
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function quoted(item, byId) {
    const original = item.contextWamid ? byId.get(item.contextWamid) : undefined;
    return original ? el("div", "quote", original.text || original.type) : null;
  }

  function outboundBubble(item, byId) {
    const bubble = el("div", "bubble out");
    const quote = quoted(item, byId);
    if (quote) bubble.append(quote);
    if (item.type === "template") bubble.append(el("div", "label", "Template \u00B7 " + (item.template ? item.template.name : "")));
    if (item.header) bubble.append(el("div", "header", item.header));
    if (item.type === "document" || (item.type === "image" && !item.mediaId)) bubble.append(mediaLink(item));
    if (item.type === "image" && item.mediaId) {
      const image = el("img", "photo");
      image.src = "/sim/media/" + encodeURIComponent(item.mediaId);
      image.alt = item.text || "image";
      bubble.append(image);
    }
    const text = item.display || item.text;
    if (text) bubble.append(el("div", "text", text));
    if (item.footer) bubble.append(el("div", "footer", item.footer));
    bubble.append(meta(item.at, statusMark(item)));
    const wrap = el("div", "row left");
    wrap.append(bubble);
    if (item.buttons.length > 0) wrap.append(item.listButton ? listMenu(item) : replyButtons(item));
    return wrap;
  }

  function replyButtons(item) {
    const box = el("div", "choices");
    for (const button of item.buttons) {
      const tap = el("button", "choice", button.title);
      tap.type = "button";
      // A template's quick reply arrives as type "button" with its payload; an interactive one as button_reply.
      tap.addEventListener("click", () => send(item.type === "template" ? { type: "button", payload: button.id, text: button.title } : { type: "button_reply", id: button.id, title: button.title }, item.wamid));
      box.append(tap);
    }
    return box;
  }

  function listMenu(item) {
    const box = el("div", "choices");
    const toggle = el("button", "choice menu", "\u2630 " + item.listButton);
    toggle.type = "button";
    toggle.addEventListener("click", () => {
      if (state.openLists.has(item.wamid)) state.openLists.delete(item.wamid);
      else state.openLists.add(item.wamid);
      state.rendered = "";
      void refresh();
    });
    box.append(toggle);
    if (state.openLists.has(item.wamid)) {
      for (const row of item.buttons) {
        const tap = el("button", "choice row-choice");
        tap.type = "button";
        tap.append(el("span", "row-title", row.title));
        if (row.description) tap.append(el("span", "row-description", row.description));
        tap.addEventListener("click", () => {
          state.openLists.delete(item.wamid);
          void send({ type: "list_reply", id: row.id, title: row.title, description: row.description || undefined }, item.wamid);
        });
        box.append(tap);
      }
    }
    return box;
  }

  function inboundBubble(item, byId) {
    const bubble = el("div", "bubble in");
    const quote = quoted(item, byId);
    if (quote) bubble.append(quote);
    if (item.type === "document" || item.type === "image") bubble.append(mediaLink({ ...item, filename: item.type === "document" ? item.text : "Photo" }));
    if (item.type !== "document") bubble.append(el("div", "text", item.text));
    else if (item.caption) bubble.append(el("div", "text", item.caption));
    const hook = item.webhookStatus === null ? "\u2026" : item.webhookStatus === 0 ? "webhook unreachable" : "webhook " + item.webhookStatus;
    const mark = el("span", "tick " + (item.readByBusiness ? "read" : "sent"), item.readByBusiness ? "\u2713\u2713" : "\u2713");
    const info = meta(item.at, mark);
    info.prepend(el("span", item.webhookStatus >= 200 && item.webhookStatus < 300 ? "hook ok" : "hook bad", hook));
    bubble.append(info);
    const wrap = el("div", "row right");
    wrap.append(bubble);
    return wrap;
  }

  function meta(at, mark) {
    const line = el("div", "meta");
    line.append(el("span", "time", time(at)), mark);
    return line;
  }

  function render(view) {
    const windowLine = $("window");
    windowLine.textContent = view.windowOpen
      ? "24-hour window open until " + new Date(view.windowClosesAt).toLocaleString()
      : view.windowClosesAt ? "24-hour window closed: only templates are delivered" : "This number never wrote: only templates are delivered";
    windowLine.className = view.windowOpen ? "window open" : "window closed";
    const key = JSON.stringify([view.items, [...state.openLists]]);
    if (key === state.rendered) return;
    state.rendered = key;
    state.items = view.items;
    const chat = $("chat");
    const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
    const byId = new Map(view.items.map((item) => [item.wamid, item]));
    chat.replaceChildren(...view.items.map((item) => (item.direction === "out" ? outboundBubble(item, byId) : inboundBubble(item, byId))));
    if (view.items.length === 0) chat.append(el("div", "empty", "No messages yet. Say hi to the bot below."));
    if (atBottom) chat.scrollTop = chat.scrollHeight;
  }

  async function refresh() {
    if (!/^\d{8,15}$/.test(state.number)) return;
    try {
      const view = await api("/sim/api/conversation?number=" + encodeURIComponent(state.number));
      render(view);
      if (document.visibilityState === "visible" && view.items.some((item) => item.direction === "out" && item.status === "delivered")) {
        await api("/sim/api/read", { number: state.number });
      }
    } catch (error) {
      notice(error.message);
    }
  }

  async function refreshChats() {
    try {
      const data = await api("/sim/api/state");
      $("business").textContent = data.business.verifiedName + " \u00B7 +" + data.business.displayPhoneNumber;
      const list = $("chats");
      list.replaceChildren(...data.chats.map((chat) => {
        const option = el("option");
        option.value = chat.number;
        if (chat.profileName) option.label = chat.profileName;
        return option;
      }));
      if (!data.webhookConfigured) notice("No webhook URL is set yet: messages you send cannot reach the app.", "warn");
    } catch (error) {
      notice(error.message);
    }
  }

  function choose() {
    state.number = $("number").value.replace(/[^\d]/g, "");
    state.profile = $("profile").value.trim() || "Sandbox User";
    store.setItem("wa-sim.number", state.number);
    store.setItem("wa-sim.profile", state.profile);
    state.rendered = "";
    state.openLists.clear();
    if (!/^\d{8,15}$/.test(state.number)) return notice("A number is 8 to 15 digits, country code first (e.g. 27821234567).");
    notice("");
    void refresh();
  }

  $("number").value = state.number;
  $("profile").value = state.profile;
  $("number").addEventListener("change", choose);
  $("profile").addEventListener("change", choose);
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = $("text");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    void send({ type: "text", text });
  });
  $("attach").addEventListener("change", () => {
    const choice = $("attach").value;
    $("attach").value = "";
    if (choice === "image") void send({ type: "image", caption: "A photo" });
    if (choice === "location") void send({ type: "location", latitude: -33.9249, longitude: 18.4241 });
    if (choice === "document") void send({ type: "document", filename: "payslip.pdf" });
    if (choice === "audio") void send({ type: "audio" });
  });
  void refreshChats();
  void refresh();
  setInterval(refresh, 1000);
  setInterval(refreshChats, 5000);
})();
`;
